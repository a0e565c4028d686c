// `check`: check NDJSON (or ITF) traces against the rules exported from Lean.
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { checkFile, checkStream } from "../checker/stream.ts";
import { RulesCache, defaultRulesDir } from "../checker/rules.ts";
import { defaultSchemaPath, loadTraceSchema } from "../contract/trace/schema.ts";
import type { TraceResult } from "../checker/check.ts";
import { Coverage } from "../checker/coverage.ts";
import { formatCoverage, formatResult, resultJson, summaryLine, type NeverExercisedNote } from "../checker/report.ts";
import { loadVerdicts } from "../contract/verdicts/load.ts";
import { shortName, witnessesFiring } from "../contract/verdicts/query.ts";
import { checkItfFile, checkItfText } from "../itf/check.ts";
import { traceRecords } from "../contract/trace/read.ts";
import type { TraceEvent, TraceHeader } from "../contract/trace/types.ts";
import { writeItf } from "../itf/export.ts";
import { openAtomic } from "../util/fs-atomic.ts";
import { DEFAULT_LIMITS, LIMIT_FLAGS, parseLimit, type InputLimits } from "../contract/limits.ts";
import { escapeControls } from "../contract/escape.ts";
import { exitHelp, type ExitCode } from "./exit-codes.ts";
import { jsonDoc } from "./json-doc.ts";
import { processName } from "../diagram/arrows.ts";
import { divergenceDiagram } from "../diagram/from-divergence.ts";
import { diagramText } from "../diagram/text.ts";
import type { Diagram } from "../diagram/types.ts";

const USAGE = `usage: check [options] <trace.ndjson | trace.itf.json | directory | -> ...
Checks every trace against lean/rules/<Variant>.json (the variant is read from each trace).

options:
  --json              one JSON document on stdout (format electric-race-check/1; the closing
                      summary line goes to stderr)
  --itf               read all inputs (and '-') as Quint ITF traces (a flag: *.itf.json files
                      are read as ITF without it)
  --variant V         ITF only: the variant when the ITF #meta does not name one
  --bounds H=1,C=1,.. ITF only: bounds when the ITF #meta has none (else inferred)
  --to-itf OUT        also export the (single) NDJSON input to ITF file OUT once it passed
                      (folders created)
  --export-failed     with --to-itf: export it even if the check failed
  --rules-dir DIR     rules directory (default: lean/rules)
  --schema FILE       trace JSON Schema (default: traces/schema/trace.schema.json)
  --no-schema         structural validation only (e.g. for fixture rules of other variants)
  --no-coverage       do not print coverage
  --diagram           print each divergence also as a text sequence diagram (the last
                      accepted events, then the refused one)
limits (checked before anything that grows with them is built; raise them for bigger traces):
  --max-bound N        largest bound H, C, K or T (default ${DEFAULT_LIMITS.maxBound})
  --max-cells N        most state cells the bounds may imply (default ${DEFAULT_LIMITS.maxCells})
  --max-header-bytes N longest header line (default ${DEFAULT_LIMITS.maxHeaderBytes / 2 ** 20}M; k, M, G suffixes)
  --max-line-bytes N   longest event line (default ${DEFAULT_LIMITS.maxLineBytes / 2 ** 20}M)
  --max-depth N        deepest nesting of objects/arrays in a record (default ${DEFAULT_LIMITS.maxDepth})
  --max-itf-bytes N    largest ITF document (default ${DEFAULT_LIMITS.maxItfBytes / 2 ** 20}M)
  -h, --help          this text
${exitHelp("check: 0 every trace passed; 1 a trace failed (including a malformed one); 2 usage error,\n  a file that cannot be read, an ITF trace with no variant, an unwritable --to-itf")}`;

interface Args {
  files: string[];
  json: boolean;
  itf: boolean;
  variant?: string;
  bounds?: Record<string, number>;
  toItf?: string;
  exportFailed: boolean;
  limits: Partial<InputLimits>;
  rulesDir: string;
  schema: string;
  coverage: boolean;
  diagram: boolean;
  /** false: --no-schema; "explicit": --schema given (a missing file is then an error) */
  useSchema: boolean | "explicit";
}

function parseArgs(argv: string[]): { ok: true; args: Args } | { ok: false; error: string; help?: boolean } {
  const a: Args = { files: [], json: false, itf: false, rulesDir: defaultRulesDir, schema: defaultSchemaPath, coverage: true, diagram: false, useSchema: true, exportFailed: false, limits: {} };
  const limitOf = new Map(Object.entries(LIMIT_FLAGS).map(([k, f]) => [f, k as keyof InputLimits]));
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    const val = (): string | undefined => argv[++i];
    switch (x) {
      case "-h": case "--help": return { ok: false, error: "", help: true };
      case "--json": a.json = true; break;
      case "--itf": a.itf = true; break;
      case "--no-coverage": a.coverage = false; break;
      case "--diagram": a.diagram = true; break;
      case "--no-schema": a.useSchema = false; break;
      case "--export-failed": a.exportFailed = true; break;
      case "--max-bound": case "--max-cells": case "--max-header-bytes": case "--max-line-bytes": case "--max-depth": case "--max-itf-bytes": {
        const v = val();
        if (v === undefined) return { ok: false, error: `${x} needs a value` };
        const n = parseLimit(x, v);
        if (!n.ok) return { ok: false, error: n.error };
        a.limits[limitOf.get(x)!] = n.value;
        break;
      }
      case "--variant": case "--to-itf": case "--rules-dir": case "--schema": case "--bounds": {
        const v = val();
        if (v === undefined) return { ok: false, error: `${x} needs a value` };
        if (x === "--variant") a.variant = v;
        else if (x === "--to-itf") a.toItf = v;
        else if (x === "--rules-dir") a.rulesDir = path.resolve(v);
        else if (x === "--schema") {
          a.schema = path.resolve(v);
          a.useSchema = "explicit";
        }
        else {
          const b: Record<string, number> = {};
          for (const part of v.split(",")) {
            const m = /^([A-Za-z_]\w*)=(\d+)$/.exec(part.trim());
            if (!m) return { ok: false, error: `--bounds: expected NAME=N[,NAME=N...], got '${part}'` };
            b[m[1]!] = Number(m[2]);
          }
          a.bounds = b;
        }
        break;
      }
      default:
        if (x.startsWith("-") && x !== "-") return { ok: false, error: `unknown option '${x}'` };
        a.files.push(x);
    }
  }
  if (a.files.length === 0) return { ok: false, error: "no trace given (a file, or '-' for stdin)" };
  if (a.files.filter((f) => f === "-").length > 1) return { ok: false, error: "'-' (stdin) may be given once" };
  if (a.toItf && (a.files.length !== 1 || a.itf || a.files[0] === "-" || a.files[0]!.endsWith(".itf.json"))) return { ok: false, error: "--to-itf takes exactly one NDJSON trace" };
  return { ok: true, args: a };
}

/** A directory argument stands for its *.ndjson and *.itf.json files, sorted. */
async function expandDirs(files: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const f of files) {
    let st;
    try {
      st = f === "-" ? undefined : await stat(f);
    } catch {
      st = undefined; // reported as unreadable by the checker
    }
    if (st?.isDirectory()) {
      const names = (await readdir(f)).filter((n) => n.endsWith(".ndjson") || n.endsWith(".itf.json")).sort();
      out.push(...names.map((n) => path.join(f, n)));
    } else out.push(f);
  }
  return out;
}

/** A failed result as a diagram, when the divergence names the refused event's rule. */
function resultDiagram(r: TraceResult): Diagram | null {
  const d = r.divergence;
  if (!d || d.rule === undefined) return null;
  const rule = r.model?.actions.get(d.rule)?.rule;
  return divergenceDiagram(`divergence-${r.file}`, `${r.file}: ${d.kind} divergence at event ${d.seq ?? "?"}`, d, rule ? processName(rule, d.params ?? {}) : "?");
}

/** stdin as bytes, at most `limit` + 1 of them (one more than allowed is enough to refuse it). */
async function readStdin(limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const c of process.stdin) {
    parts.push(c as Buffer);
    n += (c as Buffer).length;
    if (n > limit) break;
  }
  return Buffer.concat(parts).subarray(0, limit + 1);
}

export async function run(argv: string[]): Promise<number> {
  // `check ... | head` closes the pipe early: stop quietly instead of dying with a stack trace.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(1);
  });
  const p = parseArgs(argv);
  if (!p.ok) {
    if (p.help) {
      console.log(USAGE);
      return 0;
    }
    console.error(`check: ${p.error}\n\n${USAGE}`);
    return 2;
  }
  const a = p.args;
  const schema = a.useSchema ? await loadTraceSchema(a.schema) : ({ ok: true, value: undefined } as const);
  if (!schema.ok) {
    console.error(`check: ${schema.error}`);
    return 2;
  }
  if (a.useSchema === "explicit" && schema.value === undefined) {
    console.error(`check: --schema ${a.schema}: no such file`);
    return 2;
  }
  const rules = new RulesCache(a.rulesDir);
  const opts = { rules, validateLine: schema.value, variant: a.variant, bounds: a.bounds, limits: a.limits };
  const coverage = new Coverage();
  const results: TraceResult[] = [];
  for (const f of await expandDirs(a.files)) {
    const isItf = a.itf || f.endsWith(".itf.json");
    let r: TraceResult;
    if (f === "-") r = isItf ? await checkItfText(await readStdin({ ...DEFAULT_LIMITS, ...a.limits }.maxItfBytes), "<stdin>", opts) : await checkStream(process.stdin, "<stdin>", opts);
    else r = isItf ? await checkItfFile(f, opts) : await checkFile(f, opts);
    if (r.ok && r.coverage && r.model) coverage.add(r.model.rules, r.coverage, r.events);
    results.push(r);
    if (!a.json) console.log(escapeControls(formatResult(r)));
    if (!a.json && a.diagram) {
      const d = resultDiagram(r);
      if (d) console.log(escapeControls(diagramText(d, { width: process.stdout.columns ?? 120 }).map((l) => `  ${l}`).join("\n")));
    }
  }
  if (a.toItf) {
    // Quint writes every nondet name in every state: use every parameter name of the variant.
    const variant = results[0]?.model?.rules.variant;
    const rd = variant !== undefined ? await rules.doc(variant) : undefined;
    const names = rd?.ok ? rd.value.actions.flatMap((x) => x.params.map((p) => p.name)) : [];
    const code = await exportItf(a.files[0]!, a.toItf, results[0]!, a.exportFailed, a.json, names);
    if (code !== 0) return code;
  }
  const summaries = coverage.summaries();
  const code = checkExitCode(results);
  if (a.json) {
    const passed = results.filter((r) => r.ok).length;
    // JSON.stringify escapes C0 controls; escapeControls also escapes C1 and invisible marks,
    // which can only occur inside strings, so the document stays valid JSON.
    process.stdout.write(escapeControls(jsonDoc("check", { traces: results.map(resultJson), coverage: a.coverage ? summaries : null },
      { ok: code === 0, exitCode: code, unit: "traces", passed, failed: results.length - passed })));
    console.error(summaryLine(results));
  } else {
    if (a.coverage && summaries.length) console.log(escapeControls(formatCoverage(summaries, leanNotes(a.rulesDir))));
    console.log(summaryLine(results));
  }
  return code;
}

/** 2 when an input could not be read or the caller must say more (no variant): the run did
 * not check everything it was asked to; else 1 if a trace failed; else 0. */
export function checkExitCode(results: readonly TraceResult[]): ExitCode {
  if (results.some((r) => r.divergence?.kind === "io" || r.divergence?.kind === "usage")) return 2;
  return results.every((r) => r.ok) ? 0 : 1;
}

/**
 * `--to-itf`: stream the checked trace into OUT through the atomic writer (OUT is the old file
 * or the complete new one, never half of one). A trace that failed the check is not exported
 * unless --export-failed asks for it. Returns an exit code (0: continue).
 */
async function exportItf(file: string, out: string, checked: TraceResult, exportFailed: boolean, quiet: boolean, paramNames: readonly string[]): Promise<number> {
  if (!checked.ok && !exportFailed) {
    console.error(`check: --to-itf: not writing ${out}: ${file} failed the check (add --export-failed to export it anyway)`);
    return 0; // the check's own failure sets the exit code
  }
  const recs = traceRecords(file, file);
  const first = await recs.next();
  if (first.done || first.value.kind !== "header") {
    console.error(`check: --to-itf: ${first.done ? `${file}: empty trace` : first.value.kind === "error" ? first.value.error : "no header"}`);
    return 2;
  }
  const header: TraceHeader = first.value.header;
  let readError: string | undefined;
  async function* events(): AsyncGenerator<TraceEvent> {
    for await (const r of recs) {
      if (r.kind === "error") {
        readError = r.error;
        return;
      }
      if (r.kind === "event") yield r.event;
    }
  }
  let f;
  try {
    f = await openAtomic(out);
  } catch (e) {
    console.error(`check: --to-itf: cannot write ${out}: ${(e as Error).message}`);
    return 2;
  }
  try {
    await writeItf((c) => f.write(c), header, events(), file, paramNames);
    if (readError !== undefined) {
      await f.abort();
      console.error(`check: --to-itf: ${readError}; ${out} not written`);
      return 2;
    }
    await f.commit();
  } catch (e) {
    await f.abort();
    console.error(`check: --to-itf: cannot write ${out}: ${(e as Error).message}`);
    return 2;
  }
  if (!quiet) console.log(`wrote ${out}`);
  return 0;
}

/** Coverage notes worded from Lean's verdict export beside the rules: which never-exercised rule
 * a Lean witness fires. Without an export (e.g. a toy rules directory) the notes say so once. */
function leanNotes(rulesDir: string): NeverExercisedNote {
  const file = path.join(rulesDir, "verdicts.json");
  const doc = loadVerdicts(file);
  if (!doc.ok) {
    let said = false;
    return () => (said ? undefined : ((said = true), `no Lean verdicts for these notes (${doc.error})`));
  }
  return (variant, rule) => {
    const ws = witnessesFiring(doc.value, variant, rule);
    return ws.length > 0 ? `reachable: Lean's witness ${ws.map(shortName).join(", ")} takes it` : `no Lean witness for ${variant} takes it`;
  };
}
