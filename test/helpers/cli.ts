// Running the built command line (dist/, from `npm run build`, which `npm ci` and `npm test`
// run): the tests exercise the JavaScript users run. A dist/ older than its sources fails loudly
// instead of testing stale code.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { execa } from "execa";
import { PROJECT_ROOT } from "../../src/util/project-root.ts";

export const CLI = join(PROJECT_ROOT, "dist", "cli", "main.js");

function* tsFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* tsFiles(p);
    else if (e.name.endsWith(".ts")) yield p;
  }
}

/** Throws unless every src/**.ts has a dist/**.js at least as new. */
export function assertBuilt(): void {
  const src = join(PROJECT_ROOT, "src");
  for (const f of tsFiles(src)) {
    const js = join(PROJECT_ROOT, "dist", relative(src, f).replace(/\.ts$/, ".js"));
    if (!existsSync(js)) throw new Error(`${js} is missing: run 'npm run build' (npm ci and npm test run it)`);
    if (statSync(js).mtimeMs < statSync(f).mtimeMs) throw new Error(`${js} is older than ${f}: run 'npm run build'`);
  }
}

export interface Run {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli/main.js ...args`; `env` is added to this process's environment. */
export async function cli(args: readonly string[], opts: { input?: string; cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const r = await execa(process.execPath, [CLI, ...args], {
    reject: false, cwd: opts.cwd ?? PROJECT_ROOT, ...(opts.input !== undefined ? { input: opts.input } : {}), ...(opts.env ? { env: opts.env } : {}),
  });
  return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}
