// The verdict export loader and query: clear errors for bad input, answers from the export only.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadVerdicts, parseVerdicts } from "../../src/contract/verdicts/load.ts";
import { covers, leanSays } from "../../src/contract/verdicts/query.ts";
import { committedVerdicts } from "../helpers/lean-properties.ts";

const doc = committedVerdicts();
const text = (o: unknown) => JSON.stringify(o, null, 1);

describe("verdict export loader", () => {
  it("reads the committed export", () => {
    expect(doc.format).toBe("electric-race-verdicts/1");
    expect(doc.properties.map((p) => p.name)).toContain("raceWindow");
  });
  it("a missing file is a clear error naming it", () => {
    const f = join(mkdtempSync(join(tmpdir(), "v-")), "verdicts.json");
    const r = loadVerdicts(f);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBe(`${f}: verdict export not found (Lean writes it; run \`npm run prove\`)`);
  });
  it("malformed JSON names the line and column", () => {
    const r = parseVerdicts('{\n  "format": "electric-race-verdicts/1",\n  "properties": [,]\n}', "v.json");
    expect(!r.ok && r.error).toMatch(/^v\.json:3:\d+: malformed JSON/);
  });
  it("a schema violation names the path and what was expected", () => {
    const r = parseVerdicts(text({ ...doc, theorems: [{ ...doc.theorems[0], kind: "probably" }] }), "v.json");
    expect(!r.ok && r.error).toMatch(/^v\.json: not a valid verdict export: \/theorems\/0\/kind: must be equal to one of the allowed values/);
  });
  it("a theorem about an undeclared property is refused", () => {
    const r = parseVerdicts(text({ ...doc, theorems: [{ ...doc.theorems[4], property: "teleport" }] }), "v.json");
    expect(!r.ok && r.error).toContain("property 'teleport' is not declared in /properties");
  });
  it("a witness without a schedule is refused", () => {
    const w = doc.theorems.find((t) => t.kind === "witness")!;
    const r = parseVerdicts(text({ ...doc, theorems: [{ ...w, schedule: null }] }), "v.json");
    expect(!r.ok && r.error).toContain("a witness needs bounds, a schedule and an initial state");
  });
});

describe("what Lean says", () => {
  it("FixC: raceWindow proved for all bounds, routedNotPresent by witness; no bounded safety proof is exported", () => {
    expect(leanSays(doc, "FixC", "raceWindow").safeAllBounds.map((t) => t.name)).toEqual(["ElectricRace.fixC_noWindow_allBounds"]);
    expect(leanSays(doc, "FixC", "routedNotPresent").witnesses.map((t) => t.name)).toEqual(["ElectricRace.fixC_tombstone_routed"]);
    expect(doc.theorems.filter((t) => t.kind === "safetyAtBounds")).toEqual([]);
  });
  it("a safety theorem covers a run only at its bounds, from an init state, without the actions it leaves out", () => {
    // The export has no bounded safety proof today: a forged one (an all-bounds entry restated at
    // b1) shows what such an entry would cover.
    const b1 = { H: 1, C: 1, K: 1, T: 1 };
    const all = leanSays(doc, "FixC", "raceWindow").safeAllBounds[0]!;
    const t = { ...all, kind: "safetyAtBounds" as const, bounds: b1 };
    expect(covers(t, { bounds: b1, initialOk: true, actions: [] }).covers).toBe(true);
    expect(covers(t, { bounds: { ...b1, H: 2 }, initialOk: true, actions: [] }).covers).toBe(false);
    expect(covers(t, { bounds: b1, initialOk: false, actions: [] }).covers).toBe(false);
    expect(covers(all, { bounds: { H: 3, C: 2, K: 2, T: 2 }, initialOk: true, actions: [] }).covers).toBe(true);
    const fixB = leanSays(doc, "FixB", "nilCrash").safeAllBounds[0]!;
    // Lean derives the excludes from the entry's kind (rules without the faults: for FixB also
    // the failed consumer start that has ShapeCache run clean_shape)
    expect(fixB.excludes).toEqual(["SlcFail", "CacheStartFail", "CacheCleanReturn"]);
    expect(covers(fixB, { bounds: b1, initialOk: true, actions: ["RemoveShape"] }).covers).toBe(true);
    expect(covers(fixB, { bounds: b1, initialOk: true, actions: ["SlcFail"] }).covers).toBe(false);
    expect(covers(fixB, { bounds: b1, initialOk: true, actions: ["CacheStartFail"] }).covers).toBe(false);
    // without a machine-readable form of its assumption, it is never applied
    const { excludes: _dropped, ...unstructured } = fixB;
    expect(covers(unstructured, { bounds: b1, initialOk: true, actions: [] }).covers).toBe(false);
  });
});

describe("coverage notes from the export", () => {
  it("names the witnesses whose schedule takes an action, per variant", async () => {
    const { witnessesFiring } = await import("../../src/contract/verdicts/query.ts");
    expect(witnessesFiring(doc, "PreFix", "SlcCrash").map((t) => t.name)).toContain("ElectricRace.preFix_crash_reachable");
    expect(witnessesFiring(doc, "FixC", "SlcCrash")).toEqual([]);
    expect(witnessesFiring(doc, "FixB", "SlcFail").map((t) => t.name)).toContain("ElectricRace.fixB_window_after_fault");
  });
  it("check prints them under 'never exercised'", async () => {
    const { execa } = await import("execa");
    const r = await execa("npx", ["tsx", "src/cli/main.ts", "check", "traces/race-recipe.FixC.ndjson", "traces/race-recipe.PreFix.ndjson"], { reject: false });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/coverage FixC:[\s\S]*never exercised: [^\n]*SlcCrash[\s\S]*\n {4}SlcCrash: no Lean witness for FixC takes it/);
  }, 60_000);
});
