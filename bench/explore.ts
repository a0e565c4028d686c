// Exploration benchmark: `npx tsx bench/explore.ts [--quick]`.
// Every figure is printed next to a baseline measured in the same run, the raw scheduler step
// rate (seeded random walks with no state hashing and no property checks), so the numbers are
// ratios that survive a change of machine.
import { loadScenarioFile, toSystemInit } from "../src/scenario/load.ts";
import type { SystemInit } from "../src/impl/system.ts";
import type { Variant } from "../src/contract/vocabulary.ts";
import { explore } from "../src/sched/explorer.ts";
import type { ExploreOptions, ExploreReport } from "../src/sched/explorer.ts";
import { shrink } from "../src/sched/shrinker.ts";
import { readFileSync } from "node:fs";
import path from "node:path";
import { defaultRulesDir, parseRules } from "../src/checker/rules.ts";
import { loadVerdicts } from "../src/contract/verdicts/load.ts";
import { propertySet, type PropertySet } from "../src/sched/properties.ts";

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
function propsFor(i: SystemInit): PropertySet {
  const file = path.join(defaultRulesDir, `${i.variant}.json`);
  const rules = parseRules(JSON.parse(readFileSync(file, "utf8")), file);
  const verdicts = loadVerdicts();
  if (!rules.ok || !verdicts.ok) throw new Error(rules.ok ? (verdicts.ok ? "" : verdicts.error) : rules.error);
  const p = propertySet(rules.value, verdicts.value, i.variant, i.bounds);
  if (!p.ok) throw new Error(p.error);
  return p.value;
}
const opts = (i: SystemInit): ExploreOptions => ({ mode: "exhaustive", maxStates: 1_000_000, seed: 1, walks: 1, maxDepth: 200, noShrink: true, properties: propsFor(i) });
const big = init("two-shapes-env", "FixA");
const recipe = init("race-recipe", "PreFix");
const base = opts(big);
const recipeBase = opts(recipe);
const recipeProps = recipeBase.properties;
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
  const ivBase = opts(iv);
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
const sh = shrink(recipe, randomFound, "nilCrash", recipeProps);
const shMs = median(Array.from({ length: REPS }, () => {
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) shrink(recipe, randomFound, "nilCrash", recipeProps);
  return (performance.now() - t0) / 10;
}));
rows.push([`shrink the longest random counterexample (${sh.from} → ${sh.actions.length} steps, ${sh.replays} replays)`, `${fmt(shMs)} ms`, `${fmt(shMs / rawStepMs)} raw steps`]);

const w = Math.max(...rows.map((r) => r[0].length));
const w2 = Math.max(...rows.map((r) => r[1].length));
console.log(`explore benchmark (${quick ? "quick" : "full"}, median of ${REPS}; node ${process.version})`);
console.log(`${"measurement".padEnd(w)}  ${"figure".padEnd(w2)}  ratio to baseline`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w)}  ${b.padEnd(w2)}  ${c}`);
console.log(`\nshortest PreFix crash (BFS): ${found.length} steps; the ratio column is figure/baseline rate, or time expressed in raw scheduler steps`);
