// The verdict export Lean writes (lean/rules/verdicts.json): which theorem says what about which
// variant and property. The site's matrix is computed from this document alone; nothing here
// knows a verdict of its own.
import { Ajv } from "ajv";
import type { Effect, Expr } from "../../contract/rules/types.ts";
import type { Result } from "../../contract/result.ts";
import { ajvMessage } from "../../contract/ajv-message.ts";

export type { Effect, Expr };

export const VERDICTS_FORMAT = "electric-race-verdicts/1";

export type VerdictKind = "safetyAllBounds" | "safetyAtBounds" | "witness" | "liveness" | "supporting";
export type VerdictBounds = { H: number; C: number; K: number; T: number };

export interface ScheduleStep {
  action: string;
  args: number[];
}

export interface VerdictTheorem {
  name: string;
  module: string;
  variant: string | null;
  property: string | null;
  kind: VerdictKind;
  bounds: VerdictBounds | null;
  assumptions: string[];
  claim: string;
  schedule: ScheduleStep[] | null;
  initial: string | null;
}

export interface VerdictsDoc {
  format: typeof VERDICTS_FORMAT;
  properties: { name: string; description: string }[];
  invariants: Record<string, Record<string, unknown>>;
  theorems: VerdictTheorem[];
}

const nat = { type: "integer", minimum: 0 };
const schema = {
  type: "object",
  required: ["format", "properties", "invariants", "theorems"],
  properties: {
    format: { const: VERDICTS_FORMAT },
    properties: {
      type: "array", maxItems: 1000,
      items: { type: "object", required: ["name", "description"], properties: { name: { type: "string", minLength: 1 }, description: { type: "string" } } },
    },
    invariants: { type: "object", additionalProperties: { type: "object" } },
    theorems: {
      type: "array", maxItems: 10000,
      items: {
        type: "object",
        required: ["name", "module", "variant", "property", "kind", "bounds", "assumptions", "claim", "schedule", "initial"],
        properties: {
          name: { type: "string", minLength: 1 },
          module: { type: "string" },
          variant: { type: ["string", "null"] },
          property: { type: ["string", "null"] },
          kind: { enum: ["safetyAllBounds", "safetyAtBounds", "witness", "liveness", "supporting"] },
          bounds: {
            anyOf: [{ type: "null" }, { type: "object", required: ["H", "C", "K", "T"], properties: { H: nat, C: nat, K: nat, T: nat } }],
          },
          assumptions: { type: "array", items: { type: "string" } },
          claim: { type: "string" },
          schedule: {
            anyOf: [
              { type: "null" },
              {
                type: "array", maxItems: 100000,
                items: { type: "object", required: ["action", "args"], properties: { action: { type: "string" }, args: { type: "array", maxItems: 16, items: nat } } },
              },
            ],
          },
          initial: { type: ["string", "null"] },
        },
      },
    },
  },
} as const;

let validate: ReturnType<Ajv["compile"]> | undefined;

/** Validate a parsed verdicts document; errors name `source` and the JSON path. */
export function parseVerdicts(doc: unknown, source: string): Result<VerdictsDoc> {
  validate ??= new Ajv({ allErrors: false, strict: false }).compile(schema);
  if (!validate(doc)) return { ok: false, error: `${source}: not a verdicts export (${VERDICTS_FORMAT}): ${ajvMessage(validate.errors)}` };
  const d = doc as VerdictsDoc;
  const props = new Set(d.properties.map((p) => p.name));
  for (const [i, t] of d.theorems.entries()) {
    if (t.property !== null && !props.has(t.property)) return { ok: false, error: `${source}: /theorems/${i}/property: '${t.property}' is not among /properties` };
    if (t.kind === "witness" && t.schedule === null) return { ok: false, error: `${source}: /theorems/${i}/schedule: a witness theorem needs its schedule` };
    if (t.kind === "safetyAtBounds" && t.bounds === null) return { ok: false, error: `${source}: /theorems/${i}/bounds: a safetyAtBounds theorem needs its bounds` };
  }
  return { ok: true, value: d };
}

/** What a matrix cell shows, strongest first; "undecided" when no theorem speaks to it. */
export type CellVerdict = "witness" | "allBounds" | "atBounds" | "undecided";

export interface MatrixEntry {
  theorem: string;
  kind: VerdictKind;
  bounds: VerdictBounds | null;
  assumptions: string[];
}

export interface MatrixCell {
  variant: string;
  property: string;
  verdict: CellVerdict;
  entries: MatrixEntry[];
}

function entryVerdict(e: MatrixEntry): CellVerdict {
  if (e.kind === "witness") return "witness";
  if (e.kind === "safetyAllBounds") return "allBounds";
  if (e.kind === "safetyAtBounds") return "atBounds";
  return e.bounds === null ? "allBounds" : "atBounds"; // liveness: as its bounds say
}

const STRENGTH: readonly CellVerdict[] = ["witness", "allBounds", "atBounds", "undecided"];

/**
 * The variant × property matrix. A cell lists every theorem exported for it (kind, bounds,
 * assumptions); its headline verdict is the first of witness, all bounds, at bounds that some
 * entry has, so a witness that needs an assumption (e.g. an external crash) still shows next to
 * a safety result that excludes it.
 */
export function verdictMatrix(doc: VerdictsDoc, variants: readonly string[]): MatrixCell[][] {
  return variants.map((variant) =>
    doc.properties.map((p) => {
      const entries = doc.theorems
        .filter((t) => t.variant === variant && t.property === p.name && t.kind !== "supporting")
        .map((t) => ({ theorem: t.name, kind: t.kind, bounds: t.bounds, assumptions: t.assumptions }));
      const verdict = STRENGTH.find((v) => entries.some((e) => entryVerdict(e) === v)) ?? "undecided";
      return { variant, property: p.name, verdict, entries };
    }),
  );
}

export const VERDICT_TEXT: Readonly<Record<CellVerdict, string>> = {
  witness: "reachable by witness",
  allBounds: "proved for all bounds",
  atBounds: "proved at stated bounds",
  undecided: "not decided",
};

export function entryText(e: MatrixEntry): string {
  const v = entryVerdict(e);
  if (v === "atBounds" && e.bounds) return `proved at H=${e.bounds.H} C=${e.bounds.C} K=${e.bounds.K} T=${e.bounds.T}`;
  return VERDICT_TEXT[v] + (e.kind === "liveness" ? " (liveness)" : "");
}
