// `npm run bench -- <name> [args]`: runs one benchmark script in its own process, so that
// peak-memory figures and JIT warm-up of one do not leak into another.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";

const dir = import.meta.dirname;
const names = readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "run.ts").map((f) => f.replace(/\.ts$/, "")).sort();
const [name, ...rest] = process.argv.slice(2);

if (name === undefined || !names.includes(name)) {
  console.error(`usage: npm run bench -- <${names.join("|")}> [options]`);
  process.exitCode = 2;
} else {
  const r = await execa(process.execPath, ["--import", "tsx", join(dir, `${name}.ts`), ...rest], { stdio: "inherit", reject: false });
  process.exitCode = r.exitCode ?? 1;
}
