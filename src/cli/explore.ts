// `explore <scenario.yaml> --variant V [--json] [--max-states N]`: explore the scenario's
// schedules, report each property's verdict against what the variant is expected to do, and
// print shrunk counterexamples.
import { VARIANTS, isVariant } from "../contract/vocabulary.ts";
import type { SystemInit } from "../impl/system.ts";
import { loadScenarioArg } from "./scenario-arg.ts";
import type { Scenario } from "../scenario/types.ts";
import { explore } from "../sched/explorer.ts";
import type { ExploreMode, ExploreReport, Progress, PropertyVerdict } from "../sched/explorer.ts";
import { DESCRIPTIONS } from "../sched/properties.ts";
import { formatEvents, replayEvents } from "../sched/counterexample.ts";
import { counterexampleDiagram } from "../diagram/from-events.ts";
import { diagramText } from "../diagram/text.ts";
import type { CellValue } from "../contract/vocabulary.ts";
import { quotedRulesFingerprint } from "../contract/rules/quoted-fingerprint.ts";
import { IMPLEMENTATION, TRACE_FORMAT } from "../contract/trace/types.ts";
import type { WrittenEvent } from "../contract/trace/types.ts";
import { serialiseTrace } from "../contract/trace/writer.ts";
import { writeFileAtomic } from "../util/fs-atomic.ts";
import { parseArgs, parseIntArg } from "./args.ts";
import { exitHelp, type ExitCode } from "./exit-codes.ts";
import { jsonDoc } from "./json-doc.ts";

const HELP = `usage: npm run explore -- <scenario.yaml> [--variant V] [--json] [--max-states N]
                           [--mode auto|exhaustive|random] [--seed N] [--walks N] [--max-depth N]
                           [--trace-out FILE] [--progress] [--diagram]

Explores the scenario's schedules on the deterministic scheduler and checks, on every state and
transition: noSendNilCrash (I1), noRaceWindow (I2), noOrphanConsumer (I3/§5b),
noQuiescenceLeak (I4), noDeadlock. Each variant declares which properties it must satisfy
(PreFix is expected to crash; every fix must not), which it is expected to violate (a
witness), and which are only reported. Counterexamples are shrunk (delta debugging, confirmed
by replay) and printed as numbered event lists, or with --diagram as sequence diagrams (one
column per process, one arrow per action, the changed cells beside it, the crash marked).

  --variant V       ${VARIANTS.join(" | ")} (default: the scenario's variant, else PreFix)
  --mode M          auto (default): exhaustive BFS with state hashing, then random walks if the
                    state budget ran out; exhaustive; random
  --max-states N    state budget for the exhaustive search (default 5000000, about 40 bytes each)
  --seed N          seed of the random walks (default 1)
  --walks N         number of random walks (default 2000)
  --max-depth N     steps per random walk (default: the scenario's maxSteps)
  --trace-out FILE  write the first counterexample as an NDJSON trace (scheduler "explore")
  --json            machine-readable report on standard output
  --progress        progress on standard error even when it is not a terminal: share of the
                    budget used, elapsed time, and an estimate of the time to the budget
  --diagram         print each counterexample as a text sequence diagram

${exitHelp("explore: 0 every property behaved as the variant requires (an expected PreFix crash is 0);\n  1 a property the variant must satisfy was violated; 2 usage, unreadable scenario, unwritable --trace-out")}`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, { values: ["variant", "max-states", "mode", "seed", "walks", "max-depth", "trace-out"], flags: ["help", "json", "progress", "diagram"] });
  if (!parsed.ok) return usageError(parsed.error);
  const { args } = parsed;
  if (args.flags.has("help")) {
    console.log(HELP);
    return 0;
  }
  if (args.positional.length !== 1) return usageError("expected exactly one scenario file");
  const nums: Record<string, number | undefined> = {};
  for (const [name, lo, hi] of [["max-states", 1, 1e9], ["seed", 0, Number.MAX_SAFE_INTEGER], ["walks", 1, 1e9], ["max-depth", 1, 1e6]] as const) {
    const r = parseIntArg(args.values.get(name), name, lo, hi);
    if (!r.ok) return usageError(r.error);
    nums[name] = r.value;
  }
  const vArg = args.values.get("variant");
  if (vArg !== undefined && !isVariant(vArg)) return usageError(`--variant must be one of ${VARIANTS.join(", ")}, got '${vArg}'`);
  const modeArg = args.values.get("mode") ?? "auto";
  if (modeArg !== "auto" && modeArg !== "exhaustive" && modeArg !== "random") return usageError(`--mode must be auto, exhaustive or random, got '${modeArg}'`);
  const mode: ExploreMode = modeArg;

  const file = args.positional[0] ?? "";
  const loaded = loadScenarioArg(file, vArg);
  if (loaded === undefined) return 2;
  const { scenario, variant } = loaded;
  const json = args.flags.has("json");
  const showProgress = args.flags.has("progress") || process.stderr.isTTY === true;
  const seed = nums.seed ?? 1;
  const report = explore(loaded.init, {
    mode, seed, maxStates: nums["max-states"] ?? 5_000_000, walks: nums.walks ?? 2000,
    maxDepth: nums["max-depth"] ?? scenario.maxSteps,
    ...(showProgress ? { onProgress: progressPrinter() } : {}),
  });
  if (showProgress && process.stderr.isTTY === true) process.stderr.write("\r\x1b[K");

  const counterexamples = new Map<string, WrittenEvent[]>();
  const initCells = new Map<string, Record<string, CellValue>>();
  for (const v of report.verdicts) {
    if (!v.shrunk) continue;
    const r = replayEvents(loaded.init, v.shrunk.actions);
    counterexamples.set(v.property, r.events);
    initCells.set(v.property, r.init);
  }

  const traceOut = args.values.get("trace-out");
  if (traceOut !== undefined) {
    const first = report.verdicts.find((v) => v.failure && v.shrunk) ?? report.verdicts.find((v) => v.shrunk);
    if (first?.shrunk) {
      const r = replayEvents(loaded.init, first.shrunk.actions);
      const text = serialiseTrace({
        kind: "header", format: TRACE_FORMAT, variant, seed, scenario: scenario.name, scheduler: "explore",
        implementation: IMPLEMENTATION, rulesFingerprint: quotedRulesFingerprint(variant), bounds: loaded.init.bounds, init: r.init,
      }, r.events);
      try {
        await writeFileAtomic(traceOut, text);
      } catch (err) {
        console.error(`cannot write ${traceOut}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
        return 2;
      }
    }
  }

  const failed = report.verdicts.filter((v) => v.failure).length;
  const code: ExitCode = failed > 0 ? 1 : 0;
  if (json) process.stdout.write(jsonReport(scenario, loaded.init, report, counterexamples, code));
  else console.log(textReport(scenario, report, counterexamples, args.flags.has("diagram") ? initCells : undefined).join("\n"));
  return code;
}

type Category = "holds" | "asExpected" | "reported" | "notFound" | "failed";

/** One category per property: what the closing counts count. */
function category(v: PropertyVerdict): Category {
  if (v.failure) return "failed";
  if (v.violated) return v.expectation === "violated" ? "asExpected" : "reported";
  if (v.missing) return "notFound";
  return "holds";
}

function counts(r: ExploreReport): Record<Category, number> {
  const c: Record<Category, number> = { holds: 0, asExpected: 0, reported: 0, notFound: 0, failed: 0 };
  for (const v of r.verdicts) c[category(v)]++;
  return c;
}

/** Exhaustive: distinct states explored per second; random: steps (transitions) per second. */
function rates(r: ExploreReport): { statesPerSecond: number | null; stepsPerSecond: number | null } {
  const per = (n: number) => (r.elapsedMs > 0 ? Math.round((n / r.elapsedMs) * 1000) : null);
  return { statesPerSecond: per(r.states), stepsPerSecond: per(r.transitions) };
}

function verdictWord(v: PropertyVerdict, complete: boolean): string {
  if (v.failure) return "FAILED: expected to hold";
  if (v.violated) return v.expectation === "violated" ? "as expected" : "reported";
  if (v.missing) return complete ? "NOT FOUND although expected (complete search)" : "not found (search incomplete)";
  return v.expectation === "holds" ? (complete ? "holds (complete search)" : "holds so far (search incomplete)") : "not found";
}

/** `diagramInit`: print counterexamples as sequence diagrams, replayed from these initial cells. */
function textReport(s: Scenario, r: ExploreReport, ces: Map<string, WrittenEvent[]>, diagramInit?: Map<string, Record<string, CellValue>>): string[] {
  const out: string[] = [];
  const rt = rates(r);
  const rate = r.walks ? `${rt.stepsPerSecond ?? "-"} steps/s` : `${rt.statesPerSecond ?? "-"} states/s`;
  out.push(`explore ${s.name} (${s.file}), variant ${r.variant}`);
  out.push(`${r.mode}: ${r.states} distinct states, ${r.transitions} transitions, depth ${r.maxDepth}${r.walks ? `, ${r.walks} random walks` : ""}, ${r.complete ? "complete" : "INCOMPLETE (state budget reached)"}, ${(r.elapsedMs / 1000).toFixed(2)} s (${rate})`);
  out.push("");
  out.push(`${"property".padEnd(18)} ${"expected".padEnd(9)} ${"found".padEnd(9)} verdict`);
  for (const v of r.verdicts) out.push(`${v.property.padEnd(18)} ${v.expectation.padEnd(9)} ${(v.violated ? "violated" : "no").padEnd(9)} ${verdictWord(v, r.complete)}`);
  for (const v of r.verdicts) {
    const ev = ces.get(v.property);
    if (!v.shrunk || !ev) continue;
    out.push("");
    out.push(`${v.property}: ${v.detail ?? ""} — ${DESCRIPTIONS[v.property]}`);
    out.push(`  counterexample, ${v.shrunk.actions.length} steps (shrunk from ${v.shrunk.from}, ${v.shrunk.replays} replays):`);
    const init = diagramInit?.get(v.property);
    if (init) out.push(...diagramText(counterexampleDiagram(v.property, `${r.variant} ${s.name}: ${v.property}`, init, ev, v.detail ?? v.property), { width: process.stdout.columns ?? 120 }).map((l) => `  ${l}`));
    else out.push(...formatEvents(ev));
  }
  out.push("");
  const failed = r.verdicts.filter((v) => v.failure);
  const c = counts(r);
  out.push(failed.length > 0 ? `FAIL: ${failed.map((v) => v.property).join(", ")} must hold under ${r.variant}` : `OK: every property behaved as ${r.variant} requires`);
  // Only a property that held is "passed"; an expected or reported violation is counted as such.
  out.push(`${c.holds} held, ${c.asExpected} violated as expected, ${c.reported} violated (reported only), ${c.notFound} expected violation(s) not found, ${c.failed} failed`);
  return out;
}

function jsonReport(s: Scenario, init: SystemInit, r: ExploreReport, ces: Map<string, WrittenEvent[]>, exitCode: ExitCode): string {
  const c = counts(r);
  return jsonDoc("explore", {
    scenario: s.name, file: s.file, variant: r.variant, bounds: init.bounds, mode: r.mode,
    states: r.states, transitions: r.transitions, depth: r.maxDepth, complete: r.complete, walks: r.walks,
    elapsedMs: Math.round(r.elapsedMs), ...rates(r), counts: c,
    properties: r.verdicts.map((v) => ({
      property: v.property, description: DESCRIPTIONS[v.property], expectation: v.expectation, violated: v.violated,
      verdict: v.failure ? "fail" : v.violated ? (v.expectation === "violated" ? "as-expected" : "reported") : v.missing ? "missing" : "holds",
      detail: v.detail ?? null,
      counterexample: v.shrunk ? { steps: v.shrunk.actions.length, shrunkFrom: v.shrunk.from, replays: v.shrunk.replays, events: ces.get(v.property) ?? [] } : null,
    })),
  }, { ok: exitCode === 0, exitCode, unit: "properties", passed: c.holds + c.asExpected, failed: c.failed });
}

export function progressLine(p: Progress): string {
  const share = (p.budget > 0 ? (100 * p.used) / p.budget : 0).toFixed(1);
  // At the rate so far; for BFS an upper bound: the search may end before the budget is used.
  const left = p.used > 0 ? (p.elapsedMs * (p.budget - p.used)) / p.used / 1000 : undefined;
  const time = `${(p.elapsedMs / 1000).toFixed(1)} s elapsed${left === undefined ? "" : `, ${p.phase === "exhaustive" ? "at most " : ""}~${left.toFixed(0)} s more`}`;
  return p.phase === "exhaustive"
    ? `[exhaustive] ${p.states} distinct states (${share}% of the ${p.budget}-state budget), ${p.transitions} transitions, depth ${p.depth}, frontier ${p.frontier}, ${time}`
    : `[random] walk ${p.used}/${p.budget} (${share}%), ${p.states} distinct states, ${p.transitions} transitions, depth ${p.depth}, ${time}`;
}

function progressPrinter(): (p: Progress) => void {
  const tty = process.stderr.isTTY === true;
  return (p) => {
    const line = progressLine(p);
    process.stderr.write(tty ? `\r\x1b[K${line}` : `${line}\n`);
  };
}

function usageError(msg: string): number {
  console.error(`explore: ${msg}\n(run with --help for usage)`);
  return 2;
}
