// `prove`: lint the Lean sources, check every module of the Lake package (native Lake when it
// is on PATH, the bundled engine otherwise), audit the headline theorems' axioms, finish the
// rules export, and write the proof report. Returns a result; printing is the CLI's job.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { leanSourcesSha256, listLeanSources } from "./lean-sources.ts";
import type { ProofReport } from "../contract/proof-report.ts";
import type { ModuleResult, ModuleStatus, ProveResult, TheoremResult } from "./result.ts";
import { moduleLine, toReport } from "./report.ts";
import { writeFileAtomic } from "../util/fs-atomic.ts";
import { composeAxioms, deniedAxioms, LIBRARY_AXIOMS, type AuditMethod, type ModuleAudit } from "./axiom-audit.ts";
import { formatDiagnostic, isSorry, type Diagnostic } from "./diagnostics.ts";
import { ENGINE_LEAN_VERSION, ENGINE_PACKAGE, ENGINE_PACKAGE_VERSION } from "./engine/pinned.ts";
import { cacheKey, EngineError, prepareEngine, type PreparedEngine } from "./engine/prepare.ts";
import { loadHeadline, type HeadlineTheorem } from "./headline.ts";
import { loadPackage, PackageError, type LeanModule, type LeanPackage } from "./lake-package.ts";
import { findOnPath, lakeBuild, lakeLeanVersion, lakePrintAxioms } from "./native-backend.ts";
import { finishRulesExport, type RulesExportResult } from "./rules-export.ts";
import { lintSource, type LintFinding } from "./source-lint.ts";
import { runWasmModule, type ModuleRun } from "./wasm-backend.ts";
import { defaultJobs } from "./memory.ts";
import { runSchedule } from "./module-schedule.ts";

export type EngineChoice = "auto" | "native" | "wasm";

export interface ProveOptions {
  leanRoot: string;
  /** The toolkit's root: where node_modules (the engine package) and .cache live. */
  projectRoot: string;
  /** Paths in messages are shown relative to this folder (default: the current directory). */
  displayRoot?: string;
  engine?: EngineChoice;
  force?: boolean;
  timeoutSeconds?: number;
  /** Source lint for forbidden words; tests turn it off to show the engine and audit catch them alone. */
  lint?: boolean;
  /** Where to write the report; undefined = `<leanRoot>/proof-report.json`, null = nowhere. */
  reportPath?: string | null;
  cacheRoot?: string;
  /** Modules checked at once by the bundled engine; default: as many as the cores and the
   * free memory allow (see `defaultJobs`). Imports always finish before their importers start. */
  jobs?: number;
  log?: (line: string) => void;
}

const DEFAULT_TIMEOUT_SECONDS = 900;

async function hashSources(leanRoot: string, files: readonly string[]): Promise<Record<string, string>> {
  const sources: Record<string, string> = {};
  for (const f of files) sources[f] = createHash("sha256").update(await readFile(join(leanRoot, f))).digest("hex");
  return sources;
}

/** Bump when the appended audit walker changes, so cached records are recomputed. */
const AUDIT_VERSION = 3;

/** A key that changes when the module, anything it imports, the audit walker or the engine does. */
function moduleKey(engineKey: string, mod: LeanModule, importKeys: readonly string[]): string {
  return createHash("sha256").update(JSON.stringify([engineKey, AUDIT_VERSION, mod.name, mod.source, importKeys])).digest("hex");
}

interface CachedModule {
  key: string;
  seconds: number;
  maxRssBytes?: number;
  audit?: ModuleAudit;
}

async function readCached(path: string): Promise<CachedModule | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as CachedModule;
  } catch {
    return undefined;
  }
}

/** Lean reports paths relative to the package; users read them relative to the project. */
function projectRelative(d: Diagnostic, opts: ProveOptions): Diagnostic {
  return d.file === "" ? d : { ...d, file: relative(opts.displayRoot ?? process.cwd(), join(opts.leanRoot, d.file)) };
}

function statusOf(run: ModuleRun): ModuleStatus {
  switch (run.outcome) {
    case "ok": return "checked";
    case "failed": return "failed";
    case "crash": return "crashed";
    case "timeout": return "timeout";
    case "no-memory": return "no-memory";
  }
}

interface ModulePlan {
  mod: LeanModule;
  key: string;
  keyFile: string;
  /** The last successful check's record is still valid: nothing to run. */
  cached: CachedModule | undefined;
  /** Seconds the last check took (any key), to order the parallel schedule. */
  estimate: number;
}

/** Seconds assumed for a module never checked before (the schedule's ordering only). */
const UNKNOWN_MODULE_SECONDS = 30;

/** Seconds per module from the committed proof report, when there is one: the schedule's
 * estimates for modules with no check record in this build folder (a fresh clone). */
async function reportedSeconds(leanRoot: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  try {
    const r = JSON.parse(await readFile(join(leanRoot, "proof-report.json"), "utf8")) as Partial<ProofReport>;
    for (const m of r.modules ?? []) if (typeof m.name === "string" && typeof m.seconds === "number") out.set(m.name, m.seconds);
  } catch {
    /* no report, or not readable: estimates fall back to UNKNOWN_MODULE_SECONDS */
  }
  return out;
}

async function planModules(pkg: LeanPackage, opts: ProveOptions, engine: PreparedEngine, buildDir: string): Promise<ModulePlan[]> {
  const reported = await reportedSeconds(opts.leanRoot);
  // Keys in import order: a module's key covers the keys of everything it imports.
  const keys = new Map<string, string>();
  const plans: ModulePlan[] = [];
  for (const mod of pkg.modules) {
    const key = moduleKey(engine.stats.key, mod, mod.imports.map((i) => keys.get(i) ?? ""));
    keys.set(mod.name, key);
    const keyFile = join(buildDir, "olean", mod.file.replace(/\.lean$/, ".key.json"));
    const olean = join(buildDir, "olean", mod.file.replace(/\.lean$/, ".olean"));
    const previous = await readCached(keyFile);
    const cached = !opts.force && previous?.key === key && existsSync(olean) ? previous : undefined;
    plans.push({ mod, key, keyFile, cached, estimate: previous?.seconds ?? reported.get(mod.name) ?? UNKNOWN_MODULE_SECONDS });
  }
  return plans;
}

async function checkWithWasm(
  pkg: LeanPackage,
  headline: readonly HeadlineTheorem[],
  opts: ProveOptions,
  engine: PreparedEngine,
): Promise<{ modules: ModuleResult[]; axioms: Map<string, string[]>; composed: Map<string, ReturnType<typeof composeAxioms>> }> {
  const buildDir = join(opts.leanRoot, "build");
  const plans = await planModules(pkg, opts, engine, buildDir);
  const byName = new Map(plans.map((p) => [p.mod.name, p]));
  const results = new Map<string, ModuleResult>();
  // Every module is audited (its record lists every declaration), so that a headline theorem's
  // axioms can be followed through lemmas of other modules.
  const audits = new Map<string, ModuleAudit>();
  const jobs = opts.jobs ?? (await defaultJobs());
  opts.log?.(`checking up to ${jobs} module(s) at once, each after everything it imports`);
  const base = (mod: LeanModule) => ({ name: mod.name, file: mod.file, diagnostics: [] as Diagnostic[], stderr: [] as string[] });

  const checkOne = async (name: string): Promise<{ ok: boolean; result: undefined }> => {
    const p = byName.get(name);
    if (p === undefined) throw new Error(`prover: no plan for module ${name}`);
    const { mod, cached } = p;
    if (cached !== undefined) {
      if (cached.audit !== undefined) audits.set(mod.name, cached.audit);
      results.set(name, { ...base(mod), status: "cached", seconds: cached.seconds, ...(cached.maxRssBytes !== undefined ? { maxRssBytes: cached.maxRssBytes } : {}) });
      opts.log?.(`cached ${mod.name} (unchanged since its last successful check)`);
      return { ok: true, result: undefined };
    }
    opts.log?.(`check  ${mod.name} …`);
    const run = await runWasmModule(engine, {
      leanRoot: opts.leanRoot,
      buildDir,
      module: mod.name,
      file: mod.file,
      source: mod.source,
      audit: true,
      timeoutSeconds: opts.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      mounts: [opts.leanRoot],
    });
    const sorry = run.diagnostics.some(isSorry);
    let status = statusOf(run);
    if (status === "checked" && sorry) status = "failed";
    const result: ModuleResult = {
      ...base(mod),
      status,
      seconds: run.seconds,
      ...(run.maxRssBytes !== undefined ? { maxRssBytes: run.maxRssBytes } : {}),
      diagnostics: run.diagnostics.filter((d) => d.severity !== "information").map((d) => projectRelative(d, opts)),
      stderr: status === "checked" ? [] : run.stderr.slice(-20).map((l) => l.slice(0, 300)),
    };
    results.set(name, result);
    if (run.audit !== undefined) audits.set(mod.name, run.audit);
    if (status === "checked") {
      const record: CachedModule = { key: p.key, seconds: run.seconds, ...(run.audit !== undefined ? { audit: run.audit } : {}), ...(run.maxRssBytes !== undefined ? { maxRssBytes: run.maxRssBytes } : {}) };
      await writeFileAtomic(p.keyFile, JSON.stringify(record) + "\n");
    }
    opts.log?.(moduleLine(result));
    return { ok: status === "checked", result: undefined };
  };

  await runSchedule(
    plans.map((p) => ({ name: p.mod.name, imports: p.mod.imports, estimate: p.cached ? 0 : p.estimate })),
    {
      jobs,
      run: checkOne,
      onDone: (name, o) => {
        if (o.kind !== "blocked") return;
        const p = byName.get(name);
        if (p === undefined) return;
        results.set(name, { ...base(p.mod), status: "skipped", seconds: 0, stderr: [`not checked: imports ${o.by.join(", ")}, which failed`] });
        opts.log?.(`skip   ${name} (imports a module that failed)`);
      },
    },
  );
  // The report lists modules in import order, however the checks interleaved.
  const modules = plans.map((p) => results.get(p.mod.name)).filter((m): m is ModuleResult => m !== undefined);
  const axioms = new Map<string, string[]>();
  const composed = new Map<string, ReturnType<typeof composeAxioms>>();
  for (const t of headline) {
    if (!audits.has(t.module)) continue;
    const c = composeAxioms(t.name, t.module, audits);
    composed.set(t.name, c);
    axioms.set(t.name, c.axioms);
  }
  return { modules, axioms, composed };
}

async function checkWithLake(
  lake: string,
  pkg: LeanPackage,
  headline: readonly HeadlineTheorem[],
  opts: ProveOptions,
): Promise<{ modules: ModuleResult[]; axioms: Map<string, string[]>; errors: string[] }> {
  const timeout = opts.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  opts.log?.(`lake build --wfail in ${opts.leanRoot} …`);
  const build = await lakeBuild(lake, opts.leanRoot, timeout * Math.max(1, pkg.modules.length));
  const errors: string[] = [];
  if (build.timedOut) errors.push("lake build timed out");
  const modules: ModuleResult[] = pkg.modules.map((m) => {
    const diagnostics = build.diagnostics.filter((d) => d.file.endsWith(m.file) && d.severity !== "information").map((d) => projectRelative({ ...d, file: m.file }, opts));
    const failed = build.failedModules.has(m.name) || diagnostics.some((d) => d.severity === "error" || isSorry(d));
    const status: ModuleStatus = failed ? "failed" : build.ok || build.moduleSeconds.has(m.name) ? "checked" : "skipped";
    return { name: m.name, file: m.file, status, seconds: build.moduleSeconds.get(m.name) ?? 0, diagnostics, stderr: [] };
  });
  if (!build.ok && !modules.some((m) => m.status === "failed")) {
    errors.push(`lake build failed:\n${build.output.split("\n").slice(-30).join("\n")}`);
  }
  let axioms = new Map<string, string[]>();
  if (build.ok && headline.length > 0) {
    const audit = await lakePrintAxioms(lake, opts.leanRoot, join(opts.leanRoot, "build"), [...new Set(headline.map((t) => t.module))], headline.map((t) => t.name), timeout);
    axioms = audit.axioms;
    if (!audit.ok) errors.push(...audit.diagnostics.map((d) => `axiom audit: ${formatDiagnostic(d)}`));
  }
  return { modules, axioms, errors };
}

export async function prove(opts: ProveOptions): Promise<ProveResult> {
  const started = Date.now();
  const errors: string[] = [];
  const lean = opts.leanRoot;

  const files = await listLeanSources(lean);
  const sources = await hashSources(lean, files);
  const sourceSha256 = await leanSourcesSha256(lean);
  const lint: LintFinding[] = [];
  if (opts.lint !== false) {
    for (const f of files) lint.push(...lintSource(relative(opts.displayRoot ?? process.cwd(), join(lean, f)), await readFile(join(lean, f), "utf8")));
  }

  const pkg = await loadPackage(lean);
  const headline = await loadHeadline(lean, new Set(pkg.modules.map((m) => m.name)));

  const lake = opts.engine === "wasm" ? undefined : findOnPath("lake");
  if (opts.engine === "native" && lake === undefined) throw new EngineError("missing", "--engine native: no 'lake' on PATH");

  let engineInfo: ProveResult["engine"];
  let modules: ModuleResult[] = [];
  let axioms = new Map<string, string[]>();
  let composed = new Map<string, ReturnType<typeof composeAxioms>>();
  const audit: AuditMethod = lake !== undefined ? "print-axioms" : "closure";
  if (lint.length > 0) {
    // Lint failures are decisive and cheap; do not spend minutes in the engine first.
    errors.push(`${lint.length} forbidden word(s) in the Lean sources`);
    engineInfo = lake !== undefined ? { kind: "native", version: "not run" } : { kind: "wasm", version: `Lean ${ENGINE_LEAN_VERSION} (${ENGINE_PACKAGE}@${ENGINE_PACKAGE_VERSION}), not run` };
    modules = pkg.modules.map((m) => ({ name: m.name, file: m.file, status: "skipped", seconds: 0, diagnostics: [], stderr: ["not checked: the source lint failed"] }));
  } else if (lake !== undefined) {
    const version = await lakeLeanVersion(lake, lean);
    engineInfo = { kind: "native", version };
    opts.log?.(`engine: native ${version} (${lake})`);
    const r = await checkWithLake(lake, pkg, headline, opts);
    modules = r.modules;
    axioms = r.axioms;
    errors.push(...r.errors);
  } else {
    const t0 = Date.now();
    const engine = await prepareEngine({ projectRoot: opts.projectRoot, ...(opts.cacheRoot ? { cacheRoot: opts.cacheRoot } : {}), ...(opts.log ? { log: opts.log } : {}) });
    engineInfo = { kind: "wasm", version: `Lean ${ENGINE_LEAN_VERSION} (${ENGINE_PACKAGE}@${ENGINE_PACKAGE_VERSION}, wasm32, engine cache ${cacheKey()})`, prepared: engine.prepared, prepareSeconds: (Date.now() - t0) / 1000 };
    opts.log?.(`engine: bundled ${engineInfo.version}${engine.prepared ? `, prepared in ${engineInfo.prepareSeconds?.toFixed(1)} s` : ", prepared earlier"}`);
    const r = await checkWithWasm(pkg, headline, opts, engine);
    modules = r.modules;
    axioms = r.axioms;
    composed = r.composed;
  }

  const moduleStatus = new Map(modules.map((m) => [m.name, m.status]));
  const theorems: TheoremResult[] = headline.map((t) => {
    const axs = axioms.get(t.name);
    const c = composed.get(t.name);
    const modOk = moduleStatus.get(t.module) === "checked" || moduleStatus.get(t.module) === "cached";
    const denied = axs === undefined ? [] : deniedAxioms(axs);
    const unresolved = c?.unresolved ?? [];
    const status = !modOk ? "unchecked" : axs === undefined || denied.length > 0 || unresolved.length > 0 ? "failed" : "checked";
    return { ...t, status, audit, axioms: axs ?? [], denied, ...(c !== undefined ? { trustedLibrary: c.trustedLibrary, unresolved } : {}) };
  });
  for (const t of theorems) {
    if (t.status !== "failed") continue;
    if (t.denied.length > 0) errors.push(`${t.name}: depends on denied axiom(s) ${t.denied.join(", ")}`);
    if ((t.unresolved ?? []).length > 0) errors.push(`${t.name}: the axiom audit cannot follow ${t.unresolved!.join(", ")} (is the theorem declared in ${t.module}?)`);
    if (t.denied.length === 0 && (t.unresolved ?? []).length === 0) errors.push(`${t.name}: the axiom audit produced no result (is the theorem declared in ${t.module}?)`);
  }

  const allChecked = lint.length === 0 && modules.every((m) => m.status === "checked" || m.status === "cached");
  let rules: RulesExportResult | undefined;
  if (allChecked) {
    rules = await finishRulesExport(join(lean, "build", "rules"), join(lean, "rules"), sourceSha256);
    for (const f of rules.files) {
      if (f.status === "invalid") errors.push(f.message ?? `${f.file}: invalid export`);
      if (f.status === "changed" || f.status === "new") {
        errors.push(`re-exported ${relative(opts.displayRoot ?? process.cwd(), join(lean, "rules", f.file))} differs from the committed file (now rewritten): review and commit it`);
      }
    }
    for (const s of rules.stale) errors.push(`${relative(opts.displayRoot ?? process.cwd(), join(lean, "rules", s))} is committed but the Lean export no longer produces it: delete it or restore its export`);
  }

  const ok = errors.length === 0 && allChecked && theorems.every((t) => t.status === "checked");
  const result: ProveResult = {
    ok, engine: engineInfo, audit, lint, modules, theorems, ...(rules ? { rules } : {}), sources, sourceSha256, errors, seconds: (Date.now() - started) / 1000,
  };
  const reportPath = opts.reportPath === undefined ? join(lean, "proof-report.json") : opts.reportPath;
  if (reportPath !== null) {
    await writeFileAtomic(reportPath, JSON.stringify(toReport(result), null, 2) + "\n");
    result.reportPath = reportPath;
  }
  return result;
}

export type { ModuleResult, ModuleStatus, ProveResult, TheoremResult } from "./result.ts";
export { PackageError };
