// Runs seeded mutants of the committed traces through the checker in-process (NDJSON with and
// without the schema, and ITF) and counts what issue 9 asks about: uncaught exceptions, slow
// answers, false accepts of mutants that are invalid by construction, messages that are not
// located or carry raw control characters. Used by the bounded suite in `npm test` and by the
// long seeded run (`npm run fuzz -- --cases 100000`).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { checkStream } from "../../src/checker/stream.ts";
import { RulesCache, defaultRulesDir, repoRoot } from "../../src/checker/rules.ts";
import { loadTraceSchema, type LineValidator } from "../../src/contract/trace/schema.ts";
import type { TraceResult } from "../../src/checker/check.ts";
import { checkItfText } from "../../src/itf/check.ts";
import { toItf } from "../../src/itf/export.ts";
import { itfMutant, ndjsonMutant, rng, seedOf, UNESCAPED, type Mutant, type Seed } from "./mutants.ts";

/** Mutant kinds whose rejection waits for another change, reported apart. None is left: wrong
 * process names (issue 9 finding 1) are rejected since the checker matches the rules' declared
 * process parameter exactly. */
export const PENDING_KINDS = new Set<string>();

export interface KindStats {
  cases: number;
  rejected: number;
}

export interface Sample {
  kind: string;
  path: "ndjson+schema" | "ndjson" | "itf";
  detail: string;
  bytes: string;
}

export interface FuzzStats {
  cases: number;
  byKind: Record<string, KindStats>;
  crashes: Sample[];
  /** answers costing more than `slowMs` of CPU time */
  hangs: Sample[];
  falseAccepts: Sample[];
  falseAcceptCount: number;
  /** false accepts of PENDING_KINDS, reported apart */
  pendingAccepts: Sample[];
  pendingAcceptCount: number;
  crashCount: number;
  hangCount: number;
  unlocated: Sample[];
  unescaped: Sample[];
  maxRejectMs: number;
  maxRejectKind: string;
  /** slowest answer in wall-clock time (includes waiting for the CPU on a loaded machine) */
  maxWallMs: number;
  seconds: number;
  rssStartMiB: number;
  rssPeakMiB: number;
}

export interface FuzzOptions {
  cases: number;
  seed: number;
  slowMs?: number;
  /** keep at most this many samples per list */
  keep?: number;
  onProgress?: (done: number, s: FuzzStats) => void;
}

export interface Corpus {
  seeds: Seed[];
  itf: string[];
  rules: RulesCache;
  schema: LineValidator | undefined;
}

/** The committed traces as seeds, their ITF exports, the real rules and the trace schema. */
export async function loadCorpus(): Promise<Corpus> {
  const dir = path.join(repoRoot, "traces");
  const files = readdirSync(dir).filter((f) => f.endsWith(".ndjson")).sort();
  if (files.length === 0) throw new Error(`no committed traces in ${dir}`);
  const seeds = files.map((f) => seedOf(f, readFileSync(path.join(dir, f), "utf8")));
  const itf = seeds.map((s) => JSON.stringify(toItf(s.header as never, s.events as never, s.name)));
  const schema = await loadTraceSchema();
  if (!schema.ok || schema.value === undefined) throw new Error(`the trace schema is missing or broken: ${schema.ok ? "absent" : schema.error}`);
  return { seeds, itf, rules: new RulesCache(defaultRulesDir), schema: schema.value };
}

function sample(m: Mutant, p: Sample["path"], detail: string): Sample {
  const text = m.bytes.toString("latin1");
  return { kind: m.kind, path: p, detail, bytes: text.length > 600 ? `${text.slice(0, 600)}...` : text };
}

async function runOne(c: Corpus, m: Mutant, p: Sample["path"]): Promise<TraceResult> {
  if (p === "itf") return checkItfText(m.bytes.toString("utf8"), "fuzz.itf.json", { rules: c.rules });
  return checkStream(Readable.from([m.bytes]), "fuzz.ndjson", { rules: c.rules, validateLine: p === "ndjson+schema" ? c.schema : undefined });
}

export async function fuzz(c: Corpus, o: FuzzOptions): Promise<FuzzStats> {
  const keep = o.keep ?? 5;
  const slowMs = o.slowMs ?? 1000;
  const s: FuzzStats = {
    cases: 0, byKind: {}, crashes: [], hangs: [], falseAccepts: [], pendingAccepts: [], unlocated: [], unescaped: [],
    falseAcceptCount: 0, pendingAcceptCount: 0, crashCount: 0, hangCount: 0,
    maxRejectMs: 0, maxRejectKind: "", maxWallMs: 0, seconds: 0, rssStartMiB: process.memoryUsage().rss / 2 ** 20, rssPeakMiB: 0,
  };
  const add = (xs: Sample[], x: Sample) => {
    if (xs.length < keep) xs.push(x);
  };
  const r = rng(o.seed);
  const t0 = performance.now();
  for (let i = 0; i < o.cases; i++) {
    const p: Sample["path"] = i % 4 === 3 ? "itf" : i % 4 === 2 ? "ndjson" : "ndjson+schema";
    const si = Math.floor(r() * c.seeds.length);
    const m = p === "itf" ? itfMutant(c.itf[si]!, r) : ndjsonMutant(c.seeds[si]!, r);
    const ks = (s.byKind[`${p}:${m.kind}`] ??= { cases: 0, rejected: 0 });
    ks.cases++;
    s.cases++;
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    let res: TraceResult;
    try {
      res = await runOne(c, m, p);
    } catch (e) {
      s.crashCount++;
      add(s.crashes, sample(m, p, e instanceof Error ? `${e.name}: ${e.message}` : String(e)));
      continue;
    }
    // cost = CPU time of this process (the machine may be shared; wall time is reported too)
    const cpu = process.cpuUsage(cpu0);
    const ms = (cpu.user + cpu.system) / 1000;
    const wallMs = performance.now() - start;
    if (wallMs > s.maxWallMs) s.maxWallMs = wallMs;
    if (ms > slowMs) {
      s.hangCount++;
      add(s.hangs, sample(m, p, `${ms.toFixed(0)} ms`));
    }
    if (res.ok) {
      if (m.mustReject && PENDING_KINDS.has(m.kind)) {
        s.pendingAcceptCount++;
        add(s.pendingAccepts, sample(m, p, "accepted"));
      } else if (m.mustReject) {
        s.falseAcceptCount++;
        add(s.falseAccepts, sample(m, p, "accepted"));
      }
      continue;
    }
    ks.rejected++;
    if (ms > s.maxRejectMs) {
      s.maxRejectMs = ms;
      s.maxRejectKind = `${p}:${m.kind}`;
    }
    const d = res.divergence!;
    const lines = p === "itf" ? Number.MAX_SAFE_INTEGER : m.bytes.toString("latin1").split("\n").length;
    if (!Number.isInteger(d.line) || d.line < 0 || d.line > lines || d.message === "") add(s.unlocated, sample(m, p, `line ${d.line}: ${d.message}`));
    if (UNESCAPED.test(d.message)) add(s.unescaped, sample(m, p, d.message));
    if ((i & 255) === 0) {
      s.rssPeakMiB = Math.max(s.rssPeakMiB, process.memoryUsage().rss / 2 ** 20);
      o.onProgress?.(i, s);
    }
  }
  s.seconds = (performance.now() - t0) / 1000;
  s.rssPeakMiB = Math.max(s.rssPeakMiB, process.resourceUsage().maxRSS / 1024);
  return s;
}
