// `npm run bench [-- <name> [args]]`: runs one benchmark script, or with no name every one in
// turn, each in its own process, so that peak-memory figures and JIT warm-up of one do not
// leak into another. Every figure is printed next to a baseline measured in the same run.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";

const dir = import.meta.dirname;
const names = readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "run.ts").map((f) => f.replace(/\.ts$/, "")).sort();
const [name, ...rest] = process.argv.slice(2);

async function runOne(n: string, args: readonly string[]): Promise<number> {
  const r = await execa(process.execPath, ["--import", "tsx", join(dir, `${n}.ts`), ...args], { stdio: "inherit", reject: false });
  return r.exitCode ?? 1;
}

if (name === undefined) {
  let worst = 0;
  for (const n of names) {
    console.log(`\n===== bench: ${n} =====`);
    worst = Math.max(worst, await runOne(n, []));
  }
  process.exitCode = worst;
} else if (!names.includes(name)) {
  console.error(`usage: npm run bench [-- <${names.join("|")}> [options]]   (no name: all of them)`);
  process.exitCode = 2;
} else {
  process.exitCode = await runOne(name, rest);
}
