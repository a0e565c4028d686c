// Checks one Lean module with the bundled WebAssembly engine: one Node process per module (the
// engine cannot run twice in a process), `--liftoff-only` (15-30 % faster, 0.25 GB leaner on
// two cores), `-o/-i` into the build folder so later modules can import it.
import { realpathSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { execa } from "execa";
import { augmentForAudit, takeAuditResults, type ModuleAudit } from "./axiom-audit.ts";
import { filterEngineStderr, parseJsonMessages, type Diagnostic } from "./diagnostics.ts";
import { MAXRSS_MARKER, type PreparedEngine } from "./engine/prepare.ts";
import { availableMemoryBytes, ENGINE_MEMORY_BYTES } from "./memory.ts";

export interface ModuleRun {
  /** `ok` when Lean accepted the module; `crash` when it died without saying why. */
  outcome: "ok" | "failed" | "crash" | "timeout" | "no-memory";
  diagnostics: Diagnostic[];
  /** The module's audit record (every declaration with the constants it uses); undefined when
   * the audit was not run or printed nothing. */
  audit: ModuleAudit | undefined;
  /** stderr lines left after the engine's debug chatter is dropped. */
  stderr: string[];
  exitCode: number | undefined;
  seconds: number;
  /** Peak resident memory of the engine process, where the platform reports it. */
  maxRssBytes: number | undefined;
}

export interface WasmModuleJob {
  leanRoot: string;
  buildDir: string;
  module: string;
  file: string;
  source: string;
  /** Append the axiom-audit walker (`augmentForAudit`). */
  audit: boolean;
  timeoutSeconds: number;
  /** Extra host folders the engine must see (the cache folder, the project). */
  mounts: readonly string[];
}

export async function runWasmModule(engine: PreparedEngine, job: WasmModuleJob): Promise<ModuleRun> {
  const started = Date.now();
  const empty = (outcome: ModuleRun["outcome"], stderr: string[]): ModuleRun => ({
    outcome, diagnostics: [], audit: undefined, stderr, exitCode: undefined, seconds: (Date.now() - started) / 1000, maxRssBytes: undefined,
  });
  const available = await availableMemoryBytes();
  if (available !== undefined && available < ENGINE_MEMORY_BYTES) {
    return empty("no-memory", [
      `not enough memory: the bundled Lean engine needs about ${(ENGINE_MEMORY_BYTES / 2 ** 30).toFixed(1)} GiB per module, ${(available / 2 ** 30).toFixed(1)} GiB is available`,
    ]);
  }

  const oleanDir = join(job.buildDir, "olean");
  const olean = join(oleanDir, job.file.replace(/\.lean$/, ".olean"));
  await mkdir(dirname(olean), { recursive: true });

  // Audited modules are checked from a shadow copy with the audit appended; `--root` keeps the
  // module name, and the original lines keep their numbers.
  let inputPath = job.file;
  let rootArgs: string[] = [];
  let originalLines = Number.POSITIVE_INFINITY;
  // The walker writes its record here (relative to the package root, the engine's cwd).
  const auditOut = join(job.buildDir, "audit-out", `${job.module}.txt`);
  if (job.audit) {
    await mkdir(dirname(auditOut), { recursive: true });
    await rm(auditOut, { force: true });
    const shadowRoot = join(job.buildDir, "audit-src");
    const shadowFile = join(shadowRoot, job.file);
    const aug = augmentForAudit(job.source, relative(job.leanRoot, auditOut));
    await mkdir(dirname(shadowFile), { recursive: true });
    await writeFile(shadowFile, aug.source);
    inputPath = relative(job.leanRoot, shadowFile);
    rootArgs = [`--root=${relative(job.leanRoot, shadowRoot)}`];
    originalLines = aug.originalLines;
  }

  const args = [engine.launcher, "--json", ...rootArgs, "-o", olean, "-i", olean.replace(/\.olean$/, ".ilean"), inputPath];
  // The engine's stdout goes to a file, not a pipe: its writes to a non-blocking pipe are cut
  // short (EAGAIN) when one message is larger than the pipe buffer and the reader lags, which
  // lost the tail of a 220 kB audit record under load. A file write always completes.
  const outFile = join(job.buildDir, "engine-out", `${job.module}.${process.pid}.jsonl`);
  await mkdir(dirname(outFile), { recursive: true });
  const child = await execa(process.execPath, args, {
    cwd: job.leanRoot,
    env: {
      LEAN_PATH: [engine.libDir, oleanDir].join(":"),
      // A symlinked cache (a worktree sharing another checkout's engine) is reached through its
      // real path inside the engine, so both are mounted.
      LEAN_WASM_MOUNTS: [...new Set([engine.dir, realpathOr(engine.dir), ...job.mounts])].join(":"),
    },
    reject: false,
    timeout: job.timeoutSeconds * 1000,
    killSignal: "SIGKILL",
    maxBuffer: 256 * 2 ** 20,
    stdin: "ignore",
    stdout: { file: outFile },
  }).catch(() => undefined);
  if (child === undefined) return empty("crash", ["could not start the engine process"]);
  const stdout = await readFile(outFile, "utf8").catch(() => "");
  await rm(outFile, { force: true });

  const seconds = (Date.now() - started) / 1000;
  let maxRssBytes: number | undefined;
  const stderr = filterEngineStderr(String(child.stderr)).filter((l) => {
    if (!l.startsWith(MAXRSS_MARKER)) return true;
    maxRssBytes = Number(l.slice(MAXRSS_MARKER.length)) * 1024;
    return false;
  });
  if (child.timedOut) return { ...empty("timeout", stderr), seconds };

  const parsed = parseJsonMessages(stdout);
  const record = job.audit ? await readFile(auditOut, "utf8").catch(() => undefined) : undefined;
  const recorded = record === undefined ? [] : [{ file: "", line: 0, column: 0, severity: "information" as const, kind: "", message: record.trimEnd() }];
  const { audit, found, rest } = takeAuditResults([...recorded, ...parsed.diagnostics]);
  const diagnostics = rest.map((d) => relocate(d, job.file, inputPath, originalLines));
  const hasError = diagnostics.some((d) => d.severity === "error");
  const exitCode = child.exitCode;
  let outcome: ModuleRun["outcome"] = "ok";
  if (exitCode !== 0 || hasError) outcome = hasError ? "failed" : "crash";
  if (child.signal === "SIGKILL" && !hasError) stderr.push("the engine was killed (out of memory?)");
  return { outcome, diagnostics, audit: found ? audit : undefined, stderr: [...parsed.other, ...stderr], exitCode, seconds, maxRssBytes };
}

/** Messages from the shadow copy point at the real file; those from the audit code say so. */
function relocate(d: Diagnostic, file: string, inputPath: string, originalLines: number): Diagnostic {
  if (d.file !== inputPath && d.file !== "") return d;
  if (d.line > originalLines) return { ...d, file, line: 0, column: 0, message: `in the axiom audit appended by the prover: ${d.message}` };
  return { ...d, file };
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
