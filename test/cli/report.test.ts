// `npm run report`: the site and the summary, and clear errors for a missing or bad verdict export.
import { afterAll, describe, expect, it } from "vitest";
import { execa } from "execa";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cli = (...args: string[]) => execa("npx", ["tsx", "src/cli/main.ts", ...args], { reject: false });

describe("report command", () => {
  const dir = mkdtempSync(join(tmpdir(), "report-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it("refuses a missing or malformed verdict export with exit 2, naming the file", async () => {
    const missing = await cli("report", "--verdicts", join(dir, "none.json"), "--out", join(dir, "site"));
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe(`report: ${join(dir, "none.json")} does not exist: run 'npm run prove' to export the verdicts`);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, '{"format": "electric-race-verdicts/1", "properties": [], "invariants": {}, "theorems": [{"name": 3}]}');
    const r = await cli("report", "--verdicts", bad, "--out", join(dir, "site"));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^report: ${bad}: not a verdicts export .*/theorems/0`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, "site"))).toBe(false);
  }, 60_000);
  it("writes the site and the short summary; exit 1 lists what is wrong (fixture theorems are not headline theorems)", async () => {
    const out = join(dir, "site");
    const summary = join(dir, "audit.md");
    const r = await cli("report", "--verdicts", "test/report/site/fixtures/verdicts.json", "--out", out, "--summary", summary);
    expect(r.exitCode).toBe(1);
    for (const f of ["index.html", "coverage.html", "diagrams.html", "style.css", "theorems/ElectricRace.fixA_noNilCrash.html"]) expect(existsSync(join(out, f)), f).toBe(true);
    const md = readFileSync(summary, "utf8");
    expect(r.stdout).toContain(md.trim());
    expect(md).toContain("| PreFix | reachable by witness | not decided | not decided |");
    expect(md).toContain("- ElectricRace.fixB_noNilCrash_b1: in test/report/site/fixtures/verdicts.json but not a headline theorem");
    expect(md.length).toBeLessThan(5000);
  }, 120_000);
});
