// A prove result as the committed proof report (the contract's ProofReport) and as text lines.
import { PROOF_REPORT_FORMAT, type ProofReport } from "../contract/proof-report.ts";
import { formatDiagnostic } from "./diagnostics.ts";
import type { ModuleResult, ProveResult } from "./result.ts";

/** The committed report: what was checked, by what, with which axioms; and the sources' hashes. */
export function toReport(r: ProveResult): ProofReport {
  return {
    format: PROOF_REPORT_FORMAT,
    ok: r.ok,
    engine: r.engine,
    axiomAudit: {
      method: r.audit,
      rule:
        r.audit === "print-axioms"
          ? "#print axioms in a separate non-module file; only propext, Classical.choice, Quot.sound allowed"
          : "collectAxioms evaluated inside the declaring module (the bundled engine refuses #print axioms in module mode); denied: sorryAx, Lean.ofReduceBool, Lean.reduceBool, Lean.trustCompiler, axioms private to project modules. Imported theorems have no bodies at this level and appear in the list as opaque constants; the source lint rejects `axiom`, `sorry`, `native_decide` and friends in every file.",
    },
    modules: r.modules.map((m) => ({ name: m.name, file: m.file, status: m.status, seconds: Math.round(m.seconds * 10) / 10, ...(m.maxRssBytes !== undefined ? { maxRssMiB: Math.round(m.maxRssBytes / 2 ** 20) } : {}) })),
    theorems: r.theorems.map((t) => ({ name: t.name, module: t.module, variant: t.variant, claim: t.claim, status: t.status, axioms: t.axioms, denied: t.denied })),
    rules: r.rules?.files.map((f) => ({ file: f.file, rulesFingerprint: f.rulesFingerprint })) ?? [],
    sourceSha256: r.sourceSha256,
    sources: r.sources,
    errors: r.errors,
  };
}

export function moduleLine(m: ModuleResult): string {
  const rss = m.maxRssBytes !== undefined ? `, ${(m.maxRssBytes / 2 ** 30).toFixed(2)} GiB` : "";
  const head = { checked: "ok    ", cached: "cached", failed: "FAIL  ", crashed: "CRASH ", timeout: "TIMEOUT", "no-memory": "NOMEM ", skipped: "skip  " }[m.status];
  const lines = [`${head} ${m.name} (${m.seconds.toFixed(1)} s${rss})`];
  for (const d of m.diagnostics) lines.push(`  ${formatDiagnostic(d)}`);
  if (m.status === "crashed") lines.push("  the engine exited without a Lean error message: an engine crash (for example #eval of an imported definition)");
  for (const l of m.stderr) lines.push(`  ${l}`);
  return lines.join("\n");
}
