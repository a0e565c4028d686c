// `check`: check NDJSON (or ITF) traces against the rules exported from Lean.
import { readdir, stat, writeFile } from "node:fs/promises";
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
import { readTrace } from "../contract/trace/read.ts";
import { toItf } from "../itf/export.ts";

const USAGE = `usage: check [options] <trace.ndjson | trace.itf.json | directory | -> ...
Checks every trace against lean/rules/<Variant>.json (the variant is read from each trace).

options:
  --json              one JSON document on stdout (the closing summary line goes to stderr)
  --itf               read the inputs (and '-') as Quint ITF traces (automatic for *.itf.json)
  --variant V         ITF only: the variant when the ITF #meta does not name one
  --bounds H=1,C=1,.. ITF only: bounds when the ITF #meta has none (else inferred)
  --to-itf OUT        also export the (single) NDJSON input to ITF file OUT
  --rules-dir DIR     rules directory (default: lean/rules)
  --schema FILE       trace JSON Schema (default: traces/schema/trace.schema.json)
  --no-schema         structural validation only (e.g. for fixture rules of other variants)
  --no-coverage       do not print coverage
  -h, --help          this text
exit code: 0 all traces passed, 1 some failed, 2 usage error`;

interface Args {
  files: string[];
  json: boolean;
  itf: boolean;
  variant?: string;
  bounds?: Record<string, number>;
  toItf?: string;
  rulesDir: string;
  schema: string;
  coverage: boolean;
  /** false: --no-schema; "explicit": --schema given (a missing file is then an error) */
  useSchema: boolean | "explicit";
}

function parseArgs(argv: string[]): { ok: true; args: Args } | { ok: false; error: string; help?: boolean } {
  const a: Args = { files: [], json: false, itf: false, rulesDir: defaultRulesDir, schema: defaultSchemaPath, coverage: true, useSchema: true };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    const val = (): string | undefined => argv[++i];
    switch (x) {
      case "-h": case "--help": return { ok: false, error: "", help: true };
      case "--json": a.json = true; break;
      case "--itf": a.itf = true; break;
      case "--no-coverage": a.coverage = false; break;
      case "--no-schema": a.useSchema = false; break;
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

async function readStdin(): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of process.stdin) parts.push(c as Buffer);
  return Buffer.concat(parts).toString("utf8");
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
  const opts = { rules, validateLine: schema.value, variant: a.variant, bounds: a.bounds };
  const coverage = new Coverage();
  const results: TraceResult[] = [];
  for (const f of await expandDirs(a.files)) {
    const isItf = a.itf || f.endsWith(".itf.json");
    let r: TraceResult;
    if (f === "-") r = isItf ? await checkItfText(await readStdin(), "<stdin>", opts) : await checkStream(process.stdin, "<stdin>", opts);
    else r = isItf ? await checkItfFile(f, opts) : await checkFile(f, opts);
    if (r.ok && r.coverage && r.model) coverage.add(r.model.rules, r.coverage, r.events);
    results.push(r);
    if (!a.json) console.log(formatResult(r));
  }
  if (a.toItf) {
    const t = await readTrace(a.files[0] === "-" ? process.stdin : a.files[0]!, a.files[0]!);
    if (!t.ok) console.error(`check: --to-itf: ${t.error}`);
    else {
      await writeFile(a.toItf, JSON.stringify(toItf(t.value.header, t.value.events, a.files[0]!)) + "\n");
      if (!a.json) console.log(`wrote ${a.toItf}`);
    }
  }
  const summaries = coverage.summaries();
  if (a.json) {
    process.stdout.write(JSON.stringify({ traces: results.map(resultJson), coverage: a.coverage ? summaries : undefined, passed: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length }, null, 2) + "\n");
    console.error(summaryLine(results));
  } else {
    if (a.coverage && summaries.length) console.log(formatCoverage(summaries, leanNotes(a.rulesDir)));
    console.log(summaryLine(results));
  }
  return results.every((r) => r.ok) ? 0 : 1;
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
