// `explore <scenario.yaml> --variant V [--json] [--max-states N]`: explore the scenario's
// schedules, check Lean's exported invariants on every state, judge each finding against Lean's
// verdict export (never a TypeScript list of verdicts), and print shrunk counterexamples.
import { VARIANTS, isVariant } from "../contract/vocabulary.ts";
import type { Bounds, Variant } from "../contract/vocabulary.ts";
import type { SystemInit } from "../impl/system.ts";
import { loadScenarioArg } from "./scenario-arg.ts";
import type { Scenario } from "../scenario/types.ts";
import { explore } from "../sched/explorer.ts";
import type { ExploreMode, ExploreReport, Progress, PropertyVerdict } from "../sched/explorer.ts";
import { propertySet, type PropertySet } from "../sched/properties.ts";
import { isFailure, judge, judgementText, type Judgement } from "../sched/judge.ts";
import { loadVerdicts } from "../contract/verdicts/load.ts";
import type { VerdictsDoc } from "../contract/verdicts/types.ts";
import { shortName } from "../contract/verdicts/query.ts";
import { RulesCache } from "../checker/rules.ts";
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
                           [--trace-out FILE] [--progress] [--diagram] [--verdicts FILE]

Explores the scenario's schedules on the deterministic scheduler and evaluates, on every state,
the invariant Lean exports for each property of the variant (lean/rules/verdicts.json, with the
checker's interpreter), plus a deadlock check on states where nothing but an external crash
(SlcFail) is enabled, and the liveness goals Lean exports (removalStarves, ackStarves) on states
where no forced step is enabled (only the export's unforced moves). What a finding means comes
from the same export: a violation of a property a Lean safety theorem proves for this run (its
bounds, an initial state satisfying the exported init, no action the theorem leaves out), or a
starvation a Lean liveness theorem rules out (every Bounds, from an init state), fails the run
and names the theorem; a violation Lean
reaches by a witness is reported as that witness predicts; anything else is "not decided by
Lean". Counterexamples are shrunk (delta debugging, confirmed by replay) and printed as numbered
event lists, or with --diagram as sequence diagrams (one column per process, one arrow per
action, the changed cells beside it, the crash marked).

  --variant V       ${VARIANTS.join(" | ")} (default: the scenario's variant, else PreFix)
  --mode M          auto (default): exhaustive BFS with state hashing, then random walks if the
                    state budget ran out; exhaustive; random
  --max-states N    state budget for the exhaustive search (default 500000)
  --seed N          seed of the random walks (default 1)
  --walks N         number of random walks (default 2000)
  --max-depth N     steps per random walk (default: the scenario's maxSteps)
  --trace-out FILE  write the first counterexample as an NDJSON trace (scheduler "explore")
  --verdicts FILE   Lean's verdict export (default lean/rules/verdicts.json)
  --json            machine-readable report on standard output
  --progress        progress on standard error even when it is not a terminal: share of the
                    budget used, elapsed time, and an estimate of the time to the budget
  --diagram         print each counterexample as a text sequence diagram

${exitHelp("explore: 0 no finding contradicts a Lean theorem (a crash Lean's witness predicts is 0);\n  1 a property a covering Lean safety theorem proves was violated; 2 usage, unreadable scenario,\n  rules or verdict-export error, unwritable --trace-out")}`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, { values: ["variant", "max-states", "mode", "seed", "walks", "max-depth", "trace-out", "verdicts"], flags: ["help", "json", "progress", "diagram"] });
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
  const leanProps = await loadLeanProperties(variant, loaded.init.bounds, args.values.get("verdicts"));
  if (!leanProps.ok) {
    console.error(`explore: ${leanProps.error}`);
    return 2;
  }
  const { verdicts, properties } = leanProps;
  const json = args.flags.has("json");
  const showProgress = args.flags.has("progress") || process.stderr.isTTY === true;
  const seed = nums.seed ?? 1;
  const report = explore(loaded.init, {
    mode, properties, seed, maxStates: nums["max-states"] ?? 5_000_000, walks: nums.walks ?? 2000,
    maxDepth: nums["max-depth"] ?? scenario.maxSteps,
    ...(showProgress ? { onProgress: progressPrinter() } : {}),
  });
  if (showProgress && process.stderr.isTTY === true) process.stderr.write("\r\x1b[K");

  const judged = report.verdicts.map((v) => ({
    v, j: judge(verdicts, variant, v.property, loaded.init.bounds, report.initialOk, { violated: v.violated, path: (v.shrunk?.actions ?? v.found ?? []).map((a) => a.label) }),
  }));
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
    const first = judged.find((x) => isFailure(x.j) && x.v.shrunk)?.v ?? report.verdicts.find((v) => v.shrunk);
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

  const failed = judged.filter((x) => isFailure(x.j)).length;
  const code: ExitCode = failed > 0 ? 1 : 0;
  if (json) process.stdout.write(jsonReport(scenario, loaded.init, report, judged, properties, counterexamples, code));
  else console.log(textReport(scenario, report, judged, properties, counterexamples, args.flags.has("diagram") ? initCells : undefined).join("\n"));
  return code;
}

type LeanProperties = { ok: true; verdicts: VerdictsDoc; properties: PropertySet } | { ok: false; error: string };

async function loadLeanProperties(variant: Variant, bounds: Bounds, verdictsFile: string | undefined): Promise<LeanProperties> {
  const verdicts = loadVerdicts(verdictsFile);
  if (!verdicts.ok) return verdicts;
  const rules = await new RulesCache().doc(variant);
  if (!rules.ok) return rules;
  const props = propertySet(rules.value, verdicts.value, variant, bounds);
  return props.ok ? { ok: true, verdicts: verdicts.value, properties: props.value } : props;
}

interface Judged {
  readonly v: PropertyVerdict;
  readonly j: Judgement;
}

type Category = "holds" | "asExpected" | "reported" | "notFound" | "failed";

/** One category per property, from what Lean says about the finding: what the closing counts count. */
function category(j: Judgement): Category {
  switch (j.kind) {
    case "contradicts": return "failed";
    case "witnessed": return "asExpected";
    case "undecided": return "reported";
    case "witnessNotFound": return "notFound";
    case "proved": case "notFound": return "holds";
  }
}

function counts(judged: readonly Judged[]): Record<Category, number> {
  const c: Record<Category, number> = { holds: 0, asExpected: 0, reported: 0, notFound: 0, failed: 0 };
  for (const { j } of judged) c[category(j)]++;
  return c;
}

/** Exhaustive: distinct states explored per second; random: steps (transitions) per second. */
function rates(r: ExploreReport): { statesPerSecond: number | null; stepsPerSecond: number | null } {
  const per = (n: number) => (r.elapsedMs > 0 ? Math.round((n / r.elapsedMs) * 1000) : null);
  return { statesPerSecond: per(r.states), stepsPerSecond: per(r.transitions) };
}

/** `diagramInit`: print counterexamples as sequence diagrams, replayed from these initial cells. */
function textReport(s: Scenario, r: ExploreReport, judged: readonly Judged[], props: PropertySet, ces: Map<string, WrittenEvent[]>, diagramInit?: Map<string, Record<string, CellValue>>): string[] {
  const out: string[] = [];
  const rt = rates(r);
  const rate = r.walks ? `${rt.stepsPerSecond ?? "-"} steps/s` : `${rt.statesPerSecond ?? "-"} states/s`;
  out.push(`explore ${s.name} (${s.file}), variant ${r.variant}`);
  out.push(`${r.mode}: ${r.states} distinct states, ${r.transitions} transitions, depth ${r.maxDepth}${r.walks ? `, ${r.walks} random walks` : ""}, ${r.complete ? "complete" : "INCOMPLETE (state budget reached)"}, ${(r.elapsedMs / 1000).toFixed(2)} s (${rate})`);
  if (!r.initialOk) out.push("the scenario starts outside the variant's exported init: Lean's safety theorems do not cover it");
  out.push("");
  out.push(`${"property".padEnd(18)} ${"found".padEnd(9)} what Lean says`);
  for (const { v, j } of judged) out.push(`${v.property.padEnd(18)} ${(v.violated ? "violated" : "no").padEnd(9)} ${judgementText(j, r.complete)}`);
  for (const v of r.verdicts) {
    const ev = ces.get(v.property);
    if (!v.shrunk || !ev) continue;
    out.push("");
    out.push(`${v.property}: ${v.detail ?? ""} — ${props.description(v.property)}`);
    out.push(`  counterexample, ${v.shrunk.actions.length} steps (shrunk from ${v.shrunk.from}, ${v.shrunk.replays} replays):`);
    const init = diagramInit?.get(v.property);
    if (init) out.push(...diagramText(counterexampleDiagram(v.property, `${r.variant} ${s.name}: ${v.property}`, init, ev, v.detail ?? v.property), { width: process.stdout.columns ?? 120 }).map((l) => `  ${l}`));
    else out.push(...formatEvents(ev));
  }
  out.push("");
  const failed = judged.filter((x) => x.j.kind === "contradicts");
  const c = counts(judged);
  out.push(failed.length > 0
    ? `FAIL: ${failed.map((x) => `${x.v.property} (${x.j.kind === "contradicts" ? x.j.theorems.map(shortName).join(", ") : ""})`).join(", ")} violated under ${r.variant}, which Lean proves impossible`
    : `OK: no finding contradicts a Lean theorem for ${r.variant}`);
  // Only a property that held or was violated as Lean's witness predicts is "passed".
  out.push(`${c.holds} held, ${c.asExpected} violated as Lean predicts, ${c.reported} violated (not decided by Lean), ${c.notFound} Lean witness(es) not found here, ${c.failed} failed`);
  return out;
}

function jsonReport(s: Scenario, init: SystemInit, r: ExploreReport, judged: readonly Judged[], props: PropertySet, ces: Map<string, WrittenEvent[]>, exitCode: ExitCode): string {
  const c = counts(judged);
  return jsonDoc("explore", {
    scenario: s.name, file: s.file, variant: r.variant, bounds: init.bounds, mode: r.mode,
    states: r.states, transitions: r.transitions, depth: r.maxDepth, complete: r.complete, walks: r.walks,
    elapsedMs: Math.round(r.elapsedMs), ...rates(r), counts: c,
    initialOk: r.initialOk,
    properties: judged.map(({ v, j }) => ({
      property: v.property, description: props.description(v.property), violated: v.violated,
      lean: j.kind, theorems: "theorems" in j ? j.theorems.map((t) => t.name) : [],
      verdict: judgementText(j, r.complete),
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
