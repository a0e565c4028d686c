// `explore --diagram` and `check --diagram`: counterexamples and divergences as text diagrams.
import { describe, expect, it } from "vitest";
import { execa } from "execa";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cli = (...args: string[]) => execa("npx", ["tsx", "src/cli/main.ts", ...args], { reject: false, env: { COLUMNS: "" } });

describe("--diagram", () => {
  it("explore prints the PreFix crash on the recipe as a sequence diagram", async () => {
    const r = await cli("explore", "traces/scenarios/race-recipe.yaml", "--variant", "PreFix", "--diagram");
    expect(r.exitCode).toBe(0);
    const block = r.stdout.slice(r.stdout.indexOf("PreFix race-recipe: nilCrash"), r.stdout.indexOf("startCrash: "));
    const lines = block.split("\n");
    expect(lines[1]!.trim().split(/\s+/)).toEqual(["api", "cleaner:0", "slc", "shapecache", "replication"]);
    const rows = lines.filter((l) => /^\s+\d+ /.test(l));
    expect(rows.map((l) => /(\w+)\(/.exec(l)?.[1])).toEqual(["RemoveShape", "CleanerStatus", "TxnArrive", "SlcRoute", "SlcResolveAsk", "CacheCheckNoShape", "SlcCrash"]);
    expect(rows[6]).toContain("✖");
    expect(block).toContain("CRASH: send(nil, …) raised: the ShapeLogCollector crashes");
    expect(r.stdout).not.toMatch(/ 7\. slc +SlcCrash +CRASH/); // the numbered list is replaced
  }, 60_000);
  it("check marks the refused event of a corrupted trace", async () => {
    const dir = mkdtempSync(join(tmpdir(), "diag-"));
    const bad = join(dir, "bad.PreFix.ndjson");
    writeFileSync(bad, readFileSync("traces/race-recipe.PreFix.ndjson", "utf8").replace('"status[0]":"absent"', '"status[0]":"present"'));
    const r = await cli("check", bad, "--diagram", "--no-coverage");
    rmSync(dir, { recursive: true, force: true });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/ 2 +│ +≠↺ +CleanerStatus\(k=0\)/);
    expect(r.stdout).toContain("DIVERGENCE: CleanerStatus(k=0): observed post differs");
    expect(r.stdout).toContain("0 passed, 1 failed");
  }, 60_000);
});
