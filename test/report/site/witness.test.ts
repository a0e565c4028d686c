// Witness schedules replayed through the committed PreFix rules (lean/rules/PreFix.json).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileModel } from "../../../src/checker/interp.ts";
import { stateToRecord } from "../../../src/checker/layout.ts";
import type { RulesDoc } from "../../../src/contract/rules/types.ts";
import type { VerdictTheorem } from "../../../src/report/site/verdicts.ts";
import { initialState, replayWitness } from "../../../src/report/site/witness.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const rules = JSON.parse(readFileSync(`${ROOT}/lean/rules/PreFix.json`, "utf8")) as RulesDoc;
const table = JSON.parse(readFileSync(`${ROOT}/lean/rules/PreFix.table.json`, "utf8")) as { init: number; states: Record<string, unknown>[] };
const b1 = { H: 1, C: 1, K: 1, T: 1 };
const recipe = [["RemoveShape", 0, 0], ["CleanerStatus", 0], ["CleanerStop", 0], ["CleanerStorage", 0], ["TxnArrive", 0], ["SlcRoute"], ["SlcResolveAsk", 0], ["CacheCheckNoShape"], ["SlcCrash"]]
  .map(([action, ...args]) => ({ action: action as string, args: args as number[] }));
const theorem = (schedule: VerdictTheorem["schedule"], over: Partial<VerdictTheorem> = {}): VerdictTheorem => ({
  name: "ElectricRace.preFix_crash_reachable", module: "M", variant: "PreFix", property: "nilCrash", kind: "witness",
  bounds: b1, assumptions: [], claim: "", schedule, initial: "restored", ...over,
});
const nilCrash = { name: "nilCrash", expr: { op: "ne", args: [{ cell: "crashCause", idx: [] }, { lit: "sendNil" }] } };

describe("witness replay", () => {
  it("builds the restored state exactly as Lean's transition table starts", () => {
    const m = compileModel(rules, b1);
    if (!m.ok) throw new Error(m.error);
    const s = initialState(m.value, "restored");
    if (!s.ok) throw new Error(s.error);
    expect(stateToRecord(m.value.layout, s.value)).toEqual(table.states[table.init]);
  });
  it("replays the PreFix recipe to the nil crash and marks it", () => {
    const r = replayWitness(rules, theorem(recipe), nilCrash);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.problem).toBeUndefined();
    const steps = r.value.diagram.steps;
    expect(steps).toHaveLength(9);
    expect(steps.map((s) => s.process)).toEqual(["api", "cleaner:0", "cleaner:0", "cleaner:0", "replication", "slc", "slc", "shapecache", "slc"]);
    expect(steps[1]!.changes).toContainEqual({ cell: "status[0]", before: "present", after: "absent" });
    expect(steps.filter((s) => s.mark).map((s) => [s.seq, s.mark!.kind])).toEqual([[9, "crash"]]);
    expect(steps[8]!.mark!.text).toContain("send(nil, …)");
  });
  it("marks a step the interpreter does not enable, and says so", () => {
    const r = replayWitness(rules, theorem([{ action: "CleanerStatus", args: [0] }]), nilCrash);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.problem).toMatch(/step 1: CleanerStatus is not enabled .*at_status/);
    expect(r.value.diagram.steps[0]!.mark?.kind).toBe("divergence");
  });
  it("reports a schedule that never reaches its property", () => {
    const r = replayWitness(rules, theorem(recipe.slice(0, 2)), nilCrash);
    expect(r.ok && r.value.problem).toMatch(/never makes the nilCrash invariant false/);
  });
  it("refuses unknown actions, wrong arities, out-of-range arguments and unknown initial states", () => {
    expect(replayWitness(rules, theorem([{ action: "Nope", args: [] }]), null)).toMatchObject({ ok: false, error: expect.stringContaining("Nope is not an action of PreFix") });
    expect(replayWitness(rules, theorem([{ action: "RemoveShape", args: [0] }]), null)).toMatchObject({ ok: false, error: expect.stringContaining("takes 2 argument(s) (h, k)") });
    expect(replayWitness(rules, theorem([{ action: "RemoveShape", args: [3, 0] }]), null)).toMatchObject({ ok: false, error: expect.stringContaining("h=3 is outside 0..0") });
    expect(replayWitness(rules, theorem(recipe, { initial: "fresh" }), null)).toMatchObject({ ok: false, error: expect.stringContaining("unknown initial state 'fresh'") });
  });
});
