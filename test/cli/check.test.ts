// The CLI end to end: exit codes, the closing line, --json, stdin, ITF, usage errors.
import { describe, expect, it } from "vitest";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fixtureRulesDir, genTrace, toyModel } from "../checker/helpers.ts";
import { editEvent } from "../checker/mutations.ts";
import { assertBuilt, cli as run } from "../helpers/cli.ts";

const cli = (args: string[], input?: string) =>
  run(["check", "--rules-dir", fixtureRulesDir, "--no-schema", ...args], input !== undefined ? { input } : {});

describe("check CLI", async () => {
  assertBuilt();
  const dir = await mkdtemp(path.join(os.tmpdir(), "check-cli-"));
  const m = await toyModel("ToyPreFix");
  const good = path.join(dir, "good.ndjson");
  const bad = path.join(dir, "bad.ndjson");
  const lines = genTrace(m, 2);
  await writeFile(good, lines.join("\n") + "\n");
  await writeFile(bad, editEvent(lines, 2, (e) => ({ ...e, outcome: e.outcome === "ok" ? "crash" : "ok" })).join("\n") + "\n");

  it("exit 0 and 'N passed, 0 failed' with coverage when all pass", async () => {
    const r = await cli([good, good]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/coverage ToyPreFix: 2 trace\(s\)/);
    expect(r.stdout.split("\n").at(-1)).toBe("2 passed, 0 failed");
  });
  it("exit 1 with a located report when one fails", async () => {
    const r = await cli([good, bad]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`FAIL ${bad.replace(/[.]/g, "\\.")}:3 \\(event seq 2\\)`));
    expect(r.stdout.split("\n").at(-1)).toBe("1 passed, 1 failed");
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });
  it("--json: one JSON document on stdout, summary on stderr", async () => {
    const r = await cli(["--json", bad]);
    expect(r.exitCode).toBe(1);
    const doc = JSON.parse(r.stdout) as { format: string; traces: { ok: boolean; divergence: { line: number; rule: string; kind: string } }[]; summary: { failed: number } };
    expect(doc.format).toBe("electric-race-check/1");
    expect(doc.summary.failed).toBe(1);
    expect(doc.traces[0]!.divergence.line).toBe(3);
    expect(doc.traces[0]!.divergence.kind).toBe("outcome");
    expect(r.stderr.trim()).toBe("0 passed, 1 failed");
  });
  it("reads stdin with '-', and ITF files (export with --to-itf, then check)", async () => {
    const r = await cli(["-"], lines.join("\n") + "\n");
    expect(r.stdout).toMatch(/^ok {3}<stdin> \(ToyPreFix/);
    const itf = path.join(dir, "t.itf.json");
    expect((await cli([good, "--to-itf", itf])).exitCode).toBe(0);
    const r2 = await cli([itf]);
    expect(r2.exitCode).toBe(0);
    expect(r2.stdout.split("\n").at(-1)).toBe("1 passed, 0 failed");
  });
  it("usage errors exit 2", async () => {
    expect((await cli([])).exitCode).toBe(2);
    expect((await cli(["--bogus", good])).exitCode).toBe(2);
    expect((await cli(["--bounds", "H=x", good])).exitCode).toBe(2);
  });
});
