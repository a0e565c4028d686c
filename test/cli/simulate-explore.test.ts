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
    expect(r.stdout).toMatch(/noSendNilCrash\s+violated\s+violated\s+as expected/);
    const m = /noSendNilCrash: [^\n]*\n {2}counterexample, (\d+) steps/.exec(r.stdout);
    expect(Number(m?.[1])).toBeLessThanOrEqual(8);
    expect(r.stdout).toMatch(/ 7\. slc +SlcCrash +CRASH/);
  }, 60_000);
  it("explore --json reports no crash under FixA2 and exits 0", async () => {
    const r = await cli("explore", "traces/scenarios/race-recipe.yaml", "--variant", "FixA2", "--json");
    expect(r.exitCode).toBe(0);
    const j = JSON.parse(r.stdout) as { properties: { property: string; violated: boolean }[]; complete: boolean };
    expect(j.complete).toBe(true);
    expect(j.properties.find((p) => p.property === "noSendNilCrash")?.violated).toBe(false);
  }, 60_000);
  it("explore exits 1 when a fix violates a property it must satisfy", async () => {
    const r = await cli("explore", "traces/scenarios/stale-router-entry.yaml", "--variant", "FixB");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/FAIL: .*noSendNilCrash/);
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
