// The differential test beyond the smallest bounds: Lean's random walks at H=C=K=T=2
// (lean/rules/<Variant>.walks.json, format electric-race-walks/1, written by the export in
// Spec/Model.lean). At every state of every walk Lean recorded, for EVERY action and binding in
// canonical order, the mask of failing guard conjuncts and, for each enabled one, the cells its
// successor changes. Here (1) the checker's interpreter must agree on every mask and every
// successor, (2) the walks must enable every rule of the variant and make every guard conjunct
// fail somewhere, and (3) the implementation, run in lockstep from the same initial class, must
// offer each step Lean took (or stop where a documented restriction applies) and reach the same
// cells. A missing walks file fails.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bindEnv, bindings, compileModel, failedGuards, successor, type CompiledAction, type Model } from "../../src/checker/interp.ts";
import { parseRules, repoRoot } from "../../src/checker/rules.ts";
import type { RulesDoc, Scalar, VarType } from "../../src/contract/rules/types.ts";
import { VARIANTS, type Variant } from "../../src/contract/vocabulary.ts";
import { parseScenario, toSystemInit } from "../../src/scenario/load.ts";
import { System } from "../../src/impl/system.ts";
import { implRestriction } from "../helpers/differential.ts";

interface WalkStep { m: number[]; d: number[][]; c: number }
interface Walk { class: number; init: number[]; steps: WalkStep[] }
interface WalksDoc { format: string; variant: string; bounds: Record<string, number>; cells: string[]; walks: Walk[]; rulesFingerprint?: string }

const dir = process.env.RULES_DIR ?? path.join(repoRoot, "lean", "rules");

function load(v: Variant): { doc: WalksDoc; rules: RulesDoc; m: Model } {
  const doc = JSON.parse(readFileSync(path.join(dir, `${v}.walks.json`), "utf8")) as WalksDoc;
  const rf = path.join(dir, `${v}.json`);
  const rd = parseRules(JSON.parse(readFileSync(rf, "utf8")), rf);
  if (!rd.ok) throw new Error(rd.error);
  const cm = compileModel(rd.value, doc.bounds);
  if (!cm.ok) throw new Error(cm.error);
  return { doc, rules: rd.value, m: cm.value };
}

/** Lean's value code (`code` in Spec/Model.lean) back to a cell value, by the variable's type. */
function decoder(rules: RulesDoc): (cell: string, code: number) => Scalar {
  const types = new Map<string, VarType>(rules.variables.map((v) => [v.name, v.type]));
  return (cell, code) => {
    const t = types.get(cell.replace(/\[.*$/, ""));
    if (t === undefined) throw new Error(`walks: unknown cell ${cell}`);
    if ("bool" in t) return code === 1;
    if ("int" in t) return code - 1;
    const name = t.enum[code];
    if (name === undefined) throw new Error(`walks: ${cell} has no enum member ${code}`);
    return name;
  };
}

interface Candidate { readonly a: CompiledAction; readonly params: Record<string, number> }

function candidates(m: Model, rules: RulesDoc): Candidate[] {
  const out: Candidate[] = [];
  for (const r of rules.actions) {
    const a = m.actions.get(r.name)!;
    for (const params of bindings(a)) out.push({ a, params });
  }
  return out;
}

/** Walk scenarios: the three initial classes of `walkInit` in Spec/Model.lean, every environment
 * action on, one removal per chain slot with the slot's own handle (the walks follow only those). */
function scenarioText(cls: number): string {
  const shapes = cls === 1
    ? "  - { handle: 0, status: present }\n  - { handle: 1, status: absent }\n"
    : "  - { handle: 0, status: present }\n  - { handle: 1, status: present }\n";
  const touches = cls === 0 ? ["[0, 1]", "[0, 1]"] : cls === 1 ? ["[0]", "[0, 1]"] : ["[1]", "[0]"];
  return `name: walk-class-${cls}
bounds: { H: 2, C: 2, K: 2, T: 2 }
shapes:
${shapes}transactions:
  - touches: ${touches[0]}
  - touches: ${touches[1]}
removals:
  - { handle: 0, chain: 0, by: api }
  - { handle: 1, chain: 1, by: api }
environment: { suspend: true, crash: true, selfClean: true, kill: true, slcFail: true, startFail: true }
`;
}

function systemFor(cls: number, v: Variant): System {
  const l = parseScenario(scenarioText(cls), `walk-class-${cls}.yaml`);
  if (!l.ok) throw new Error(JSON.stringify(l.errors));
  const init = toSystemInit(l.scenario, v);
  if (!init.ok) throw new Error(JSON.stringify(init.errors));
  return System.create(init.init);
}

interface Result {
  masks: number; successors: number; mismatches: string[];
  enabledRules: Set<string>; failedConjuncts: Set<string>;
  lockstepSteps: number; lockstepStops: string[]; implMismatches: string[];
}

function runWalks(v: Variant, perturb?: (a: CompiledAction, post: Scalar[]) => void, implSkips?: string): Result {
  const { doc, rules, m } = load(v);
  const decode = decoder(rules);
  const slots = doc.cells.map((k) => {
    const s = m.layout.slotOf.get(k);
    if (s === undefined) throw new Error(`walks: cell ${k} is not in the rules' layout`);
    return s;
  });
  expect(slots.length).toBe(m.layout.size);
  const cands = candidates(m, rules);
  const r: Result = { masks: 0, successors: 0, mismatches: [], enabledRules: new Set(), failedConjuncts: new Set(), lockstepSteps: 0, lockstepStops: [], implMismatches: [] };
  doc.walks.forEach((w, wi) => {
    let s: Scalar[] = new Array<Scalar>(m.layout.size);
    w.init.forEach((code, k) => (s[slots[k]!] = decode(doc.cells[k]!, code)));
    let impl: System | undefined = systemFor(w.class, v);
    const implCells = (sys: System) => sys.project();
    const sameAsImpl = (st: Scalar[], where: string): void => {
      if (impl === undefined) return;
      const cells = implCells(impl);
      const diff = doc.cells.filter((k, i) => cells.get(k) !== st[slots[i]!]);
      if (diff.length) r.implMismatches.push(`${where}: implementation differs on ${diff.map((k) => `${k} (Lean ${JSON.stringify(st[m.layout.slotOf.get(k)!])}, impl ${JSON.stringify(cells.get(k))})`).join(", ")}`);
    };
    sameAsImpl(s, `${v} walk ${wi} initial state`);
    w.steps.forEach((step, si) => {
      const where = `${v} walk ${wi} step ${si}`;
      expect(step.m.length, `${where}: candidate count`).toBe(cands.length);
      const nexts: Scalar[][] = [];
      const enabledCands: Candidate[] = [];
      cands.forEach((c, ci) => {
        const env = bindEnv(c.a, c.params);
        const failed = new Set(failedGuards(c.a, s, env));
        const mask = c.a.guards.reduce((acc, g, gi) => acc + (failed.has(g.name) ? 2 ** gi : 0), 0);
        c.a.guards.forEach((g, gi) => { if ((step.m[ci]! >> gi) & 1) r.failedConjuncts.add(`${c.a.rule.name}.${g.name}`); });
        r.masks++;
        if (mask !== step.m[ci]) {
          r.mismatches.push(`${where} ${c.a.rule.name}${JSON.stringify(c.params)}: Lean mask ${step.m[ci]}, interpreter ${mask} (failing: ${[...failed].join(", ") || "none"})`);
          return;
        }
        if (mask !== 0) return;
        r.enabledRules.add(c.a.rule.name);
        const diff = step.d[nexts.length];
        if (diff === undefined) { r.mismatches.push(`${where}: Lean recorded fewer successors than enabled candidates`); return; }
        const exp = s.slice();
        for (let i = 0; i < diff.length; i += 2) exp[slots[diff[i]!]!] = decode(doc.cells[diff[i]!]!, diff[i + 1]!);
        const post = successor(c.a, s, env);
        perturb?.(c.a, post);
        r.successors++;
        const bad = m.layout.keys.filter((_, k) => post[k] !== exp[k]);
        if (bad.length) r.mismatches.push(`${where} ${c.a.rule.name}${JSON.stringify(c.params)}: successor differs on ${bad.join(", ")}`);
        nexts.push(exp);
        enabledCands.push(c);
      });
      if (step.c < 0) return;
      const chosen = enabledCands[step.c]!;
      const next = nexts[step.c]!;
      if (impl !== undefined) {
        const offered = impl.enabled().find((a) => a.label === chosen.a.rule.name && Object.entries(chosen.params).every(([k, x]) => (a.params as Record<string, number | undefined>)[k] === x));
        if (offered === undefined) {
          const why = implRestriction(chosen.a.rule.name, chosen.params, Object.fromEntries(m.layout.keys.map((k, i) => [k, s[i]])));
          r.lockstepStops.push(`${chosen.a.rule.name}${JSON.stringify(chosen.params)} — ${why ?? "UNEXPLAINED"}`);
          impl = undefined;
        } else {
          if (offered.label !== implSkips) impl.apply(offered); // implSkips: an implementation that ignores one rule
          r.lockstepSteps++;
          sameAsImpl(next, `${where} after ${chosen.a.rule.name}${JSON.stringify(chosen.params)}`);
        }
      }
      s = next;
    });
  });
  return r;
}

describe("Lean's random walks at H=C=K=T=2", () => {
  const results = new Map<Variant, Result>();
  for (const v of VARIANTS) {
    it(`${v}: the interpreter agrees with Lean on every guard mask and successor of every walk state`, () => {
      const r = runWalks(v);
      results.set(v, r);
      expect(r.mismatches).toEqual([]);
      expect(r.masks).toBeGreaterThan(10_000);
      expect(r.successors).toBeGreaterThan(1_000);
    });
  }

  // What no walk can reach, because no reachable state of any size has it: FixB has no
  // CleanerSlcRemove, so nothing ever sets pendingRemove and the batch rules are dead; in FixC
  // a requested handle is routed and never absent and no resolution is nil
  // (fixC_invariant_allBounds), so CacheCheckNoShape and SlcCrash are dead and no_nil never fails;
  // in SerializedRemoval likewise (serializedRemoval_noNilCrash_allBounds).
  // The exhaustive b1 tables agree (checked below).
  const dead: Record<Variant, { rules: string[]; conjuncts: string[] }> = {
    PreFix: { rules: [], conjuncts: [] }, FixA: { rules: [], conjuncts: [] }, FixA2: { rules: [], conjuncts: [] },
    // FixB: clean_shape's chain never finishes while ShapeCache waits for it (its first step
    // waits for the collector, which waits for ShapeCache): CacheCleanReturn is dead too
    FixB: { rules: ["BatcherFlush", "SlcApplyBatch", "CacheCleanReturn"], conjuncts: ["BatcherFlush.no_batch_in_flight"] },
    FixC: { rules: ["CacheCheckNoShape", "SlcCrash"], conjuncts: ["SlcBroadcast.no_nil"] },
    // the same for SerializedRemoval: a routed shape stays present until its publish ends
    SerializedRemoval: { rules: ["CacheCheckNoShape", "SlcCrash"], conjuncts: ["SlcBroadcast.no_nil"] },
  };
  it("the walks enable every live rule of every variant and make every guard conjunct fail somewhere", () => {
    for (const v of VARIANTS) {
      const r = results.get(v) ?? runWalks(v);
      const { rules } = load(v);
      const never = rules.actions.filter((a) => !r.enabledRules.has(a.name)).map((a) => a.name);
      expect(never, `${v}: rules never enabled on a walk`).toEqual(dead[v].rules);
      const conjuncts = rules.actions.flatMap((a) => a.guards.map((g) => `${a.name}.${g.name}`));
      expect(conjuncts.filter((c) => !r.failedConjuncts.has(c)), `${v}: guard conjuncts never failing on a walk`).toEqual(dead[v].conjuncts);
      const table = JSON.parse(readFileSync(path.join(dir, `${v}.table.json`), "utf8")) as { transitions: { action: string; to?: number }[] };
      for (const d of dead[v].rules) expect(table.transitions.some((t) => t.action === d && t.to !== undefined), `${v}: ${d} is enabled in the b1 table`).toBe(false);
    }
  });

  it("the implementation follows Lean's walks in lockstep with the same cells, stopping only at documented restrictions", () => {
    for (const v of VARIANTS) {
      const r = results.get(v) ?? runWalks(v);
      expect(r.implMismatches, v).toEqual([]);
      expect(r.lockstepSteps, `${v}: steps compared with the implementation`).toBeGreaterThan(100);
      const reasons = new Map<string, number>();
      for (const x of r.lockstepStops) { const why = x.slice(x.indexOf(" — ") + 3).replace(/:.*$/, ""); reasons.set(why, (reasons.get(why) ?? 0) + 1); }
      console.log(`walks ${v}: ${r.masks} guard masks and ${r.successors} successors compared with the interpreter; the implementation in lockstep for ${r.lockstepSteps} steps, ${r.lockstepStops.length} walks stopped early (${[...reasons].map(([k, n]) => `${n}× ${k}`).join(", ") || "none"})`);
      const unexplained = r.lockstepStops.filter((s) => s.endsWith("UNEXPLAINED"));
      expect(unexplained, `${v}: Lean steps the implementation did not offer`).toEqual([]);
    }
  });

  it("fails when the interpreter is made to disagree with Lean on one rule", () => {
    const r = runWalks("FixA2", (a, post) => { if (a.rule.name === "SlcApplyBatch") post[0] = post[0] === "absent" ? "present" : "absent"; });
    expect(r.mismatches.some((x) => x.includes("SlcApplyBatch"))).toBe(true);
  });

  it("fails when the implementation is made to disagree with Lean on one rule", () => {
    const r = runWalks("PreFix", undefined, "CleanerStorage");
    expect(r.implMismatches.some((x) => x.includes("after CleanerStorage"))).toBe(true);
  });
});
