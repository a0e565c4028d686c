import { describe, expect, it } from "vitest";
import { VARIANTS } from "../../src/contract/vocabulary.ts";
import type { Action, Variant } from "../../src/contract/vocabulary.ts";
import { loadScenarioFile, toSystemInit } from "../../src/scenario/load.ts";
import type { SystemInit } from "../../src/impl/system.ts";
import { explore } from "../../src/sched/explorer.ts";
import type { ExploreReport, PropertyVerdict } from "../../src/sched/explorer.ts";
import { systemCannotMove, type PropertyId } from "../../src/sched/properties.ts";
import { committedVerdicts, leanProperties } from "../helpers/lean-properties.ts";
import { judge, isFailure } from "../../src/sched/judge.ts";
import type { VerdictsDoc } from "../../src/contract/verdicts/types.ts";
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

const base: { mode: "exhaustive" | "random"; maxStates: number; seed: number; walks: number; maxDepth: number } = { mode: "exhaustive", maxStates: 100000, seed: 1, walks: 100, maxDepth: 100 };
const verdicts = committedVerdicts();
/** Explore with Lean's properties for this system; `judged` adds what the export says. */
function run(init: SystemInit, over: Partial<typeof base> = {}, doc: VerdictsDoc = verdicts) {
  const r = explore(init, { ...base, ...over, properties: leanProperties(init, doc) });
  const judged = (p: PropertyId) => {
    const v = verdict(r, p);
    return judge(doc, init.variant, p, init.bounds, r.initialOk, { violated: v.violated, path: (v.shrunk?.actions ?? v.found ?? []).map((a) => a.label) });
  };
  return { r, judged };
}

describe("explorer on the race recipe", () => {
  const runs = new Map(VARIANTS.map((v) => [v, run(initFor("race-recipe", v))]));
  const reports = new Map([...runs].map(([v, x]) => [v, x.r]));

  it("explores the whole state space of every variant", () => {
    for (const r of reports.values()) expect(r.complete).toBe(true);
  });
  it("finds the PreFix crash, shrunk to at most 8 steps ending in SlcCrash", () => {
    const v = verdict(reports.get("PreFix")!, "nilCrash");
    expect(v.violated).toBe(true);
    const j = runs.get("PreFix")!.judged("nilCrash");
    expect(j.kind).toBe("witnessed");
    expect(j.kind === "witnessed" && j.theorems.map((t) => t.name)).toEqual(["ElectricRace.preFix_crash_reachable"]);
    expect(v.shrunk!.actions.length).toBeLessThanOrEqual(8);
    expect(v.shrunk!.actions.at(-1)?.label).toBe("SlcCrash");
  });
  it("finds no crash under any fix", () => {
    for (const f of ["FixA", "FixA2", "FixB", "FixC", "SerializedRemoval"] as const) expect(verdict(reports.get(f)!, "nilCrash").violated, f).toBe(false);
    expect(runs.get("FixA")!.judged("nilCrash")).toMatchObject({ kind: "proved", theorems: [{ name: "ElectricRace.fixA_noNilCrash" }] });
  });
  it("the window is reachable under PreFix, FixA, FixA2 and not under FixB or SerializedRemoval", () => {
    for (const f of ["PreFix", "FixA", "FixA2"] as const) expect(verdict(reports.get(f)!, "raceWindow").violated, f).toBe(true);
    for (const f of ["FixB", "SerializedRemoval"] as const) expect(verdict(reports.get(f)!, "raceWindow").violated, f).toBe(false);
  });
  it("SerializedRemoval: no routed shape is ever not present, nothing reaches an orphan", () => {
    const r = reports.get("SerializedRemoval")!;
    for (const p of ["nilCrash", "startCrash", "raceWindow", "routedNotPresent", "orphanDelivery", "quiescentOrphan", "deadlock"]) expect(verdict(r, p).violated, p).toBe(false);
  });
  it("FixC: a tombstone in the router is routedNotPresent, not raceWindow (two names, Lean's two definitions)", () => {
    expect(verdict(reports.get("FixC")!, "raceWindow").violated).toBe(false);
    expect(runs.get("FixC")!.judged("raceWindow")).toMatchObject({ kind: "proved", theorems: [{ name: "ElectricRace.fixC_noWindow_allBounds" }] });
    const rnp = verdict(reports.get("FixC")!, "routedNotPresent");
    expect(rnp.violated).toBe(true);
    expect(rnp.detail).toContain("status[0]=tombstoned");
    expect(runs.get("FixC")!.judged("routedNotPresent")).toMatchObject({ kind: "witnessed", theorems: [{ name: "ElectricRace.fixC_tombstone_routed" }] });
  });
  it("the orphan interleaving: an orphan at quiescence where the consumer start does not re-read ShapeStatus (except SerializedRemoval), a start_consumer! crash where it does, orphaned storage where that crash kills the removal (PreFix); no deadlock anywhere", () => {
    for (const v of VARIANTS) {
      const rechecks = v === "PreFix" || v === "FixA"; // 1.2.7–1.4.13 (electric.md §5b)
      // SerializedRemoval: the removal waits for the publish, and its stop finds the consumer that publish started
      // PreFix: the crash (send(nil) or start_consumer!) kills the removal after its ShapeStatus step, so its storage stays (before ba6dd2c7d)
      expect(verdict(reports.get(v)!, "quiescentOrphan").violated, v).toBe(v === "PreFix" || (!rechecks && v !== "SerializedRemoval"));
      expect(verdict(reports.get(v)!, "startCrash").violated, v).toBe(rechecks);
      expect(verdict(reports.get(v)!, "deadlock").violated, v).toBe(false);
      expect(reports.get(v)!.verdicts.some((x) => isFailure(runs.get(v)!.judged(x.property))), v).toBe(false);
    }
  });
  it("liveness: the orphan interleaving starves the removal where the consumer start does not re-read ShapeStatus (FixA2, FixB, FixC), as Lean's witnesses predict; nothing starves in PreFix, FixA or SerializedRemoval without a crash", () => {
    const starving = new Map<Variant, string>([["FixA2", "fixA2_removal_starves_orphan"], ["FixB", "fixB_removal_starves_orphan"], ["FixC", "fixC_removal_starves_orphan"]]);
    for (const v of VARIANTS) {
      const r = verdict(reports.get(v)!, "removalStarves");
      expect(r.violated, v).toBe(starving.has(v));
      expect(verdict(reports.get(v)!, "ackStarves").violated, v).toBe(false);
      if (!starving.has(v)) continue;
      expect(r.detail, v).toContain("no forced step is enabled");
      expect(r.shrunk!.actions.map((a) => a.label), v).toEqual(expect.arrayContaining(["CacheCheckOk", "CleanerStop", "CacheStart", "ConsumerInit"]));
      const j = runs.get(v)!.judged("removalStarves");
      expect(j.kind, v).toBe("witnessed");
      expect(j.kind === "witnessed" && j.theorems.map((t) => t.name), v).toContain(`ElectricRace.${starving.get(v)!}`);
    }
    // SerializedRemoval: Lean's liveness theorems (every Bounds, fair runs) cover the search
    for (const [p, t] of [["removalStarves", "serializedRemoval_removal_fairRuns_settle_allBounds"], ["ackStarves", "serializedRemoval_ack_fairRuns_settle_allBounds"]] as const) {
      const j = runs.get("SerializedRemoval")!.judged(p);
      expect(j.kind, p).toBe("proved");
      expect(j.kind === "proved" && j.theorems.map((x) => x.name), p).toEqual([`ElectricRace.${t}`]);
    }
    // FixA2 and FixC: the acknowledgement is proved live for every Bounds (the removal is not: the orphan)
    for (const [v, t] of [["FixA2", "fixA2_ack_fairRuns_settle_allBounds"], ["FixC", "fixC_ack_fairRuns_settle_allBounds"]] as const) {
      const j = runs.get(v)!.judged("ackStarves");
      expect(j.kind, v).toBe("proved");
      expect(j.kind === "proved" && j.theorems.map((x) => x.name), v).toEqual([`ElectricRace.${t}`]);
    }
    // FixA: no liveness theorem, no witness
    expect(runs.get("FixA")!.judged("removalStarves").kind).toBe("notFound");
  });
  it("a starvation found in SerializedRemoval would contradict its liveness theorem, unless the run starts outside Lean's init", () => {
    const bounds = { H: 1, C: 1, K: 1, T: 1 };
    const found = judge(verdicts, "SerializedRemoval", "ackStarves", bounds, true, { violated: true, path: ["TxnArrive"] });
    expect(found.kind).toBe("contradicts");
    expect(found.kind === "contradicts" && found.theorems.map((t) => t.name)).toEqual(["ElectricRace.serializedRemoval_ack_fairRuns_settle_allBounds"]);
    const outside = judge(verdicts, "SerializedRemoval", "ackStarves", bounds, false, { violated: true, path: ["TxnArrive"] });
    expect(outside.kind).toBe("undecided");
    expect(outside.kind === "undecided" && outside.notCovering.map((x) => x.why)).toEqual(["the run does not start in a state satisfying the exported init"]);
  });
  it("a crash from a state outside Lean's init is not covered by FixB's safety theorem (stale router entry)", () => {
    const x = run(initFor("stale-router-entry", "FixB"));
    expect(x.r.initialOk).toBe(false);
    expect(verdict(x.r, "nilCrash").violated).toBe(true);
    expect(isFailure(x.judged("nilCrash"))).toBe(false);
  });
  it("a violation of a property a forged export proves for all bounds is a failure naming the theorem", () => {
    const forged: VerdictsDoc = {
      ...verdicts,
      theorems: [...verdicts.theorems, { name: "Forged.preFix_noNilCrash", module: "Forged", variant: "PreFix", property: "nilCrash", kind: "safetyAllBounds", bounds: null, assumptions: [], claim: "forged", schedule: null, initial: null }],
    };
    const x = run(initFor("race-recipe", "PreFix"), {}, forged);
    expect(x.judged("nilCrash")).toMatchObject({ kind: "contradicts", theorems: [{ name: "Forged.preFix_noNilCrash" }] });
  });
  it("FixB is not robust to an external SLC failure between the router ack and the status removal", () => {
    const x = run(initFor("smallest-all", "FixB"));
    expect(x.r.complete).toBe(true);
    const crash = verdict(x.r, "nilCrash");
    expect(crash.violated).toBe(true);
    expect(crash.shrunk!.actions.map((a) => a.label)).toContain("SlcFail");
    expect(x.judged("nilCrash")).toMatchObject({ kind: "witnessed", theorems: [{ name: "ElectricRace.fixB_nilCrash_after_fault" }] });
    // the nil filter (FixA, FixA2) keeps the SLC alive under the same failures
    for (const v of ["FixA", "FixA2"] as const) expect(verdict(run(initFor("smallest-all", v)).r, "nilCrash").violated, v).toBe(false);
  });
  it("FixB deadlocks when a failed consumer start makes ShapeCache run clean_shape (electric.md §5i); no other variant does", () => {
    for (const v of VARIANTS) {
      const x = run(initFor("shapecache-clean-deadlock", v));
      expect(x.r.complete, v).toBe(true);
      const d = verdict(x.r, "deadlock");
      expect(d.violated, v).toBe(v === "FixB");
      if (v !== "FixB") continue;
      expect(d.shrunk!.actions.map((a) => a.label).slice(-2)).toEqual(["CacheStartFail", "CleanerRouterRemove"]);
      expect(x.judged("deadlock")).toMatchObject({ kind: "witnessed", theorems: [{ name: "ElectricRace.fixB_deadlock_shapeCache_clean" }] });
    }
  });
  it("random mode finds the PreFix crash too, and its counterexample shrinks", () => {
    const { r } = run(initFor("race-recipe", "PreFix"), { mode: "random" });
    const v = verdict(r, "nilCrash");
    expect(v.violated).toBe(true);
    expect(v.shrunk!.actions.length).toBeLessThanOrEqual(8);
  });
  it("is deterministic", () => {
    const a = run(initFor("race-recipe", "FixA")).r;
    const b = run(initFor("race-recipe", "FixA")).r;
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
    const props = leanProperties(init);
    const r = shrink(init, padded, "nilCrash", props);
    expect(r.actions.length).toBe(7);
    expect(confirms(init, r.actions, "nilCrash", props)).toBe(true);
    expect(replayUntil(init, r.actions.slice(0, -1), "nilCrash", props)).toBeNull();
  });
});

describe("the deadlock check", () => {
  it("treats a state where only the external crash SlcFail is enabled as one where the system cannot move", () => {
    expect(systemCannotMove([])).toBe(true);
    expect(systemCannotMove([{ label: "SlcFail" }])).toBe(true);
    expect(systemCannotMove([{ label: "SlcFail" }, { label: "SlcRoute" }])).toBe(false);
  });
  it("reports a non-quiescent state and not a quiescent one", () => {
    const init = initFor("race-recipe", "PreFix");
    const props = leanProperties(init);
    const sys = System.create(init);
    expect(props.terminal(sys)).toEqual([]);
    sys.apply(sys.enabled().find((a) => a.label === "RemoveShape")!);
    expect(props.terminal(sys).map((v) => v.property)).toEqual(["deadlock"]);
  });
  it("runs on states where SlcFail is the only enabled action (a scenario with external crashes never has a state with nothing enabled while the collector is up)", () => {
    const init = initFor("chain-killed-by-crash", "FixA");
    const props = leanProperties(init);
    const seen: boolean[] = [];
    const spy = { ...props, terminal: (s: System) => { seen.push(s.enabled().length > 0); return [{ property: "deadlock", detail: "spy" }]; } };
    const r = explore(init, { ...base, properties: spy });
    expect(r.complete).toBe(true);
    expect(seen.some((nonEmpty) => nonEmpty)).toBe(true);
    expect(verdict(r, "deadlock").violated).toBe(true);
  });
});
