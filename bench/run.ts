// `npm run bench -- <name> [args]`: runs one benchmark script in its own process, so that
// peak-memory figures and JIT warm-up of one do not leak into another.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { exitHelp } from "../src/cli/exit-codes.ts";

const dir = import.meta.dirname;
const names = readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "run.ts").map((f) => f.replace(/\.ts$/, "")).sort();
const [name, ...rest] = process.argv.slice(2);
const usage = `usage: npm run bench -- <${names.join("|")}> [options]

Runs one benchmark in its own process; it prints its figures as ratios to a baseline measured in
the same run.

${exitHelp("bench: 0 the benchmark ran; 1 it failed; 2 usage error (no or an unknown benchmark)")}`;

if (name === "--help" || name === "-h") console.log(usage);
else if (name === undefined || !names.includes(name)) {
  console.error(name === undefined ? usage : `bench: unknown benchmark '${name}'\n\n${usage}`);
  process.exitCode = 2;
} else {
  const r = await execa(process.execPath, ["--import", "tsx", join(dir, `${name}.ts`), ...rest], { stdio: "inherit", reject: false });
  // a benchmark killed by a signal, or exiting outside the contract, is a failed run
  process.exitCode = r.exitCode === 0 || r.exitCode === 2 ? r.exitCode : 1;
}
