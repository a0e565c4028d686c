// The implementation and the Lean rules, explored exhaustively at bounds 2 on the same
// scenario, reach the same states: every state the implementation reaches (projected onto the
// contract cells) is one the rules reach, and once the two known differences below are taken
// out of the rules' choices, the rules reach no other state (same number of distinct states).
//
// The known differences (the rules allow more than the implementation does; both were found by
// this test and are open questions for the fidelity issue, not settled here):
//  1. SlcBroadcast: the implementation waits until no delivered consumer is still `starting`
//     (its handle_event call queues behind {:initialize_shape}); the rules deliver at once.
//  2. SlcResolve*: the implementation resolves the routed handles in ascending order, one at a
//     time; the rules may resolve any pending handle next.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VARIANTS } from "../../src/contract/vocabulary.ts";
import type { Variant } from "../../src/contract/vocabulary.ts";
import type { RulesDoc, Scalar } from "../../src/contract/rules/types.ts";
import { compileModel } from "../../src/checker/interp.ts";
import type { Model } from "../../src/checker/interp.ts";
import { exploreRules, initialVector } from "../../src/checker/explore-rules.ts";
import type { Restriction } from "../../src/checker/explore-rules.ts";
import { System } from "../../src/impl/system.ts";
import type { SystemInit } from "../../src/impl/system.ts";
import { loadScenarioFile, toSystemInit } from "../../src/scenario/load.ts";
import { scenarioStart } from "../../src/sched/rules-scenario.ts";
import { makeCodec } from "../../src/sched/state-codec.ts";
import { StateStore } from "../../src/util/state-store.ts";

const SCENARIO = "test/sched/fixtures/bounds2.yaml";
const MAX = 1_000_000;

function setup(v: Variant): { init: SystemInit; model: Model } {
  const l = loadScenarioFile(SCENARIO);
  if (!l.ok) throw new Error(`${SCENARIO}: ${JSON.stringify(l.errors)}`);
  const i = toSystemInit(l.scenario, v);
  if (!i.ok) throw new Error(`${SCENARIO}: ${JSON.stringify(i.errors)}`);
  const rules = JSON.parse(readFileSync(`lean/rules/${v}.json`, "utf8")) as RulesDoc;
  const m = compileModel(rules, i.init.bounds);
  if (!m.ok) throw new Error(`lean/rules/${v}.json: ${m.error}`);
  return { init: i.init, model: m.value };
}

/** Distinct contract projections of every state the implementation reaches. */
function implProjections(init: SystemInit, keys: readonly string[]): Set<string> {
  const codec = makeCodec(init);
  const store = new StateStore(codec.words, MAX);
  const root = System.create(init);
  store.insert(codec.encode(root), 0, -1, 0);
  const out = new Set<string>();
  for (let id = 0; id < store.size; id++) {
    const s = id === 0 ? root : codec.decode(store.buffer(), id * codec.words);
    const cells = s.project();
    out.add(keys.map((k) => JSON.stringify(cells.get(k))).join(","));
    for (const a of s.enabled()) {
      const c = s.clone();
      c.apply(a);
      if (store.insert(codec.encode(c), 0, id, 0) === -2) throw new Error("implementation state budget exhausted");
    }
  }
  return out;
}

/** The two known differences, as restrictions on the rules' choices (see the file comment). */
function knownDifferences(H: number): Restriction {
  return (action, p, cell) => {
    if (action === "SlcBroadcast") {
      for (let h = 0; h < H; h++) if (cell(`pubState[${h}]`) === "consumer" && cell(`cons[${String(cell(`pubConsumer[${h}]`))}]`) === "starting") return false;
    }
    if (action === "SlcResolveAsk" || action === "SlcResolveRegistered") {
      for (let h = 0; h < (p.h ?? 0); h++) if (cell(`pubState[${h}]`) === "pending") return false;
    }
    return true;
  };
}

function rulesStates(m: Model, init: readonly Scalar[], restrict: Restriction): { states: Set<string>; complete: boolean } {
  const states = new Set<string>();
  const r = exploreRules(m, init, { maxStates: MAX, restrict, onState: (s) => states.add(s.map((x) => JSON.stringify(x)).join(",")) });
  if (!r.ok) throw new Error(r.error);
  expect(r.report.states).toBe(states.size);
  return { states, complete: r.report.complete };
}

describe("implementation and Lean rules at bounds 2 (fixtures/bounds2.yaml)", () => {
  for (const v of VARIANTS) {
    it(`${v}: every implementation state is a rules state, and without the two known differences the counts are equal`, () => {
      const { init, model } = setup(v);
      expect(init.bounds).toEqual({ H: 2, C: 2, K: 2, T: 2 });
      const start = scenarioStart(init);
      const vec = initialVector(model, start.cells);
      if (!vec.ok) throw new Error(vec.error);
      const impl = implProjections(init, model.layout.keys);
      const all = rulesStates(model, vec.value, start.restrict);
      expect(all.complete).toBe(true);
      const missing = [...impl].filter((k) => !all.states.has(k));
      expect(missing.slice(0, 3), `${v}: implementation states the rules do not reach`).toEqual([]);
      const gaps = knownDifferences(init.bounds.H);
      const restricted = rulesStates(model, vec.value, (a, p, cell) => start.restrict(a, p, cell) && gaps(a, p, cell));
      expect(restricted.states.size, v).toBe(impl.size);
      expect([...restricted.states].filter((k) => !impl.has(k)).slice(0, 3)).toEqual([]);
      // The differences are real: the unrestricted rules reach strictly more.
      expect(all.states.size, v).toBeGreaterThan(impl.size);
    });
  }
});
