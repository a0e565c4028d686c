// The Lean-owned verdict description (lean/rules/verdicts.json, written by
// lean/ElectricRace/Verdicts.lean): checked here without Lean, against headline.toml, the
// exported rules and transition tables, and the Lean source of the entries.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseToml } from "smol-toml";
import { bindEnv, bindings, compileModel, failedGuards, successor, type Model } from "../../src/checker/interp.ts";
import { parseRules, repoRoot } from "../../src/checker/rules.ts";
import { leanSourcesSha256 } from "../../src/prover/lean-sources.ts";
import type { Scalar } from "../../src/contract/rules/types.ts";

interface VerdictEntry {
  name: string;
  module: string;
  variant: string | null;
  property: string | null;
  kind: string;
  bounds: { H: number; C: number; K: number; T: number } | null;
  assumptions: string[];
  claim: string;
  schedule: { action: string; args: number[] }[] | null;
  initial: string | null;
}
interface Verdicts {
  format: string;
  sourceSha256?: string;
  properties: { name: string; description: string; stateProperty: boolean; goal?: unknown; unforced?: string[] }[];
  invariants: Record<string, Record<string, unknown>>;
  theorems: VerdictEntry[];
}

const lean = path.join(repoRoot, "lean");
const verdictsFile = path.join(lean, "rules", "verdicts.json");
const readJson = <T>(file: string): T => {
  if (!existsSync(file)) throw new Error(`${file} does not exist: run \`npm run prove\` to export it`);
  return JSON.parse(readFileSync(file, "utf8")) as T;
};
const verdicts = (): Verdicts => readJson<Verdicts>(verdictsFile);

const models = new Map<string, Model>();

/** The variant's rules with the verdict invariants in place of its own, compiled at its bounds. */
function modelWithProperties(variant: string, v: Verdicts): Model {
  const cached = models.get(variant);
  if (cached !== undefined) return cached;
  const file = path.join(lean, "rules", `${variant}.json`);
  const doc = readJson<Record<string, unknown>>(file);
  const invariants = Object.entries(v.invariants[variant] ?? {}).map(([name, expr]) => ({ name, expr, theorems: [] }));
  const rd = parseRules({ ...doc, invariants }, file);
  if (!rd.ok) throw new Error(rd.error);
  const cm = compileModel(rd.value, rd.value.bounds);
  if (!cm.ok) throw new Error(cm.error);
  models.set(variant, cm.value);
  return cm.value;
}

function initialState(m: Model, variant: string): Scalar[] {
  const table = readJson<{ init: number; states: Record<string, Scalar>[] }>(path.join(lean, "rules", `${variant}.table.json`));
  const cells = table.states[table.init]!;
  const s = new Array<Scalar>(m.layout.size);
  for (const [k, val] of Object.entries(cells)) s[m.layout.slotOf.get(k)!] = val;
  return s;
}

const holds = (m: Model, s: readonly Scalar[], property: string): boolean => {
  const g = m.invariants.find((x) => x.name === property);
  if (g === undefined) throw new Error(`no invariant expression for ${property}`);
  return g.fn(s, []) === true;
};

/** Quiescence as Lean's `quiescentE` (Spec/Properties.lean) states it, restated here so that the
deadlock witnesses are checked independently of the Lean export: every chain idle, done or
aborted; nothing pending, batched or requested; mailbox empty; collector idle; ShapeCache idle;
no un-acknowledged transaction. */
function quiescent(m: Model, s: readonly Scalar[]): boolean {
  const at = (k: string): Scalar => s[m.layout.slotOf.get(k)!]!;
  const H = m.bounds["H"] ?? 0, K = m.bounds["K"] ?? 0;
  for (let k = 0; k < K; k++) if (!["idle", "done", "aborted"].includes(String(at(`chainPc[${k}]`)))) return false;
  for (let h = 0; h < H; h++) for (const c of ["pendingRemove", "batchRemove", "removeNow"]) if (at(`${c}[${h}]`) !== false) return false;
  return at("mbox") === "empty" && at("slc") === "idle" && at("sc") === "idle" && at("unacked") === -1;
}

/** The actions other than the external crash `SlcFail` enabled in `s`, over every binding. */
function enabledBesidesSlcFail(m: Model, s: readonly Scalar[]): string[] {
  const out: string[] = [];
  for (const [label, a] of m.actions) {
    if (label === "SlcFail") continue;
    for (const params of bindings(a)) if (failedGuards(a, s, bindEnv(a, params)).length === 0) out.push(`${label} ${JSON.stringify(params)}`);
  }
  return out;
}

/** A deadlock witness's end condition (kind `deadlockWitness` in Verdicts.lean): work in
progress and nothing but `SlcFail` enabled. (Not bound-limited: ShapeCache is not at `checked`.) */
const deadlocked = (m: Model, s: readonly Scalar[]): boolean =>
  !quiescent(m, s) && enabledBesidesSlcFail(m, s).length === 0 && s[m.layout.slotOf.get("sc")!] !== "checked";

/** The variant's rules with the liveness goals of the export as its invariants. */
function modelWithGoals(variant: string, v: Verdicts): Model {
  const file = path.join(lean, "rules", `${variant}.json`);
  const doc = readJson<Record<string, unknown>>(file);
  const invariants = v.properties.filter((p) => p.goal !== undefined).map((p) => ({ name: p.name, expr: p.goal, theorems: [] }));
  const rd = parseRules({ ...doc, invariants }, file);
  if (!rd.ok) throw new Error(rd.error);
  const cm = compileModel(rd.value, rd.value.bounds);
  if (!cm.ok) throw new Error(cm.error);
  return cm.value;
}

/** The removal goal as Lean's `removalSettledE` (Spec/Liveness.lean) states it, restated here so
that the starvation witnesses are checked independently of the exported goal: every chain that has
started has its shape out of the router, and no live consumer owns that shape. */
function removalSettled(m: Model, s: readonly Scalar[]): boolean {
  const at = (k: string): Scalar => s[m.layout.slotOf.get(k)!]!;
  const C = m.bounds["C"] ?? 0, K = m.bounds["K"] ?? 0;
  for (let k = 0; k < K; k++) {
    if (at(`chainPc[${k}]`) === "idle") continue;
    const h = at(`chainHandle[${k}]`);
    if (at(`router[${String(h)}]`) === true) return false;
    for (let c = 0; c < C; c++) if (["starting", "running"].includes(String(at(`cons[${c}]`))) && at(`owner[${c}]`) === h) return false;
  }
  return true;
}
const ackSettled = (m: Model, s: readonly Scalar[]): boolean => s[m.layout.slotOf.get("unacked")!] === -1;

/** The forced steps enabled in `s` (every binding): the actions whose label is not unforced. */
function forcedEnabled(m: Model, s: readonly Scalar[], unforced: readonly string[]): string[] {
  const out: string[] = [];
  for (const [label, a] of m.actions) {
    if (unforced.includes(label)) continue;
    for (const params of bindings(a)) if (failedGuards(a, s, bindEnv(a, params)).length === 0) out.push(`${label} ${JSON.stringify(params)}`);
  }
  return out;
}

/** Stuck only because the consumer-id bound is used up (Lean's `BoundLimited`). */
function boundLimited(m: Model, s: readonly Scalar[]): boolean {
  const at = (k: string): Scalar => s[m.layout.slotOf.get(k)!]!;
  return at("sc") === "checked" && Number(at("nextConsumer")) >= (m.bounds["C"] ?? 0) && at(`registry[${String(at("scHandle"))}]`) === -1;
}

describe("verdicts.json (Lean-owned verdict description)", () => {
  it("has the fixed vocabulary, valid kinds, and an invariant per state property and variant", async () => {
    const v = verdicts();
    expect(v.format).toBe("electric-race-verdicts/1");
    expect(v.sourceSha256, "verdicts.json was exported from other Lean sources: run `npm run prove`").toBe(await leanSourcesSha256(lean));
    const names = v.properties.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["nilCrash", "raceWindow", "routedNotPresent", "orphanDelivery", "quiescentOrphan", "deadlock", "txnLoss"]));
    for (const variant of ["PreFix", "FixA", "FixA2", "FixB", "FixC"]) {
      expect(Object.keys(v.invariants[variant] ?? {}).sort()).toEqual(v.properties.filter((p) => p.stateProperty).map((p) => p.name).sort());
    }
    for (const t of v.theorems) {
      const where = `${t.name} (${t.property})`;
      expect(["safetyAllBounds", "safetyAtBounds", "witness", "liveness", "supporting"], where).toContain(t.kind);
      if (t.property !== null) expect(names, where).toContain(t.property);
      if (t.kind === "witness" || t.kind === "safetyAtBounds") expect(t.bounds, where).not.toBeNull();
      if (t.kind === "safetyAllBounds") expect(t.bounds, where).toBeNull();
      if (t.kind === "liveness") {
        // for every Bounds, about a liveness goal, with its fairness assumptions stated
        expect(t.bounds, where).toBeNull();
        expect(["removalStarves", "ackStarves"], where).toContain(t.property);
        expect(t.assumptions.length, where).toBeGreaterThan(0);
        // a cell proved live has no counterexample among the witnesses
        expect(v.theorems.filter((w) => w.kind === "witness" && w.variant === t.variant && w.property === t.property).map((w) => w.name), where).toEqual([]);
      }
      if (t.kind !== "supporting") expect(t.variant, where).not.toBeNull();
      if (t.kind === "witness") {
        expect(t.schedule?.length, where).toBeGreaterThan(0);
        expect(t.initial, where).toBe("restored");
      }
    }
  });

  it("agrees with lean/headline.toml: the same theorems, modules and claims", () => {
    const v = verdicts();
    const toml = parseToml(readFileSync(path.join(lean, "headline.toml"), "utf8")) as { theorem: { name: string; module: string; claim: string }[] };
    const fromVerdicts = new Map<string, { module: string; claim: string }>();
    for (const t of v.theorems) fromVerdicts.set(t.name, { module: t.module, claim: t.claim });
    expect(toml.theorem.map((t) => t.name).sort()).toEqual([...fromVerdicts.keys()].sort());
    for (const t of toml.theorem) expect({ module: t.module, claim: t.claim }, t.name).toEqual(fromVerdicts.get(t.name));
  });

  it("no witness claim holds in its variant's initial state, and replaying its schedule reaches a violation", () => {
    const v = verdicts();
    const witnesses = v.theorems.filter((t) => t.kind === "witness");
    expect(witnesses.length).toBeGreaterThan(10);
    expect(witnesses.filter((t) => t.property === "deadlock").map((t) => t.name)).toEqual(["ElectricRace.fixB_deadlock_shapeCache_clean"]);
    expect(witnesses.filter((t) => t.property === "removalStarves").map((t) => t.variant).sort()).toEqual(["FixA2", "FixB", "FixB", "FixB", "FixC", "PreFix"]);
    expect(witnesses.filter((t) => t.property === "ackStarves").map((t) => t.variant)).toEqual(["FixB"]);
    for (const t of witnesses) {
      const where = `${t.name} (${t.variant}, ${t.property})`;
      const m = modelWithProperties(t.variant!, v);
      expect(t.bounds, `${where}: witnesses are replayed at the table's bounds`).toEqual(m.bounds);
      let s = initialState(m, t.variant!);
      const decl = v.properties.find((p) => p.name === t.property)!;
      const goals = decl.goal !== undefined ? modelWithGoals(t.variant!, v) : undefined;
      const settled = t.property === "removalStarves" ? removalSettled : t.property === "ackStarves" ? ackSettled : undefined;
      const starved = (st: readonly Scalar[]): boolean => {
        const exported = holds(goals!, st, t.property!);
        expect(exported, `${where}: the exported goal and the test's restatement disagree`).toBe(settled!(m, st));
        return !exported && !boundLimited(m, st) && forcedEnabled(m, st, decl.unforced ?? []).length === 0;
      };
      const violated = (st: readonly Scalar[]): boolean =>
        t.property === "deadlock" ? deadlocked(m, st) : goals !== undefined ? starved(st) : !holds(m, st, t.property!);
      expect(violated(s), `${where}: the claim already holds in the initial state, so the witness says nothing`).toBe(false);
      for (const [i, step] of t.schedule!.entries()) {
        const a = m.actions.get(step.action);
        expect(a, `${where}: step ${i + 1} ${step.action} is not an action of ${t.variant}`).toBeDefined();
        const params = Object.fromEntries(a!.params.map((p, k) => [p.name, step.args[k] ?? 0]));
        const env = bindEnv(a!, params);
        expect(failedGuards(a!, s, env), `${where}: step ${i + 1} ${step.action} is not enabled`).toEqual([]);
        s = successor(a!, s, env);
      }
      expect(violated(s), `${where}: the schedule does not end in a violation`).toBe(true);
    }
  });

  it("every entry of lean/ElectricRace/Verdicts.lean names the theorem its proof uses", () => {
    const src = readFileSync(path.join(lean, "ElectricRace", "Verdicts.lean"), "utf8");
    const entries = [...src.matchAll(/\{ name := "([^"]+)",[\s\S]*?proof := ([^\n]+?) \}/g)];
    expect(entries.length).toBe(verdicts().theorems.length);
    for (const [, name, proof] of entries) {
      const short = name!.split(".").pop()!;
      const used = [...proof!.matchAll(/@?([A-Za-z_][A-Za-z0-9_'.]*)/g)].map((m) => m[1]!.replace(/^ShapeRemovalRaceSimple\./, "").replace(/\.(1|2)$/, ""));
      expect(used, `${name}: its proof is ${proof}`).toContain(name!.startsWith("ShapeRemovalRaceSimple.") ? short : short);
    }
  });
});
