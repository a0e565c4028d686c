// The commands end to end: exit codes, help, errors without stack traces.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateRecord } from "../helpers/trace-schema.ts";

import { assertBuilt, cli as run } from "../helpers/cli.ts";

const cli = (...args: string[]) => run(args);

describe("simulate and explore commands", () => {
  assertBuilt();
  it("explore finds the PreFix crash as expected (exit 0) with a numbered schedule of at most 8 steps", async () => {
    const r = await cli("explore", "traces/scenarios/race-recipe.yaml", "--variant", "PreFix");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/nilCrash\s+violated\s+as Lean's witness preFix_crash_reachable predicts/);
    const m = /nilCrash: [^\n]*\n {2}counterexample, (\d+) steps/.exec(r.stdout);
    expect(Number(m?.[1])).toBeLessThanOrEqual(8);
    expect(r.stdout).toMatch(/ 7\. slc +SlcCrash +CRASH/);
  }, 60_000);
  it("explore --json reports no crash under FixA2 and exits 0", async () => {
    const r = await cli("explore", "traces/scenarios/race-recipe.yaml", "--variant", "FixA2", "--json");
    expect(r.exitCode).toBe(0);
    const j = JSON.parse(r.stdout) as { properties: { property: string; violated: boolean }[]; complete: boolean };
    expect(j.complete).toBe(true);
    expect(j.properties.find((p) => p.property === "nilCrash")?.violated).toBe(false);
  }, 60_000);
  it("explore on FixC: the tombstone is routedNotPresent as Lean's witness predicts; raceWindow holds as fixC_noWindow_allBounds proves", async () => {
    const r = await cli("explore", "traces/scenarios/race-recipe.yaml", "--variant", "FixC");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/raceWindow\s+no\s+holds \(complete search\), as fixC_noWindow_allBounds proves/);
    expect(r.stdout).toMatch(/routedNotPresent\s+violated\s+as Lean's witness fixC_tombstone_routed predicts/);
  }, 60_000);
  it("explore on SerializedRemoval: a complete search with every property held", async () => {
    const r = await cli("explore", "traces/scenarios/race-recipe.yaml", "--variant", "SerializedRemoval", "--json");
    expect(r.exitCode).toBe(0);
    const j = JSON.parse(r.stdout) as { properties: { property: string; violated: boolean }[]; complete: boolean };
    expect(j.complete).toBe(true);
    expect(j.properties.filter((p) => p.violated).map((p) => p.property)).toEqual([]);
  }, 60_000);
  it("explore exits 1 naming the theorem when a finding contradicts a (forged) Lean verdict", async () => {
    const doc = JSON.parse(readFileSync("lean/rules/verdicts.json", "utf8")) as { theorems: unknown[] };
    doc.theorems.push({ name: "Forged.preFix_noNilCrash", module: "Forged", variant: "PreFix", property: "nilCrash", kind: "safetyAllBounds", bounds: null, assumptions: [], claim: "forged", schedule: null, initial: null });
    const file = join(mkdtempSync(join(tmpdir(), "forged-")), "verdicts.json");
    writeFileSync(file, JSON.stringify(doc));
    const r = await cli("explore", "traces/scenarios/race-recipe.yaml", "--variant", "PreFix", "--verdicts", file);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/nilCrash\s+violated\s+FAILED: Lean proves it cannot happen \(Forged.preFix_noNilCrash\)/);
    expect(r.stdout).toMatch(/FAIL: nilCrash \(Forged.preFix_noNilCrash\)/);
  }, 60_000);
  it("explore exits 2 with a clear message when the verdict export is missing or malformed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "verd-"));
    writeFileSync(join(dir, "bad.json"), '{"format": "electric-race-verdicts/1",\n "properties": [}');
    const missing = await cli("explore", "traces/scenarios/race-recipe.yaml", "--verdicts", join(dir, "none.json"));
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain(`${join(dir, "none.json")}: verdict export not found`);
    const bad = await cli("explore", "traces/scenarios/race-recipe.yaml", "--verdicts", join(dir, "bad.json"));
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain(`${join(dir, "bad.json")}:2:`);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
  it("simulate writes the same bytes as the committed example trace", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "sim-")), "t.ndjson");
    const r = await cli("simulate", "traces/scenarios/race-recipe.yaml", "--variant", "FixB", "--seed", "1", "--out", out);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(readFileSync("traces/race-recipe.FixB.ndjson", "utf8"));
  }, 60_000);
  it("bad input is exit 2 with a one-line reason, never a stack trace", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bad-"));
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "bounds: { H: 1, C: 1, K: 1, T: 1 }\nshapes:\n  - handle: 0\n    status: wobbly\n");
    const cases = [["simulate", bad], ["explore", bad], ["simulate", "missing.yaml"], ["explore", "traces/scenarios/race-recipe.yaml", "--variant", "FixZ"], ["simulate", "traces/scenarios/race-recipe.yaml", "--seed", "-1"], ["explore", "--bogus"]];
    const results = await Promise.all(cases.map((args) => cli(...args)));
    results.forEach((r, i) => {
      expect(r.exitCode, cases[i]?.join(" ")).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
    const r = results[0]!;
    expect(r.stderr).toContain(`${bad}:4: shapes[0].status: expected one of present, absent, tombstoned, got "wobbly"`);
  }, 120_000);
  it("explore --trace-out writes the shrunk counterexample as a schema-valid trace; --progress reports on stderr", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "ce-")), "ce.ndjson");
    const r = await cli("explore", "traces/scenarios/race-recipe.yaml", "--variant", "PreFix", "--trace-out", out, "--progress");
    expect(r.exitCode).toBe(0);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]?.scheduler).toBe("explore");
    expect(lines.at(-1)?.outcome).toBe("crash");
    for (const l of lines) expect(validateRecord(l)).toEqual([]);
  }, 60_000);
  it("--help on each command", async () => {
    for (const c of ["simulate", "explore"]) {
      const r = await cli(c, "--help");
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain(`usage: npm run ${c}`);
    }
  }, 60_000);
});
