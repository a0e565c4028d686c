import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { entryText, parseVerdicts, verdictMatrix } from "../../../src/report/site/verdicts.ts";
import { fixtureVerdicts, VARIANTS, VERDICTS_FIXTURE } from "./fixture.ts";

const raw = (): { theorems: Record<string, unknown>[] } & Record<string, unknown> => JSON.parse(readFileSync(VERDICTS_FIXTURE, "utf8"));

describe("verdicts export", () => {
  it("accepts the documented shape", () => {
    expect(fixtureVerdicts().theorems).toHaveLength(5);
  });
  it("names the file and the JSON path of a bad field", () => {
    const d = raw();
    d.theorems[1]!.kind = "proved";
    const r = parseVerdicts(d, "lean/rules/verdicts.json");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^lean\/rules\/verdicts\.json: .*\/theorems\/1\/kind: must be equal to one of the allowed values/);
  });
  it("refuses a wrong format, an unknown property and a witness without schedule", () => {
    const a = raw();
    a.format = "electric-race-verdicts/2";
    expect(parseVerdicts(a, "v.json")).toMatchObject({ ok: false, error: expect.stringContaining("/format") });
    const b = raw();
    b.theorems[0]!.property = "nope";
    expect(parseVerdicts(b, "v.json")).toMatchObject({ ok: false, error: expect.stringContaining("/theorems/0/property: 'nope'") });
    const c = raw();
    c.theorems[0]!.schedule = null;
    expect(parseVerdicts(c, "v.json")).toMatchObject({ ok: false, error: expect.stringContaining("needs its schedule") });
  });
});

describe("verdict matrix", () => {
  const m = verdictMatrix(fixtureVerdicts(), VARIANTS);
  const cell = (v: string, p: string) => m[VARIANTS.indexOf(v)]!.find((c) => c.property === p)!;
  it("has a row per variant and a column per exported property", () => {
    expect(m).toHaveLength(3);
    for (const row of m) expect(row.map((c) => c.property)).toEqual(["nilCrash", "raceWindow", "quiescentOrphan"]);
  });
  it("takes every verdict from the export's kinds", () => {
    expect(cell("PreFix", "nilCrash").verdict).toBe("witness");
    expect(cell("FixA", "nilCrash").verdict).toBe("allBounds");
    expect(cell("PreFix", "raceWindow")).toMatchObject({ verdict: "undecided", entries: [] });
  });
  it("keeps a witness under an assumption next to the safety result that excludes it", () => {
    const c = cell("FixB", "nilCrash");
    expect(c.verdict).toBe("witness");
    expect(c.entries.map((e) => [e.theorem, entryText(e)])).toEqual([
      ["ElectricRace.fixB_noNilCrash_b1", "proved at H=1 C=1 K=1 T=1"],
      ["ElectricRace.fixB_nilCrash_afterExternal", "reachable by witness"],
    ]);
  });
  it("leaves supporting lemmas out of the matrix", () => {
    expect(m.flat().flatMap((c) => c.entries.map((e) => e.theorem))).not.toContain("ElectricRace.step_deterministic");
  });
});
