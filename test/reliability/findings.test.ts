// Issue 9, findings 2-7 on the input side: each test names the finding and fails on the code
// before the fix (finding 8 is in test/prover/engine-cache.test.ts, the writer's kill test in
// test/util/fs-atomic.test.ts). Real committed traces and the rules exported from Lean.
import { readFileSync, readdirSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { checkStream } from "../../src/checker/stream.ts";
import { RulesCache, defaultRulesDir, repoRoot } from "../../src/checker/rules.ts";
import type { TraceResult } from "../../src/checker/check.ts";
import { checkItfText } from "../../src/itf/check.ts";
import { toItf, writeItf } from "../../src/itf/export.ts";
import { parseScenario } from "../../src/scenario/load.ts";
import { formatScenarioError } from "../../src/scenario/types.ts";
import { escapeControls } from "../../src/contract/escape.ts";
import { checkBounds, DEFAULT_LIMITS, parseLimit } from "../../src/contract/limits.ts";
import { readTrace } from "../../src/contract/trace/read.ts";

const traceFile = path.join(repoRoot, "traces", "race-recipe.PreFix.ndjson");
const lines = readFileSync(traceFile, "utf8").split("\n").filter((l) => l !== "");
const header = JSON.parse(lines[0]!) as Record<string, unknown>;
const rules = new RulesCache(defaultRulesDir);
const check = (text: string | Buffer, limits = {}): Promise<TraceResult> =>
  checkStream(Readable.from([typeof text === "string" ? Buffer.from(text) : text]), "t.ndjson", { rules, limits });
const withLine = (i: number, l: string): string => lines.map((x, j) => (j === i ? l : x)).join("\n") + "\n";
const div = (r: TraceResult) => {
  expect(r.ok).toBe(false);
  return r.divergence!;
};

describe("finding 2: limits are checked before the layout is built", () => {
  it("H = 100,000,000 is refused at the header, naming the bound, the limit and the flag", async () => {
    const d = div(await check(withLine(0, JSON.stringify({ ...header, bounds: { H: 100_000_000, C: 1, K: 1, T: 1 } }))));
    expect(d).toMatchObject({ line: 1, kind: "header" });
    expect(d.message).toMatch(/bound H=100000000 is over the limit of 10000 \(raise it with --max-bound\)/);
  });
  it("T = 750,016 is refused (that header cost 1 GB and 30 s before the first event)", async () => {
    const d = div(await check(withLine(0, JSON.stringify({ ...header, bounds: { H: 1, C: 1, K: 1, T: 750_016 } }))));
    expect(d.message).toMatch(/bound T=750016 is over the limit/);
  });
  it("bounds within each limit but too many cells together are refused by the cell limit", async () => {
    const d = div(await check(withLine(0, JSON.stringify({ ...header, bounds: { H: 10_000, C: 1, K: 1, T: 10_000 } }))));
    expect(d.message).toMatch(/give 100,\d{3},\d{3} state cells, over the limit of 100,000 \(raise it with --max-cells\)/);
  });
  it("a raised limit lets the same bounds through to the next check", async () => {
    const d = div(await check(withLine(0, JSON.stringify({ ...header, bounds: { H: 2, C: 1, K: 1, T: 1 } })), { maxBound: 20_000 }));
    expect(d.kind).toBe("init"); // past the limits, the init no longer matches the bounds
  });
  it("an ITF #map key of 2e7 with inferred bounds is refused before the layout", async () => {
    const doc = toItf(header as never, [], "t") as { "#meta": Record<string, unknown>; states: Record<string, { "#map": unknown[][] }>[] };
    delete doc["#meta"].bounds;
    doc.states[0]!.status!["#map"].push([{ "#bigint": "20000000" }, "present"]);
    const d = div(await checkItfText(JSON.stringify(doc), "t.itf.json", { rules }));
    expect(d.message).toMatch(/bounds: bound H=20000001 is over the limit of 10000/);
  });
  it("a header over 1 MiB in one chunk gets the header's limit, not an event line's", async () => {
    const r = await check(withLine(0, JSON.stringify({ ...header, scenario: "x".repeat(1_500_000) })));
    expect(r.divergence?.message).toBeUndefined();
    expect(r.ok).toBe(true);
  });
  it("limit flags parse with size suffixes and refuse nonsense", () => {
    expect(parseLimit("--max-header-bytes", "32M")).toEqual({ ok: true, value: 32 << 20 });
    expect(parseLimit("--max-depth", "5000")).toMatchObject({ ok: false, error: "--max-depth: at most 1000" });
    expect(parseLimit("--max-cells", "-3")).toMatchObject({ ok: false });
    expect(checkBounds({ domains: { handle: "H" }, variables: [{ name: "x", index: ["handle"] }] }, { H: 2 ** 53 }, DEFAULT_LIMITS)).toMatch(/must be a non-negative integer/);
  });
});

describe("finding 3: deep nesting is a located error on its own line", () => {
  it("an event nesting 5,000 levels is malformed JSON at its line, not an I/O error one line late", async () => {
    const ev = lines[1]!.replace(`"post":`, `"x":${"[".repeat(5000)}${"]".repeat(5000)},"post":`);
    const d = div(await check(withLine(1, ev)));
    expect(d).toMatchObject({ line: 2, kind: "malformed" });
    expect(d.message).toMatch(/nesting deeper than 32 levels .*--max-depth/);
  });
  it("ITF nesting 100,000 levels is refused without a RangeError", async () => {
    const doc = JSON.stringify(toItf(header as never, [], "t"));
    const deep = doc.replace(`"states":[`, `"states":[{"x":${"[".repeat(100_000)}${"]".repeat(100_000)}},`);
    const d = div(await checkItfText(deep, "t.itf.json", { rules }));
    expect(d.message).toMatch(/malformed JSON at line 1, column \d+: nesting deeper than 32 levels/);
  });
  it("YAML nesting deep enough to exhaust the stack is an error naming the file", () => {
    const r = parseScenario("a: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n", "deep.yaml");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatScenarioError(r.errors[0]!)).toMatch(/^deep\.yaml(:\d+)?: /);
  });
});

describe("finding 4: YAML alias bombs", () => {
  it("a billion-laughs document is refused by name with the file, not as an internal error", () => {
    let y = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (let i = 1; i < 10; i++) y += `a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(", ")}]\n`;
    const r = parseScenario(y, "bomb.yaml");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatScenarioError(r.errors[0]!)).toMatch(/^bomb\.yaml: YAML aliases expand beyond 100 references \(an alias bomb\?\)/);
  });
});

describe("finding 5: duplicate keys", () => {
  it("a post with the same cell twice, wrong value first, is rejected at its line naming the key", async () => {
    const ev = JSON.parse(lines[1]!) as { post: Record<string, unknown> };
    const [k, v] = Object.entries(ev.post)[0]!;
    const dup = lines[1]!.replace(`"post":{`, `"post":{${JSON.stringify(k)}:${JSON.stringify(typeof v === "boolean" ? !v : "absent")},`);
    const d = div(await check(withLine(1, dup)));
    expect(d).toMatchObject({ line: 2, kind: "malformed" });
    expect(d.message).toContain(`duplicate key ${JSON.stringify(k)}`);
  });
  it("a duplicate key in a header field and in an ITF document is rejected too", async () => {
    const h = lines[0]!.replace(`"variant":`, `"variant":"FixA","variant":`);
    expect(div(await check(withLine(0, h))).message).toMatch(/duplicate key "variant"/);
    const itf = JSON.stringify(toItf(header as never, [], "t")).replace(`"vars":`, `"vars":[],"vars":`);
    expect(div(await checkItfText(itf, "t.itf.json", { rules })).message).toMatch(/duplicate key "vars"/);
  });
});

describe("finding 6: raw bytes are named, terminal escapes are escaped", () => {
  it("a BOM, a NUL, 1e999 and invalid UTF-8 in a header text field are each named", async () => {
    expect(div(await check("\ufeff" + lines.join("\n"))).message).toMatch(/byte order mark/);
    expect(div(await check(withLine(1, lines[1]!.replace(`"kind"`, `\u0000"kind"`)))).message).toMatch(/NUL byte \(binary data/);
    expect(div(await check(withLine(1, lines[1]!.replace(`"seq":1`, `"seq":1e999`)))).message).toMatch(/number 1e999 is too large to be a finite number/);
    const [before, after] = lines[0]!.split(`"race-recipe"`) as [string, string];
    const bad = Buffer.concat([Buffer.from(`${before}"race-`), Buffer.from([0xc3, 0x28]), Buffer.from(`recipe"${after}\n${lines.slice(1).join("\n")}\n`)]);
    const d = div(await check(bad));
    expect(d.message).toMatch(/invalid UTF-8 in a string \(byte 0xc3\)/);
  });
  it("control characters, C1 and BOM are escaped for the terminal; newlines of the report stay", () => {
    expect(escapeControls("a\u001b]0;pwned\u0007b\u009b2J\ufeff\nnext")).toBe("a\\u001b]0;pwned\\u0007b\\u009b2J<BOM U+FEFF>\nnext");
  });
  it("the divergence itself carries the escaped form (raw C1 and DEL are legal inside JSON strings)", async () => {
    const d = div(await check(withLine(1, lines[1]!.replace(/"action":"[A-Za-z]+"/, `"action":"A\u009b2J\u007fB"`))));
    expect(d.message).toContain("'A\\u009b2J\\u007fB'");
    expect(d.message).not.toMatch(/[\u007f-\u009f]/);
  });
  it("check prints an action name carrying ESC sequences escaped", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "rel-esc-"));
    const f = path.join(dir, "esc.ndjson");
    await writeFile(f, withLine(1, lines[1]!.replace(/"action":"[A-Za-z]+"/, `"action":"\\u001b]0;pwned\\u0007\\u001b[2J"`)));
    const r = await execa(process.execPath, ["--import", "tsx", path.join(repoRoot, "src/cli/main.ts"), "check", "--no-schema", f], { reject: false, cwd: repoRoot });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain("\\u001b]0;pwned\\u0007");
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe("finding 7: --to-itf", () => {
  it("streams the same document toItf builds", async () => {
    const t = await readTrace(traceFile, traceFile);
    if (!t.ok) throw new Error(t.error);
    let out = "";
    async function* evs() {
      for (const e of t.ok ? t.value.events : []) yield e;
    }
    const names = ["c", "h", "k", "t"];
    await writeItf(async (c) => void (out += c), t.value.header, evs(), "x", names);
    expect(out).toBe(JSON.stringify(toItf(t.value.header, t.value.events, "x", names)) + "\n");
  });
  it("a trace that failed the check is not exported unless --export-failed", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "rel-itf-"));
    const bad = path.join(dir, "bad.ndjson");
    const flipped = JSON.parse(lines[1]!) as { outcome: string };
    await writeFile(bad, withLine(1, JSON.stringify({ ...flipped, outcome: flipped.outcome === "ok" ? "crash" : "ok" })));
    const out = path.join(dir, "bad.itf.json");
    const cli = (extra: string[]) => execa(process.execPath, ["--import", "tsx", path.join(repoRoot, "src/cli/main.ts"), "check", bad, "--to-itf", out, ...extra], { reject: false, cwd: repoRoot });
    const r1 = await cli([]);
    expect(r1.exitCode).toBe(1);
    expect(r1.stderr).toMatch(/not writing .*bad\.itf\.json: .*bad\.ndjson failed the check \(add --export-failed/);
    expect(readdirSync(dir)).toEqual(["bad.ndjson"]);
    const r2 = await cli(["--export-failed"]);
    expect(r2.exitCode).toBe(1);
    expect(JSON.parse(await readFile(out, "utf8"))).toMatchObject({ "#meta": { variant: "PreFix" } });
    expect(readdirSync(dir).sort()).toEqual(["bad.itf.json", "bad.ndjson"]);
  }, 60_000);
});

describe("unreadable input", () => {
  it("a missing trace exits 2 (the CLI contract for unreadable input) with the file named", async () => {
    const r = await execa(process.execPath, ["--import", "tsx", path.join(repoRoot, "src/cli/main.ts"), "check", "/nonexistent/t.ndjson", "/nonexistent/t.itf.json"], { reject: false, cwd: repoRoot });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toMatch(/FAIL \/nonexistent\/t\.ndjson:1: cannot read \/nonexistent\/t\.ndjson: no such file/);
    expect(r.stdout).toMatch(/cannot read \/nonexistent\/t\.itf\.json: no such file/);
    expect(r.stderr).toBe("");
  }, 30_000);
});
