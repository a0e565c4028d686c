// The long seeded reliability run (issue 9): `npm run fuzz -- --cases 100000 [--seed N]`
// (also `npm run bench -- fuzz ...`). Mutates the committed traces, feeds each mutant to the
// checker in-process (NDJSON with and without the schema, ITF) and reports cases, uncaught
// exceptions, answers costing over 1 s of CPU, false accepts of mutants that are invalid by
// construction, unlocated or unescaped messages, the slowest rejection and peak memory.
// Exit 1 when any of those is non-zero (pending kinds excepted, reported on their own line).
import { fuzz, loadCorpus, type FuzzStats } from "../test/fuzz/harness.ts";

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return dflt;
  const v = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(v) || v < 1) {
    console.error(`${name}: expected a positive integer, got '${process.argv[i + 1] ?? ""}'`);
    process.exit(2);
  }
  return v;
}

function report(s: FuzzStats, seed: number): void {
  console.log(`seed ${seed}: ${s.cases.toLocaleString("en")} cases in ${s.seconds.toFixed(1)} s (${Math.round(s.cases / s.seconds).toLocaleString("en")}/s)`);
  console.log(`  uncaught exceptions   ${s.crashCount}`);
  console.log(`  answers over 1 s CPU  ${s.hangCount}`);
  console.log(`  false accepts         ${s.falseAcceptCount}`);
  console.log(`  pending (finding 1)   ${s.pendingAcceptCount} wrong-process mutants accepted`);
  console.log(`  unlocated messages    ${s.unlocated.length}${s.unlocated.length ? "+" : ""}`);
  console.log(`  unescaped messages    ${s.unescaped.length}${s.unescaped.length ? "+" : ""}`);
  console.log(`  costliest rejection   ${s.maxRejectMs.toFixed(1)} ms CPU (${s.maxRejectKind}); slowest answer ${s.maxWallMs.toFixed(1)} ms wall`);
  console.log(`  memory                RSS ${s.rssStartMiB.toFixed(0)} MiB at start, peak ${s.rssPeakMiB.toFixed(0)} MiB (+${(s.rssPeakMiB - s.rssStartMiB).toFixed(0)} MiB)`);
  console.log(`  by path:kind          cases / rejected`);
  for (const [k, v] of Object.entries(s.byKind).sort()) console.log(`    ${k.padEnd(40)} ${String(v.cases).padStart(7)} / ${v.rejected}`);
  for (const [name, xs] of [["crash", s.crashes], ["slow", s.hangs], ["false accept", s.falseAccepts], ["pending accept", s.pendingAccepts], ["unlocated", s.unlocated], ["unescaped", s.unescaped]] as const)
    for (const x of xs.slice(0, 3)) console.log(`  ${name} [${x.path}:${x.kind}] ${x.detail}\n    ${JSON.stringify(x.bytes.slice(0, 300))}`);
}

const cases = arg("--cases", 10_000);
const seed = arg("--seed", 1);
const corpus = await loadCorpus();
const every = Math.max(1024, Math.floor(cases / 20));
const s = await fuzz(corpus, {
  cases, seed,
  onProgress: (i, st) => {
    if (i % every < 256 && i > 0) process.stderr.write(`  ${i.toLocaleString("en")} cases, ${st.crashCount} crashes, ${st.falseAcceptCount} false accepts\n`);
  },
});
report(s, seed);
if (s.crashCount + s.hangCount + s.falseAcceptCount + s.unlocated.length + s.unescaped.length > 0) process.exitCode = 1;
