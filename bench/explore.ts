// Exploration benchmark: `npx tsx bench/explore.ts [--quick] [--variants PreFix,FixB]`.
// Every figure is printed next to a baseline measured in the same run, so the numbers are
// ratios that survive a change of machine. Part 1 (in this process): the raw scheduler step
// rate (seeded random walks with no state hashing and no property checks) and what the explorer
// costs on top of it. Part 2 (one child process per run, so peak RSS is per run): complete
// explorations of two-shapes-env and of the full bounds-2 space, in the implementation and in
// the Lean rules, against the previous explorer's design (string keys in a Set, a frontier of
// live systems) measured on the first states of the same scenario.
import { loadScenarioFile, toSystemInit } from "../src/scenario/load.ts";
import type { SystemInit } from "../src/impl/system.ts";
import type { Variant } from "../src/contract/vocabulary.ts";
import { explore } from "../src/sched/explorer.ts";
import type { ExploreOptions, ExploreReport } from "../src/sched/explorer.ts";
import { shrink } from "../src/sched/shrinker.ts";
import { loadVerdicts } from "../src/contract/verdicts/load.ts";
import { leanPropertiesFor } from "../src/sched/lean-properties.ts";
import type { PropertySet } from "../src/sched/properties.ts";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { VARIANTS } from "../src/contract/vocabulary.ts";
import type { ChildResult, ChildSpec } from "./lib/explore-runs.ts";

const quick = process.argv.includes("--quick");
const REPS = quick ? 3 : 5;

function init(name: string, v: Variant): SystemInit {
  const l = loadScenarioFile(new URL(`../traces/scenarios/${name}.yaml`, import.meta.url).pathname);
  if (!l.ok) throw new Error(`scenario ${name}`);
  const i = toSystemInit(l.scenario, v);
  if (!i.ok) throw new Error(`scenario ${name}`);
  return i.init;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function timed(f: () => ExploreReport): { ms: number; r: ExploreReport } {
  const t = performance.now();
  const r = f();
  return { ms: performance.now() - t, r };
}

function measure(f: () => ExploreReport): { ms: number; r: ExploreReport } {
  f(); // warm-up
  const runs = Array.from({ length: REPS }, () => timed(f));
  const ms = median(runs.map((x) => x.ms));
  return { ms, r: runs[0]?.r ?? f() };
}

// The explorer's properties come from Lean's verdict export (as in `npm run explore`).
const verdicts = loadVerdicts();
if (!verdicts.ok) throw new Error(verdicts.error);
function propsFor(i: SystemInit): PropertySet {
  const p = leanPropertiesFor(i, verdicts.ok ? verdicts.value : (undefined as never));
  if (!p.ok) throw new Error(p.error);
  return p.value;
}
const big = init("two-shapes-env", "FixA");
const recipe = init("race-recipe", "PreFix");
const base: ExploreOptions = { mode: "exhaustive", maxStates: 1_000_000, seed: 1, walks: 1, maxDepth: 200, noShrink: true, properties: propsFor(big) };
const recipeBase: ExploreOptions = { ...base, properties: propsFor(recipe) };
const bigStates = quick ? 10_000 : 50_000;

// Baseline: raw steps/s of the scheduler on the larger scenario.
const walks = quick ? 2_000 : 10_000;
const raw = measure(() => explore(big, { ...base, mode: "random", walks, raw: true }));
const rawRate = raw.r.transitions / (raw.ms / 1000);

const rows: [string, string, string][] = [];
const rate = (n: number, ms: number): number => n / (ms / 1000);
const fmt = (x: number): string => (x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(2));
rows.push(["baseline: raw scheduler steps/s (random walks, no hashing, no checks)", `${fmt(rawRate)} steps/s`, "1.00"]);

const full = measure(() => explore(big, { ...base, mode: "random", walks }));
rows.push(["random walks with hashing + property checks", `${fmt(rate(full.r.transitions, full.ms))} steps/s`, (rate(full.r.transitions, full.ms) / rawRate).toFixed(2)]);

const bfs = measure(() => explore(big, { ...base, maxStates: bigStates }));
rows.push([`exhaustive BFS, two-shapes-env FixA, first ${bigStates} states`, `${fmt(rate(bfs.r.states, bfs.ms))} states/s (${fmt(rate(bfs.r.transitions, bfs.ms))} transitions/s)`, (rate(bfs.r.transitions, bfs.ms) / rawRate).toFixed(2)]);

for (const v of ["PreFix", "FixA", "FixA2", "FixB", "FixC"] as const) {
  const iv = init("race-recipe", v);
  // small: time 20 complete explorations per sample
  const ivBase: ExploreOptions = { ...base, properties: propsFor(iv) };
  const m20 = measure(() => { let r = explore(iv, ivBase); for (let i = 1; i < 20; i++) r = explore(iv, ivBase); return r; });
  const m = { ms: m20.ms / 20, r: m20.r };
  rows.push([`exhaustive BFS, race-recipe ${v} (complete: ${m.r.states} states)`, `${fmt(m.ms)} ms, ${fmt(rate(m.r.states, m.ms))} states/s`, (rate(m.r.transitions, m.ms) / rawRate).toFixed(2)]);
}

const ttb20 = measure(() => { let r = explore(recipe, { ...recipeBase, stopOn: "nilCrash" }); for (let i = 1; i < 20; i++) r = explore(recipe, { ...recipeBase, stopOn: "nilCrash" }); return r; });
const ttb = { ms: ttb20.ms / 20, r: ttb20.r };
const rawStepMs = 1000 / rawRate;
rows.push([`time to the PreFix crash, BFS (${ttb.r.transitions} transitions)`, `${fmt(ttb.ms)} ms`, `${fmt(ttb.ms / rawStepMs)} raw steps`]);
// Random walks: mean over 200 seeds of the steps and time until the first crash.
const SEEDS = 200;
let steps = 0;
let longest: readonly import("../src/contract/vocabulary.ts").Action[] = [];
const tr = performance.now();
for (let seed = 1; seed <= SEEDS; seed++) {
  const r = explore(recipe, { ...recipeBase, mode: "random", walks: 100_000, stopOn: "nilCrash", seed });
  steps += r.transitions;
  const f = r.verdicts.find((v) => v.property === "nilCrash")?.found ?? [];
  if (f.length > longest.length) longest = f;
}
const perSeedMs = (performance.now() - tr) / SEEDS;
rows.push([`time to the PreFix crash, random walks (mean of ${SEEDS} seeds: ${fmt(steps / SEEDS)} steps)`, `${fmt(perSeedMs)} ms`, `${fmt(perSeedMs / rawStepMs)} raw steps`]);

const found = explore(recipe, { ...recipeBase, stopOn: "nilCrash" }).verdicts.find((v) => v.property === "nilCrash")?.found ?? [];
const randomFound = longest;
const sh = shrink(recipe, randomFound, "nilCrash", recipeBase.properties);
const shMs = median(Array.from({ length: REPS }, () => {
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) shrink(recipe, randomFound, "nilCrash", recipeBase.properties);
  return (performance.now() - t0) / 10;
}));
rows.push([`shrink the longest random counterexample (${sh.from} → ${sh.actions.length} steps, ${sh.replays} replays)`, `${fmt(shMs)} ms`, `${fmt(shMs / rawStepMs)} raw steps`]);

const w = Math.max(...rows.map((r) => r[0].length));
const w2 = Math.max(...rows.map((r) => r[1].length));
console.log(`explore benchmark (${quick ? "quick" : "full"}, median of ${REPS}; node ${process.version})`);
console.log(`${"measurement".padEnd(w)}  ${"figure".padEnd(w2)}  ratio to baseline`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w)}  ${b.padEnd(w2)}  ${c}`);
console.log(`\nshortest PreFix crash (BFS): ${found.length} steps; the ratio column is figure/baseline rate, or time expressed in raw scheduler steps`);

// ---- part 2: complete explorations, one child process each -----------------------------------

const root = join(import.meta.dirname, "..");
const scenarioPath = (name: string): string => (name === "full-b2" ? join(root, "bench", "scenarios", "full-b2.yaml") : join(root, "traces", "scenarios", `${name}.yaml`));

async function child(spec: ChildSpec): Promise<ChildResult> {
  const r = await execa(process.execPath, ["--import", "tsx", join(import.meta.dirname, "lib", "explore-child.ts"), JSON.stringify(spec)], { reject: false });
  if (r.exitCode !== 0) throw new Error(`${spec.kind} ${spec.scenario} ${spec.variant}: ${String(r.stderr).slice(0, 500)}`);
  return JSON.parse(String(r.stdout)) as ChildResult;
}

const MiB = 2 ** 20;
const perState = (r: ChildResult): number => (r.peakRssBytes - r.startRssBytes) / Math.max(1, r.states);
const sps = (r: ChildResult): number => r.states / Math.max(1e-9, r.seconds);

async function part2(): Promise<void> {
  const load0 = loadavg()[0] ?? 0;
  // --variants A,B limits part 2 to some variants (a full run explores all five, about 4 M states each way).
  const pick = process.argv.indexOf("--variants");
  const chosen = pick >= 0 ? (process.argv[pick + 1] ?? "").split(",") : undefined;
  const bad = chosen?.filter((v) => !(VARIANTS as readonly string[]).includes(v)) ?? [];
  if (bad.length > 0) throw new Error(`--variants: unknown variant(s) ${bad.join(", ")}; expected some of ${VARIANTS.join(", ")}`);
  const variants = chosen !== undefined ? VARIANTS.filter((v) => chosen.includes(v)) : quick ? (["FixB"] as const) : VARIANTS;
  const baseN = quick ? 50_000 : 200_000;
  const base = await child({ kind: "strings", scenario: scenarioPath("two-shapes-env"), variant: "FixA", maxStates: baseN });
  const baseSps = sps(base);
  const basePer = perState(base);
  // Rows are printed as they come: a full run takes many minutes.
  const W = 84;
  console.log(`\ncomplete explorations (one child process each; target for the full bounds-2 space: <= 60 s and <= 1 GiB)`);
  console.log(`${"measurement".padEnd(W)}  figure  |  ratio to baseline: states/s, bytes/state`);
  const out = { push: ([a, b, c]: [string, string, string]): void => console.log(`${a.padEnd(W)}  ${b}  |  ${c}`) };
  out.push([`baseline: previous explorer (string keys + live frontier), two-shapes-env FixA, first ${fmt(base.states)} states`, `${fmt(baseSps)} states/s, ${fmt(basePer)} B/state (RSS growth)`, "1.00 / 1.00"]);
  const row = (label: string, r: ChildResult, target?: { s: number; bytes: number }): void => {
    const met = target === undefined ? "" : r.complete && r.seconds <= target.s && r.peakRssBytes <= target.bytes ? "  [target met]" : "  [target MISSED]";
    out.push([
      label,
      `${r.complete ? "complete" : "INCOMPLETE"}: ${fmt(r.states)} states, ${fmt(r.transitions)} transitions, depth ${r.depth}, ${r.seconds.toFixed(1)} s, ${fmt(sps(r))} states/s, store ${(r.storeBytes / Math.max(1, r.states)).toFixed(0)} B/state, peak RSS ${(r.peakRssBytes / MiB).toFixed(0)} MiB${met}`,
      `${(sps(r) / baseSps).toFixed(2)} / ${(perState(r) / basePer).toFixed(3)}`,
    ]);
  };
  const MAX = 20_000_000;
  for (const v of variants) row(`implementation, two-shapes-env ${v}`, await child({ kind: "impl", scenario: scenarioPath("two-shapes-env"), variant: v, maxStates: MAX }));
  const target = { s: 60, bytes: 2 ** 30 };
  for (const v of variants) row(`implementation, full bounds-2 space (bench/scenarios/full-b2.yaml) ${v}`, await child({ kind: "impl", scenario: scenarioPath("full-b2"), variant: v, maxStates: MAX }), target);
  for (const v of variants) row(`Lean rules (checker interpreter), full bounds-2 space ${v}`, await child({ kind: "rules", scenario: scenarioPath("full-b2"), variant: v, maxStates: MAX }), target);
  const b1 = await child({ kind: "rules", scenario: scenarioPath("race-recipe"), variant: "PreFix", maxStates: MAX });
  row("Lean rules, race-recipe PreFix (bounds 1, the Quint spec's initial state)", b1);

  console.log(`machine: 1-min load average ${load0.toFixed(1)} at the start of part 2, ${(loadavg()[0] ?? 0).toFixed(1)} at its end (2 cores; above 2 the runs shared the cores)`);

  // Quint's simulator figures, where a Quint-written fixture with figures is committed.
  const quint = join(root, "test", "fixtures", "quint", "README.md");
  const lines = existsSync(quint) ? readFileSync(quint, "utf8").split("\n").filter((l) => /steps\/s|samples\/s|traces\/s/.test(l)) : [];
  console.log(`\nQuint side by side (${existsSync(quint) ? "test/fixtures/quint/README.md" : "no Quint fixture committed"}):`);
  if (lines.length === 0) console.log("  no Quint simulator figures committed; nothing to compare");
  for (const l of lines) console.log(`  quoted: ${l.trim()}`);
  console.log(`  ours (rules level, bounds 1, race-recipe PreFix): ${fmt(b1.transitions / Math.max(1e-9, b1.seconds))} steps/s, exhaustive (${fmt(b1.states)} states)`);
}

await part2();
