// Reading lean/rules/verdicts.json: bounded read, JSON with line:column on a syntax error, the
// ajv schema, then the cross-references ajv cannot see (declared properties, kinds with the data
// they need). Errors are values naming the file and what was expected.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { ajvMessage } from "../ajv-message.ts";
import type { Result } from "../result.ts";
import { err, ok } from "../result.ts";
import { PROJECT_ROOT } from "../../util/project-root.ts";
import { verdictsSchema } from "./schema.ts";
import type { VerdictsDoc } from "./types.ts";

export const DEFAULT_VERDICTS_FILE = path.join(PROJECT_ROOT, "lean", "rules", "verdicts.json");
/** The export is a few hundred KiB; refuse anything far larger before reading it. */
export const MAX_VERDICTS_BYTES = 16 * 1024 * 1024;

let validate: ReturnType<Ajv["compile"]> | undefined;

export function loadVerdicts(file: string = DEFAULT_VERDICTS_FILE): Result<VerdictsDoc> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err(code === "ENOENT" ? `${file}: verdict export not found (Lean writes it; run \`npm run prove\`)` : `${file}: cannot read: ${code ?? (e as Error).message}`);
  }
  if (size > MAX_VERDICTS_BYTES) return err(`${file}: ${size} bytes, more than the ${MAX_VERDICTS_BYTES} a verdict export may have`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return err(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseVerdicts(text, file);
}

/** Parse and validate the text of a verdict export; `source` names it in errors. */
export function parseVerdicts(text: string, source: string): Result<VerdictsDoc> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return err(`${source}:${jsonErrorPlace(text, (e as Error).message)}: malformed JSON, expected a verdict export (${VERDICTS_FORMAT_HINT})`);
  }
  validate ??= new Ajv({ allErrors: false, strict: false }).compile(verdictsSchema);
  if (!validate(doc)) return err(`${source}: not a valid verdict export: ${ajvMessage(validate.errors)}`);
  const d = doc as VerdictsDoc;
  const refs = crossCheck(d);
  return refs === undefined ? ok(d) : err(`${source}: ${refs}`);
}

const VERDICTS_FORMAT_HINT = "format electric-race-verdicts/1, docs/contracts.md \"Verdicts\"";

/** "line:col" of a JSON syntax error: V8's "at position N" when it gives one, else the end of
 * the longest prefix that is still the start of a valid document (binary search, error path only). */
function jsonErrorPlace(text: string, msg: string): string {
  const m = /position (\d+)/.exec(msg);
  const pos = m ? Number(m[1]) : firstBadOffset(text);
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  const col = pos - before.lastIndexOf("\n");
  return `${line}:${col}`;
}

function viablePrefix(t: string): boolean {
  try {
    JSON.parse(t);
    return true;
  } catch (e) {
    const msg = (e as Error).message;
    if (/end of JSON input/.test(msg)) return true;
    const at = /position (\d+)/.exec(msg);
    return at !== null && Number(at[1]) >= t.length;
  }
}

function firstBadOffset(text: string): number {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (viablePrefix(text.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function crossCheck(d: VerdictsDoc): string | undefined {
  const declared = new Map(d.properties.map((p) => [p.name, p]));
  if (declared.size !== d.properties.length) return "properties: a property is declared twice";
  for (const [i, p] of d.properties.entries()) {
    if (p.goal !== undefined && p.stateProperty !== false) return `/properties/${i} (${p.name}): a property with a liveness goal must be declared not a state property`;
  }
  for (const [v, inv] of Object.entries(d.invariants)) {
    for (const p of Object.keys(inv)) {
      const decl = declared.get(p);
      if (decl === undefined) return `/invariants/${v}/${p}: property '${p}' is not declared in /properties`;
      if (decl.stateProperty === false) return `/invariants/${v}/${p}: '${p}' is declared not a state property, so it has no invariant`;
    }
  }
  for (const [i, t] of d.theorems.entries()) {
    const at = `/theorems/${i} (${t.name})`;
    if (t.property !== null && !declared.has(t.property)) return `${at}: property '${t.property}' is not declared in /properties`;
    if (t.kind === "supporting") continue;
    if (t.variant === null || t.property === null) return `${at}: a ${t.kind} verdict needs a variant and a property`;
    if (t.kind === "safetyAtBounds" && t.bounds === null) return `${at}: safetyAtBounds needs bounds`;
    if (t.kind === "witness" && (t.bounds === null || t.schedule === null || t.initial === null)) return `${at}: a witness needs bounds, a schedule and an initial state`;
  }
  return undefined;
}
