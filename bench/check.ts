// Checker throughput: generate a long valid trace by running the rules themselves (a seeded
// random walk with T large, so the walk does not run out of transactions), write it to a temp
// file, then measure — each in a fresh child process, so peak RSS is per measurement —
//   1. bare JSON.parse of every line (same line splitter, decoded to a string), the baseline;
//   1b. the checker's strict parser alone (contract/trace/json-line.ts, on the line's bytes);
//   2. the checker (structural validation);
//   3. the checker with the ajv trace schema (when the rules are the real ones).
// Usage: npx tsx bench/check.ts [--events N] [--txns T] [--variant V] [--rules-dir DIR] [--keep]
import { createReadStream, createWriteStream, existsSync, readdirSync, readFileSync, statSync, rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { RulesCache, defaultRulesDir, repoRoot } from "../src/checker/rules.ts";
import { TraceChecker } from "../src/checker/check.ts";
import { loadTraceSchema } from "../src/contract/trace/schema.ts";
import { LineSplitter, type LineItem } from "../src/contract/trace/lines.ts";
import { parseJsonLine } from "../src/contract/trace/json-line.ts";
import { enabledStepsSampled, intSlots, makeHeader, rng, stepEvent } from "../src/checker/generate.ts";
import { failedInit, type Model } from "../src/checker/interp.ts";
import { indicesOf } from "../src/checker/layout.ts";
import type { Scalar } from "../src/contract/rules/types.ts";

const self = fileURLToPath(import.meta.url);
const fixtureDir = path.join(repoRoot, "test", "checker", "fixtures", "rules");

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Rules to run: the real export when present, else the toy fixture (said so in the output). */
function pickRules(variant: string | undefined): { dir: string; variant: string; real: boolean } {
  const v = variant ?? "PreFix";
  const dir = arg("--rules-dir") ?? defaultRulesDir;
  if (existsSync(path.join(dir, `${v}.json`))) return { dir, variant: v, real: true };
  return { dir: fixtureDir, variant: "ToyPreFix", real: false };
}

/**
 * An init for large bounds from a committed trace's header (same variant, smaller bounds):
 * a cell whose index exceeds the old bound takes the value at index mod the old bound.
 */
function initFor(m: Model, variant: string, real: boolean): Scalar[] {
  let base: Record<string, Scalar> = {};
  let oldBounds: Record<string, number> = {};
  if (real) {
    const dir = path.join(repoRoot, "traces");
    const f = existsSync(dir) ? traceFor(dir, variant) : undefined;
    if (f) {
      const h = JSON.parse(readFileSync(f, "utf8").split("\n", 1)[0]!) as { init: Record<string, Scalar>; bounds: Record<string, number> };
      base = h.init;
      oldBounds = h.bounds;
    }
  } else {
    base = { "status[0]": "present", "status[1]": "present", "router[0]": true, "router[1]": true, "touches[0][0]": true, "touches[0][1]": true, "touches[1][0]": true };
    oldBounds = { H: 2, C: 2, T: 2 };
  }
  const L = m.layout;
  return L.keys.map((key, i) => {
    if (key in base) return base[key]!;
    const decl = L.owner[i]!;
    const idx = indicesOf(L, i).map((x, d) => {
      const bound = oldBounds[m.rules.domains[decl.index[d]!] ?? ""] ?? 1;
      return x % Math.max(bound, 1);
    });
    const k = idx.length ? `${decl.name}${idx.map((x) => `[${x}]`).join("")}` : key;
    return k in base ? base[k]! : decl.default;
  });
}
/** The bounds of the committed trace the init is taken from (more handles than the table's). */
function traceBounds(variant: string): Record<string, number> {
  const dir = path.join(repoRoot, "traces");
  const f = existsSync(dir) ? traceFor(dir, variant) : undefined;
  return f ? (JSON.parse(readFileSync(f, "utf8").split("\n", 1)[0]!) as { bounds: Record<string, number> }).bounds : {};
}

/**
 * A committed trace of the variant to take the init from: among those whose init satisfies the
 * rules' init conjuncts (some scenarios start mid-run), the one with the most handles.
 */
function traceFor(dir: string, variant: string): string | undefined {
  const head = (f: string) => JSON.parse(readFileSync(path.join(dir, f), "utf8").split("\n", 1)[0]!) as { bounds: Record<string, number>; init: Record<string, Scalar> };
  const files = readdirSync(dir).filter((f) => f.endsWith(".ndjson") && f.split(".").includes(variant)).filter((f) => initOk.get(f) ?? true);
  files.sort((a, b) => (head(b).bounds.H ?? 0) - (head(a).bounds.H ?? 0));
  return files[0] === undefined ? undefined : path.join(dir, files[0]);
}
/** Set by `generate` once the rules are loaded: trace file -> its init satisfies the init conjuncts. */
const initOk = new Map<string, boolean>();

async function screenInits(rules: RulesCache, variant: string): Promise<void> {
  const dir = path.join(repoRoot, "traces");
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".ndjson") && x.split(".").includes(variant))) {
    const h = JSON.parse(readFileSync(path.join(dir, f), "utf8").split("\n", 1)[0]!) as { bounds: Record<string, number>; init: Record<string, Scalar> };
    const m = await rules.model(variant, h.bounds);
    if (!m.ok) { initOk.set(f, false); continue; }
    const s = m.value.layout.keys.map((k) => h.init[k]);
    initOk.set(f, s.every((x) => x !== undefined) && failedInit(m.value, s as Scalar[]).length === 0);
  }
}

async function generate(file: string, events: number): Promise<{ variant: string; real: boolean; events: number; bounds: Record<string, number> }> {
  const pick = pickRules(arg("--variant"));
  const rules = new RulesCache(pick.dir);
  const d = await rules.doc(pick.variant);
  if (!d.ok) throw new Error(d.error);
  if (pick.real) await screenInits(rules, pick.variant);
  // The walk must not run dry before `events`. Real rules: the external crash SlcFail and
  // SlcRestart stay enabled forever (crashes saturate at 2), so a moderate T (about one
  // transaction per 8 events) keeps the walk mixed without a huge header. Toy rules: every run
  // ends once the transactions are used up (at least 2 events each), so T covers the whole
  // walk and the header (the whole init, T x H touches cells) is large; its cost is reported
  // on its own.
  const bounds = pick.real
    ? { ...d.value.bounds, ...traceBounds(pick.variant), T: Number(arg("--txns") ?? Math.ceil(events / 8) + 16) }
    : { ...d.value.bounds, T: Math.ceil(events / 2) + 16 };
  if (!pick.real) Object.assign(bounds, { H: 2, C: 2 });
  const mm = await rules.model(pick.variant, bounds);
  if (!mm.ok) throw new Error(mm.error);
  const m = mm.value;
  const s = initFor(m, pick.variant, pick.real);
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  await write(JSON.stringify(makeHeader(m, s, { seed: 1, scenario: "bench", scheduler: "random", implementation: "rules-random-walk" })) + "\n");
  const r = rng(1);
  const ints = intSlots(m);
  let buf = "";
  let n = 0;
  for (; n < events; n++) {
    const en = enabledStepsSampled(m, s, ints);
    if (en.length === 0) break;
    buf += JSON.stringify(stepEvent(m, s, en[Math.floor(r() * en.length)]!, n + 1, r)) + "\n";
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = "";
    }
  }
  await write(buf);
  out.end();
  await once(out, "finish");
  return { variant: pick.variant, real: pick.real, events: n, bounds };
}

interface Measure { cpuSeconds: number; headerCpuSeconds: number; seconds: number; headerSeconds: number; lines: number; bytes: number; maxRssMiB: number; ok?: boolean; message?: string }

/** One measurement: the same splitter for both modes; the clock splits header from events. */
async function child(mode: string, file: string, rulesDir: string): Promise<Measure> {
  const bytes = statSync(file).size;
  const schema = mode === "check+schema" ? await loadTraceSchema() : { ok: true as const, value: undefined };
  if (!schema.ok) throw new Error(schema.error);
  const rules = new RulesCache(rulesDir);
  const t0 = process.hrtime.bigint();
  let tHeader = t0;
  let lines = 0;
  let sink = 0;
  // The walk's T (about one transaction per 8 events) is far above the default input limits,
  // which are for traces a user hands in: this trace is ours, so the limits are lifted.
  const limits = { maxBound: 1 << 30, maxCells: 1 << 30, maxHeaderBytes: 1 << 30 };
  const checker = mode === "parse" || mode === "strict-parse" ? undefined : new TraceChecker(file, { rules, validateLine: schema.value, limits });
  const c0 = process.cpuUsage();
  let cHeader = c0;
  const split = new LineSplitter();
  const take = async (item: LineItem) => {
    lines++;
    if (!checker) {
      if ("bytes" in item) {
        if (mode === "parse") sink += JSON.parse(item.bytes.toString("utf8", item.start, item.end)) ? 1 : 0;
        else sink += parseJsonLine(item.bytes, item.start, item.end, { maxDepth: 32 }).ok ? 1 : 0;
      }
    } else if (checker.needsHeader) await checker.line(item);
    else checker.eventLine(item);
    if (lines === 1) {
      tHeader = process.hrtime.bigint();
      cHeader = process.cpuUsage();
    }
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) for (const item of split.push(chunk as Buffer)) await take(item);
  for (const item of split.end()) await take(item);
  if (sink < 0) console.log(sink);
  const t1 = process.hrtime.bigint();
  const c1 = process.cpuUsage();
  const cpu = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1e6;
  const r = checker?.finish(lines);
  return {
    cpuSeconds: cpu(c0, c1), headerCpuSeconds: cpu(c0, cHeader),
    seconds: Number(t1 - t0) / 1e9, headerSeconds: Number(tHeader - t0) / 1e9, lines, bytes,
    maxRssMiB: process.resourceUsage().maxRSS / 1024, ok: r?.ok, message: r?.divergence?.message,
  };
}

async function main(): Promise<void> {
  if (process.argv[2] === "--child") {
    console.log(JSON.stringify(await child(process.argv[3]!, process.argv[4]!, process.argv[5]!)));
    return;
  }
  const events = Number(arg("--events") ?? 1_000_000);
  const dir = await mkdtemp(path.join(os.tmpdir(), "bench-check-"));
  const file = path.join(dir, "trace.ndjson");
  const g0 = Date.now();
  const gen = await generate(file, events);
  const size = statSync(file).size;
  console.log(`trace: ${gen.events} events of ${gen.real ? "lean/rules" : "TOY FIXTURE rules (lean/rules absent)"} ${gen.variant}, bounds ${JSON.stringify(gen.bounds)}, ${(size / 2 ** 20).toFixed(1)} MiB, generated in ${((Date.now() - g0) / 1000).toFixed(1)} s`);
  const rulesDir = gen.real ? (arg("--rules-dir") ?? defaultRulesDir) : fixtureDir;
  const modes = gen.real ? ["parse", "strict-parse", "check", "check+schema"] : ["parse", "strict-parse", "check"];
  const res: Record<string, Measure> = {};
  for (const mode of modes) {
    const out = execFileSync(process.execPath, ["--import", "tsx", self, "--child", mode, file, rulesDir], { encoding: "utf8", maxBuffer: 1 << 20 });
    res[mode] = JSON.parse(out.trim().split("\n").at(-1)!) as Measure;
  }
  const base = res.parse!;
  // Over the event lines (after the header; the header, the whole initial state, is reported on
  // its own), in CPU seconds of the measuring process, so that a machine shared with other
  // work does not distort the ratios; wall-clock seconds are shown too. "vs JSON.parse" is the
  // throughput ratio to the baseline (above 1: faster).
  console.log(`${"mode".padEnd(14)} ${"cpu s".padStart(7)} ${"header".padStart(7)} ${"events".padStart(7)} ${"wall s".padStart(7)} ${"events/s (cpu)".padStart(15)} ${"peak RSS MiB".padStart(13)} ${"vs JSON.parse".padStart(14)}  verdict`);
  const evCpu = (r: Measure) => r.cpuSeconds - r.headerCpuSeconds;
  for (const [mode, r] of Object.entries(res)) {
    const evs = (r.lines - 1) / evCpu(r);
    console.log(`${mode.padEnd(14)} ${r.cpuSeconds.toFixed(2).padStart(7)} ${r.headerCpuSeconds.toFixed(2).padStart(7)} ${evCpu(r).toFixed(2).padStart(7)} ${r.seconds.toFixed(2).padStart(7)} ${Math.round(evs).toLocaleString("en").padStart(15)} ${r.maxRssMiB.toFixed(0).padStart(13)} ${(evCpu(base) / evCpu(r)).toFixed(2).padStart(13)}x  ${r.ok === undefined ? "-" : r.ok ? "accepted" : `REJECTED: ${r.message}`}`);
  }
  if (!process.argv.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${file}`);
  if (Object.values(res).some((r) => r.ok === false)) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
