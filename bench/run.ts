// `npm run bench [-- <name> [args]]`: runs one benchmark script, or with no name every one in
// turn, each in its own process, so that peak-memory figures and JIT warm-up of one do not
// leak into another. Every figure is printed next to a baseline measured in the same run.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { exitHelp } from "../src/cli/exit-codes.ts";

const dir = import.meta.dirname;
const names = readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "run.ts").map((f) => f.replace(/\.ts$/, "")).sort();
const [name, ...rest] = process.argv.slice(2);
const usage = `usage: npm run bench -- <${names.join("|")}> [options]

Runs the benchmarks, each in its own process (no name: every one of them); each prints its
figures as ratios to a baseline measured in the same run.

${exitHelp("bench: 0 the benchmark(s) ran; 1 one failed; 2 usage error (an unknown benchmark)")}`;

async function runOne(n: string, args: readonly string[]): Promise<number> {
  const r = await execa(process.execPath, ["--import", "tsx", join(dir, `${n}.ts`), ...args], { stdio: "inherit", reject: false });
  // a benchmark killed by a signal, or exiting outside the contract, is a failed run
  return r.exitCode === 0 || r.exitCode === 2 ? r.exitCode : 1;
}

if (name === "--help" || name === "-h") console.log(usage);
else if (name === undefined) {
  let worst = 0;
  for (const n of names) {
    console.log(`\n===== bench: ${n} =====`);
    worst = Math.max(worst, await runOne(n, []));
  }
  process.exitCode = worst;
} else if (!names.includes(name)) {
  console.error(`bench: unknown benchmark '${name}'\n\n${usage}`);
  process.exitCode = 2;
} else {
  process.exitCode = await runOne(name, rest);
}
