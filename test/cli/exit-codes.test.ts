// The exit-code contract of every command (0 success, 1 a check or property failed, 2 usage or
// unreadable input), run on the built CLI: each --help states it, and each code is produced.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT_CONTRACT } from "../../src/cli/exit-codes.ts";
import { PROJECT_ROOT } from "../../src/util/project-root.ts";
import { assertBuilt, cli } from "../helpers/cli.ts";

const COMMANDS = ["prove", "simulate", "explore", "check", "report"] as const;
const RECIPE = "traces/scenarios/race-recipe.yaml";
const GOOD = "traces/race-recipe.PreFix.ndjson";
const QUINT = "test/fixtures/quint/prefix-sendnil-crash.itf.json";
const tmp = () => mkdtempSync(join(tmpdir(), "exit-"));
const noStack = (s: unknown) => expect(String(s)).not.toMatch(/\n\s+at |internal error/);

beforeAll(() => assertBuilt());

describe("the command line as a whole", () => {
  it("--help is 0 and states the contract; no command or an unknown one is 2", async () => {
    const h = await cli(["--help"]);
    expect(h.exitCode).toBe(0);
    expect(h.stdout).toContain(EXIT_CONTRACT);
    const none = await cli([]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain("usage: electric-race");
    const unknown = await cli(["frobnicate"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });

  it.each(COMMANDS)("%s: --help is 0 and states the contract; an unknown option is 2", async (c) => {
    const h = await cli([c, "--help"]);
    expect(h.exitCode).toBe(0);
    expect(h.stdout).toContain(EXIT_CONTRACT);
    expect(h.stdout).toContain(`${c}: 0 `);
    const bad = await cli([c, "--bogus"]);
    expect(bad.exitCode).toBe(2);
    noStack(bad.stderr);
  });
});

describe("check", () => {
  it("0 for a passing trace, 1 for a failing one, 2 for a missing file", async () => {
    expect((await cli(["check", GOOD])).exitCode).toBe(0);
    const d = tmp();
    const lines = readFileSync(join(PROJECT_ROOT, GOOD), "utf8").trimEnd().split("\n");
    lines.splice(3, 1); // drop one event: seq gap
    writeFileSync(join(d, "bad.ndjson"), lines.join("\n") + "\n");
    const bad = await cli(["check", join(d, "bad.ndjson")]);
    expect(bad.exitCode).toBe(1);
    const missing = await cli(["check", join(d, "nope.ndjson")]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stdout).toContain("no such file");
    noStack(missing.stderr);
  });

  it("Quint's ITF: 0 with --variant and nothing else; 1 where the older spec diverges; 2 without a variant, saying what is missing", async () => {
    // the older prefix.qnt keeps a removal through a crash (test/itf/quint-fixture.test.ts): its first 5 states agree with the rules
    const d = JSON.parse(readFileSync(QUINT, "utf8")) as { states: unknown[] };
    const prefix = join(tmp(), "prefix.itf.json");
    writeFileSync(prefix, JSON.stringify({ ...d, states: d.states.slice(0, 5) }));
    const ok = await cli(["check", prefix, "--variant", "PreFix"]);
    expect(ok.exitCode).toBe(0);
    const diverges = await cli(["check", QUINT, "--variant", "PreFix"]);
    expect(diverges.exitCode).toBe(1);
    expect(diverges.stdout).toContain("states[5]");
    const no = await cli(["check", QUINT]);
    expect(no.exitCode).toBe(2);
    expect(no.stdout).toMatch(/'#meta' has no 'variant'.*pass --variant/);
  });

  it("--to-itf creates a missing folder; an unwritable target is 2 without a stack trace", async () => {
    const out = join(tmp(), "new", "deeper", "x.itf.json");
    const r = await cli(["check", GOOD, "--to-itf", out]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8"))["#meta"].variant).toBe("PreFix");
    const u = await cli(["check", GOOD, "--to-itf", "/dev/null/x.itf.json"]);
    expect(u.exitCode).toBe(2);
    expect(u.stderr).toContain("cannot write /dev/null/x.itf.json");
    noStack(u.stderr);
  });

  it("--json: a versioned document ending in the common summary", async () => {
    const r = await cli(["check", GOOD, "--json"]);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(j)[0]).toBe("format");
    expect(j.format).toBe("electric-race-check/1");
    expect(Object.keys(j).at(-1)).toBe("summary");
    expect(j.summary).toEqual({ ok: true, exitCode: 0, unit: "traces", passed: 1, failed: 0 });
  });
});

describe("simulate", () => {
  it("0 writing into a folder that does not exist yet; 2 for a missing scenario; never 1", async () => {
    const out = join(tmp(), "a", "b", "t.ndjson");
    const r = await cli(["simulate", RECIPE, "--variant", "PreFix", "--out", out]);
    expect(r.exitCode).toBe(0);
    expect(existsSync(out)).toBe(true);
    const m = await cli(["simulate", "missing.yaml"]);
    expect(m.exitCode).toBe(2);
    noStack(m.stderr);
    expect((await cli(["simulate", "--help"])).stdout).toContain("simulate never exits 1");
  });
});

describe("explore", () => {
  it("0 when PreFix crashes as Lean's witness predicts; 1 when a finding contradicts a (forged) Lean safety theorem; 2 for a missing scenario", async () => {
    const ok = await cli(["explore", RECIPE, "--variant", "PreFix"]);
    expect(ok.exitCode).toBe(0);
    // honest counts: PreFix's crash is "violated as Lean predicts", not "held"
    expect(ok.stdout.split("\n").at(-1)).toMatch(/^\d+ held, [1-9]\d* violated as Lean predicts, \d+ violated \(not decided by Lean\), \d+ Lean witness\(es\) not found here, 0 failed$/);
    const doc = JSON.parse(readFileSync(join(PROJECT_ROOT, "lean", "rules", "verdicts.json"), "utf8")) as { theorems: object[] };
    doc.theorems.push({ name: "Forged.preFix_noNilCrash", module: "Forged", variant: "PreFix", property: "nilCrash", kind: "safetyAllBounds", bounds: null, assumptions: [], claim: "forged", schedule: null, initial: null });
    const forged = join(tmp(), "verdicts.json");
    writeFileSync(forged, JSON.stringify(doc));
    const fail = await cli(["explore", RECIPE, "--variant", "PreFix", "--verdicts", forged]);
    expect(fail.exitCode).toBe(1);
    const m = await cli(["explore", "missing.yaml"]);
    expect(m.exitCode).toBe(2);
    noStack(m.stderr);
  }, 60_000);

  it("--json: versioned, counts by category, the common summary last", async () => {
    const r = await cli(["explore", RECIPE, "--variant", "PreFix", "--json"]);
    expect(r.exitCode).toBe(0);
    const j = JSON.parse(r.stdout) as { format: string; counts: Record<string, number>; summary: Record<string, unknown>; properties: unknown[] };
    expect(j.format).toBe("electric-race-explore/1");
    expect(Object.keys(j).at(-1)).toBe("summary");
    const c = j.counts;
    expect(c.holds! + c.asExpected! + c.reported! + c.notFound! + c.failed!).toBe(j.properties.length);
    expect(j.summary).toEqual({ ok: true, exitCode: 0, unit: "properties", passed: c.holds! + c.asExpected!, failed: 0 });
  }, 60_000);
});

describe("report", () => {
  it("2 when the output cannot be written, without a stack trace", async () => {
    const r = await cli(["report", "--out", "/dev/null/audit.md"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("cannot write /dev/null/audit.md");
    noStack(r.stderr);
  }, 120_000);
});

describe("prove (driven through the stand-in lake of the native-path tests)", () => {
  const fake = join(PROJECT_ROOT, "test", "prover", "fixtures", "fake-lake");
  const pkg = () => {
    const d = join(tmp(), "pkg");
    cpSync(join(PROJECT_ROOT, "test", "prover", "fixtures", "good"), d, { recursive: true });
    return d;
  };
  const prove = (dir: string, mode?: string) =>
    cli(["prove", "--engine", "native", "--lean-dir", dir, "--no-report"], { env: { PATH: `${fake}:${process.env.PATH ?? ""}`, ...(mode ? { FAKE_LAKE_MODE: mode } : {}) } });

  it("0 when every proof checks, 1 when one fails, 2 when there is no Lake package", async () => {
    expect((await prove(pkg())).exitCode).toBe(0);
    expect((await prove(pkg(), "fail")).exitCode).toBe(1);
    const none = await prove(join(tmp(), "nothing"));
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/no Lake package at .*source checkout/);
  });
});

describe("bench", () => {
  const bench = async (...a: string[]) => {
    const r = await execa(process.execPath, ["--import", "tsx", join(PROJECT_ROOT, "bench", "run.ts"), ...a], { reject: false, cwd: PROJECT_ROOT });
    return { exitCode: r.exitCode, stdout: String(r.stdout) };
  };
  // No name runs every benchmark (minutes), so it is not run here.
  it("--help is 0 and states the contract; an unknown benchmark is 2", async () => {
    const h = await bench("--help");
    expect(h.exitCode).toBe(0);
    expect(h.stdout).toContain(EXIT_CONTRACT);
    expect((await bench("nosuch")).exitCode).toBe(2);
  });
});
