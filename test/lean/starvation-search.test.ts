// The liveness columns checked against an exhaustive search of the exported rules: where Lean
// has a starvation witness the search finds a stuck unsettled state for that goal, where it has
// none the search finds none (at these bounds), and no variant has a cycle of forced steps. The
// search is test code (test/helpers/starvation-search.ts), not a proof; docs/model.md quotes it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileModel, failedInit, type Model } from "../../src/checker/interp.ts";
import { parseRules, repoRoot } from "../../src/checker/rules.ts";
import type { Scalar } from "../../src/contract/rules/types.ts";
import { VARIANTS, type Variant } from "../../src/contract/vocabulary.ts";
import { committedVerdicts } from "../helpers/lean-properties.ts";
import { searchStarvation } from "../helpers/starvation-search.ts";

const verdicts = committedVerdicts();
const live = verdicts.properties.filter((p) => p.goal !== undefined);
const unforced = new Set<string>(live.flatMap((p) => p.unforced ?? []));

function model(variant: Variant, bounds: Record<string, number>): Model {
  const file = path.join(repoRoot, "lean", "rules", `${variant}.json`);
  const doc = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  const rd = parseRules({ ...doc, invariants: live.map((p) => ({ name: p.name, expr: p.goal, theorems: [] })) }, file);
  if (!rd.ok) throw new Error(rd.error);
  const cm = compileModel(rd.value, bounds);
  if (!cm.ok) throw new Error(cm.error);
  return cm.value;
}

/** Lean's `restored` (Spec/Model.lean): every handle a restored, routed, stored shape that every
 * transaction touches; every other cell at its default. */
function restored(m: Model): Scalar[] {
  return m.layout.keys.map((k, i) => {
    const name = k.replace(/\[.*$/, "");
    if (name === "status") return "present";
    if (name === "storage") return "present";
    if (name === "router" || name === "touches") return true;
    return m.layout.owner[i]!.default;
  });
}

function run(variant: Variant, bounds: Record<string, number>) {
  const m = model(variant, bounds);
  const s0 = restored(m);
  expect(failedInit(m, s0), `${variant}: restored is initial`).toEqual([]);
  return searchStarvation(m, s0, m.invariants, unforced, 200_000);
}

const b1 = { H: 1, C: 1, K: 1, T: 1 };
/** Bounds past b1 where the search still finishes in seconds (the largest: 68,866 states). */
const LARGER = [{ H: 1, C: 2, K: 1, T: 1 }, { H: 2, C: 1, K: 1, T: 1 }, { H: 2, C: 2, K: 1, T: 1 }, { H: 1, C: 2, K: 2, T: 1 }];

describe("the liveness verdicts against an exhaustive search of the exported rules", () => {
  it("exports two liveness goals with the same unforced labels, and forces every step of the system", () => {
    expect(live.map((p) => p.name)).toEqual(["removalStarves", "ackStarves"]);
    for (const p of live) expect(p.stateProperty, p.name).toBe(false);
    expect([...unforced].sort()).toEqual(["CacheStartFail", "ConsumerCrash", "ConsumerKill", "ConsumerSelfClean", "ConsumerSuspend", "RemoveShape", "SlcFail", "TxnArrive"]);
  });

  it("at H=C=K=T=1 the search finds a stuck unsettled state exactly where Lean has a starvation witness, and no cycle of forced steps", () => {
    for (const v of VARIANTS) {
      const r = run(v, b1);
      expect(r.forcedCycleStates, `${v}: a cycle of forced steps`).toBe(0);
      for (const p of live) {
        const witnesses = verdicts.theorems.filter((t) => t.kind === "witness" && t.variant === v && t.property === p.name);
        expect(r.stuck.has(p.name), `${v} ${p.name}: search found ${JSON.stringify(r.stuck.get(p.name))}, Lean witnesses ${witnesses.map((t) => t.name).join(", ") || "none"}`).toBe(witnesses.length > 0);
        if (witnesses.length > 0) {
          const shortest = Math.min(...witnesses.map((t) => t.schedule!.length));
          expect(r.stuck.get(p.name)!.length, `${v} ${p.name}: the search's schedule is no longer than Lean's`).toBeLessThanOrEqual(shortest);
        }
      }
    }
  });

  it("FixA and SerializedRemoval: nothing stuck unsettled (bound-limited states aside) and no forced cycle at larger bounds either", () => {
    for (const v of ["FixA", "SerializedRemoval"] as const) {
      for (const b of LARGER) {
        const r = run(v, b);
        console.log(`starvation search ${v} ${JSON.stringify(b)}: ${r.states} states, ${r.boundLimited} bound-limited stuck states, nothing else stuck unsettled, no forced cycle`);
        expect(r.states, `${v} ${JSON.stringify(b)}`).toBeGreaterThan(4000);
        expect([...r.stuck.keys()], `${v} ${JSON.stringify(b)}: ${JSON.stringify([...r.stuck])}`).toEqual([]);
        expect(r.forcedCycleStates, `${v} ${JSON.stringify(b)}`).toBe(0);
      }
    }
  });

  it("PreFix, FixA2 and FixC: no stuck state leaves a transaction un-acknowledged and no forced cycle at those bounds (removals may starve)", () => {
    for (const v of ["PreFix", "FixA2", "FixC"] as const) {
      for (const b of LARGER) {
        const r = run(v, b);
        console.log(`starvation search ${v} ${JSON.stringify(b)}: ${r.states} states, stuck goals ${JSON.stringify([...r.stuck.keys()])}, no forced cycle`);
        expect(r.states, `${v} ${JSON.stringify(b)}`).toBeGreaterThan(3000);
        expect(r.stuck.get("ackStarves"), `${v} ${JSON.stringify(b)}`).toBeUndefined();
        expect(r.forcedCycleStates, `${v} ${JSON.stringify(b)}`).toBe(0);
      }
    }
  });
});
