// Times the prover on a copy of lean/: cold (engine preparation into an empty cache, every
// module checked), warm (nothing changed), and per module; the baseline, measured in the same
// run, is one engine start on a trivial module, so per-module figures read as "engine starts".
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { prove, type ProveResult } from "../src/prover/prove.ts";
import { defaultJobs } from "../src/prover/memory.ts";
import { criticalPath } from "../src/prover/module-schedule.ts";
import { loadPackage } from "../src/prover/lake-package.ts";
import { loadavg } from "node:os";

const projectRoot = resolve(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "bench-prove-"));
const cacheRoot = join(work, "engine-cache");

function copyLean(to: string): string {
  cpSync(join(projectRoot, "lean"), to, { recursive: true, filter: (src) => !/\/(build|\.lake)(\/|$)/.test(src.slice(projectRoot.length)) });
  return to;
}

function trivialPackage(to: string): string {
  mkdirSync(join(to, "T"), { recursive: true });
  writeFileSync(join(to, "lakefile.toml"), 'name = "t"\n[[lean_lib]]\nname = "T"\nroots = ["T.One"]\n');
  writeFileSync(join(to, "T", "One.lean"), "module\n\npublic theorem one : 1 + 1 = 2 := rfl\n");
  writeFileSync(join(to, "headline.toml"), '[[theorem]]\nname = "one"\nmodule = "T.One"\nvariant = "baseline"\nclaim = "one engine start"\n');
  return to;
}

async function timed(label: string, run: () => Promise<ProveResult>): Promise<ProveResult> {
  const t0 = Date.now();
  const r = await run();
  const s = (Date.now() - t0) / 1000;
  console.log(`${label.padEnd(34)} ${s.toFixed(1).padStart(7)} s   ok=${r.ok}`);
  if (!r.ok) console.log(`  errors: ${r.errors.join("; ")}`);
  return r;
}

async function main(): Promise<void> {
  console.log(`bench: prove (engine cache ${cacheRoot})`);
  const base = { projectRoot, cacheRoot, reportPath: null, engine: "wasm" as const };
  const trivial = trivialPackage(join(work, "trivial"));
  const prepared = await timed("baseline: prepare + trivial module", () => prove({ ...base, leanRoot: trivial }));
  const baseline = await timed("baseline: trivial module (warm engine)", () => prove({ ...base, leanRoot: trivial, force: true }));
  const start = baseline.modules[0]!.seconds;

  const lean = copyLean(join(work, "lean"));
  rmSync(cacheRoot, { recursive: true, force: true });
  const jobs = await defaultJobs();
  const load0 = loadavg()[0] ?? 0;
  const cold = await timed(`cold: prepare + every module, ${jobs} at once`, () => prove({ ...base, leanRoot: lean }));
  const warm = await timed("warm: nothing changed", () => prove({ ...base, leanRoot: lean }));
  let serial: ProveResult | undefined;
  if (process.argv.includes("--serial")) {
    rmSync(join(lean, "build"), { recursive: true, force: true });
    serial = await timed("cold, one module at a time (--serial)", () => prove({ ...base, leanRoot: lean, jobs: 1 }));
  }

  console.log("\nper module (cold run):");
  for (const m of cold.modules) {
    const rss = m.maxRssBytes === undefined ? "" : `${(m.maxRssBytes / 2 ** 30).toFixed(2)} GiB`;
    console.log(`  ${m.name.padEnd(44)} ${m.seconds.toFixed(1).padStart(6)} s  ${(m.seconds / start).toFixed(2).padStart(5)}x baseline  ${rss}`);
  }
  const checked = cold.modules.reduce((a, m) => a + m.seconds, 0);
  console.log("\nfigures:");
  console.log(`  engine preparation            ${(prepared.engine.prepareSeconds ?? 0).toFixed(1)} s (once per machine)`);
  console.log(`  baseline engine start         ${start.toFixed(1)} s (trivial module, ${baseline.modules[0]!.maxRssBytes !== undefined ? (baseline.modules[0]!.maxRssBytes / 2 ** 30).toFixed(2) + " GiB" : "rss n/a"})`);
  console.log(`  cold total / baseline         ${(cold.seconds / start).toFixed(2)}x  (${cold.seconds.toFixed(1)} s, ${cold.modules.length} modules, ${checked.toFixed(1)} s in the engine)`);
  console.log(`  warm total / cold total       ${(warm.seconds / cold.seconds).toFixed(4)}x  (${warm.seconds.toFixed(2)} s)`);
  // Where the cold time goes: no schedule on `jobs` cores beats the longest import chain or
  // the engine time divided by the cores.
  const pkg = await loadPackage(lean);
  const secs = new Map(cold.modules.map((m) => [m.name, m.seconds]));
  const chain = criticalPath(pkg.modules.map((m) => ({ name: m.name, imports: m.imports, estimate: secs.get(m.name) ?? 0 })));
  const longest = Math.max(...chain.values());
  console.log(`  cold lower bounds             longest import chain ${longest.toFixed(1)} s, engine time / ${jobs} cores ${(checked / jobs).toFixed(1)} s; cold total is ${(cold.seconds / Math.max(longest, checked / jobs)).toFixed(2)}x the larger`);
  if (serial) console.log(`  cold parallel / cold serial   ${(cold.seconds / serial.seconds).toFixed(2)}x  (${cold.seconds.toFixed(1)} s vs ${serial.seconds.toFixed(1)} s)`);
  console.log(`  machine load                  1-min load average ${load0.toFixed(1)} at the cold start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end (2 cores: above 2 means other work shared them)`);
  rmSync(work, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  rmSync(work, { recursive: true, force: true });
  process.exitCode = 1;
});
