import { describe, expect, it } from "vitest";
import { VARIANTS } from "../../src/contract/vocabulary.ts";
import type { Action, Variant } from "../../src/contract/vocabulary.ts";
import { loadScenarioFile, toSystemInit } from "../../src/scenario/load.ts";
import type { SystemInit } from "../../src/impl/system.ts";
import { explore } from "../../src/sched/explorer.ts";
import type { ExploreReport, PropertyVerdict } from "../../src/sched/explorer.ts";
import type { PropertyId } from "../../src/sched/properties.ts";
import { confirms, replayUntil, shrink } from "../../src/sched/shrinker.ts";
import { System } from "../../src/impl/system.ts";
import { Prng } from "../../src/sched/prng.ts";

function initFor(name: string, v: Variant): SystemInit {
  const l = loadScenarioFile(`traces/scenarios/${name}.yaml`);
  if (!l.ok) throw new Error("scenario");
  const i = toSystemInit(l.scenario, v);
  if (!i.ok) throw new Error("init");
  return i.init;
}

const verdict = (r: ExploreReport, p: PropertyId): PropertyVerdict => {
  const v = r.verdicts.find((x) => x.property === p);
  if (!v) throw new Error(p);
  return v;
};

const opts = { mode: "exhaustive" as const, maxStates: 100000, seed: 1, walks: 100, maxDepth: 100 };

describe("explorer on the race recipe", () => {
  const reports = new Map(VARIANTS.map((v) => [v, explore(initFor("race-recipe", v), opts)]));

  it("explores the whole state space of every variant", () => {
    for (const r of reports.values()) expect(r.complete).toBe(true);
  });
  it("finds the PreFix crash, shrunk to at most 8 steps ending in SlcCrash", () => {
    const v = verdict(reports.get("PreFix")!, "noSendNilCrash");
    expect(v.violated).toBe(true);
    expect(v.failure).toBe(false);
    expect(v.shrunk!.actions.length).toBeLessThanOrEqual(8);
    expect(v.shrunk!.actions.at(-1)?.label).toBe("SlcCrash");
  });
  it("finds no crash under any fix", () => {
    for (const f of ["FixA", "FixA2", "FixB", "FixC"] as const) expect(verdict(reports.get(f)!, "noSendNilCrash").violated, f).toBe(false);
  });
  it("the window is reachable under PreFix, FixA, FixA2 and not under FixB", () => {
    for (const f of ["PreFix", "FixA", "FixA2"] as const) expect(verdict(reports.get(f)!, "noRaceWindow").violated, f).toBe(true);
    expect(verdict(reports.get("FixB")!, "noRaceWindow").violated).toBe(false);
  });
  it("reports the orphan-consumer interleaving for every variant, with no deadlock anywhere", () => {
    for (const v of VARIANTS) {
      expect(verdict(reports.get(v)!, "noOrphanConsumer").violated, v).toBe(true);
      expect(verdict(reports.get(v)!, "noDeadlock").violated, v).toBe(false);
      expect(reports.get(v)!.verdicts.some((x) => x.failure), v).toBe(false);
    }
  });
  it("a fix that crashes is a failure (FixB on a stale router entry)", () => {
    const r = explore(initFor("stale-router-entry", "FixB"), opts);
    expect(verdict(r, "noSendNilCrash").failure).toBe(true);
  });
  it("FixB is not robust to an external SLC failure between the router ack and the status removal", () => {
    const r = explore(initFor("smallest-all", "FixB"), opts);
    expect(r.complete).toBe(true);
    const crash = verdict(r, "noSendNilCrash");
    expect(crash.failure).toBe(true);
    expect(crash.shrunk!.actions.map((a) => a.label)).toContain("SlcFail");
    expect(verdict(r, "noRaceWindow").failure).toBe(true);
    // the nil filter (FixA, FixA2) keeps the SLC alive under the same failures
    for (const v of ["FixA", "FixA2"] as const) expect(verdict(explore(initFor("smallest-all", v), opts), "noSendNilCrash").violated, v).toBe(false);
  });
  it("random mode finds the PreFix crash too, and its counterexample shrinks", () => {
    const r = explore(initFor("race-recipe", "PreFix"), { ...opts, mode: "random" });
    const v = verdict(r, "noSendNilCrash");
    expect(v.violated).toBe(true);
    expect(v.shrunk!.actions.length).toBeLessThanOrEqual(8);
  });
  it("is deterministic", () => {
    const a = explore(initFor("race-recipe", "FixA"), opts);
    const b = explore(initFor("race-recipe", "FixA"), opts);
    expect(a.states).toBe(b.states);
    expect(a.verdicts.map((v) => v.shrunk?.actions)).toEqual(b.verdicts.map((v) => v.shrunk?.actions));
  });
});

describe("shrinker", () => {
  it("reduces a long random failing schedule to a confirmed short one", () => {
    const init = initFor("race-recipe", "PreFix");
    // find a long random schedule that crashes
    let failing: Action[] | undefined;
    for (let seed = 1; failing === undefined && seed < 500; seed++) {
      const rng = new Prng(seed);
      const sys = System.create(init);
      const path: Action[] = [];
      for (let i = 0; i < 60; i++) {
        const en = sys.enabled();
        if (en.length === 0) break;
        const a = en[rng.int(en.length)]!;
        path.push(a);
        if (sys.apply(a).outcome === "crash") { if (path.length >= 7) failing = [...path]; break; }
      }
    }
    expect(failing).toBeDefined();
    // pad with irrelevant steps the lenient replay will skip
    const padded = [...failing!.slice(0, 3), ...failing!, ...failing!.slice(0, 2)];
    const r = shrink(init, padded, "noSendNilCrash");
    expect(r.actions.length).toBe(7);
    expect(confirms(init, r.actions, "noSendNilCrash")).toBe(true);
    expect(replayUntil(init, r.actions.slice(0, -1), "noSendNilCrash")).toBeNull();
  });
});
