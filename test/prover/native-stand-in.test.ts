// The native path, driven through a stand-in `lake` on PATH (no native toolchain can be
// installed here). This checks how the prover calls Lake and reads its output, not Lean itself.
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prove } from "../../src/prover/prove.ts";

const fakeDir = join(import.meta.dirname, "fixtures", "fake-lake");
const projectRoot = resolve(import.meta.dirname, "..", "..");
let dir: string;
const saved = { PATH: process.env.PATH, FAKE_LAKE_MODE: process.env.FAKE_LAKE_MODE, FAKE_LAKE_LOG: process.env.FAKE_LAKE_LOG };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "native-"));
  cpSync(join(import.meta.dirname, "fixtures", "good"), join(dir, "pkg"), { recursive: true });
  process.env.PATH = `${fakeDir}:${saved.PATH ?? ""}`;
  process.env.FAKE_LAKE_LOG = join(dir, "lake.log");
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dir, { recursive: true, force: true });
});

const run = () => prove({ leanRoot: join(dir, "pkg"), projectRoot, displayRoot: dir, reportPath: null });

describe("native Lake path (stand-in lake)", () => {
  it("prefers lake on PATH, builds with --wfail and audits with #print axioms", async () => {
    delete process.env.FAKE_LAKE_MODE;
    const r = await run();
    expect(r.ok).toBe(true);
    expect(r.engine).toEqual({ kind: "native", version: expect.stringMatching(/^Lean \(version 4\.28\.0/) });
    expect(r.audit).toBe("print-axioms");
    expect(r.modules.map((m) => [m.name, m.status, m.seconds])).toEqual([
      ["Good.Base", "checked", 0.85],
      ["Good.UsesBase", "checked", 1.3],
    ]);
    expect(r.theorems.map((t) => [t.name, t.status, t.axioms.length])).toEqual([
      ["Good.double_two", "checked", 3],
      ["Good.double_three", "checked", 3],
    ]);
    const calls = readFileSync(join(dir, "lake.log"), "utf8").trim().split("\n");
    expect(calls[0]).toBe("env lean --version");
    expect(calls[1]).toBe("build --wfail");
    expect(calls[2]).toMatch(/^env lean .*build\/AxiomAudit\.lean$/);
    const audit = readFileSync(join(dir, "pkg", "build", "AxiomAudit.lean"), "utf8");
    expect(audit).toContain("import Good.Base\nimport Good.UsesBase");
    expect(audit).toContain("#print axioms Good.double_two\n#print axioms Good.double_three");
  });

  it("fails with the located Lean error when lake build fails", async () => {
    process.env.FAKE_LAKE_MODE = "fail";
    const r = await run();
    expect(r.ok).toBe(false);
    const bad = r.modules.find((m) => m.name === "Good.UsesBase")!;
    expect(bad.status).toBe("failed");
    expect(bad.diagnostics[0]).toMatchObject({ file: "pkg/Good/UsesBase.lean", line: 6, column: 47, severity: "error" });
    expect(r.theorems.find((t) => t.name === "Good.double_three")!.status).toBe("unchecked");
  });

  it("fails a theorem whose axioms go beyond the standard three", async () => {
    process.env.FAKE_LAKE_MODE = "sorry";
    const r = await run();
    expect(r.ok).toBe(false);
    expect(r.theorems.map((t) => t.denied)).toEqual([["sorryAx"], ["sorryAx"]]);
    expect(r.errors).toContain("Good.double_two: depends on denied axiom(s) sorryAx");
  });
});
