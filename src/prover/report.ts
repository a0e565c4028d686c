// A prove result as the committed proof report (the contract's ProofReport) and as text lines.
import { PROOF_REPORT_FORMAT, type ProofReport } from "../contract/proof-report.ts";
import { LIBRARY_AXIOMS } from "./axiom-audit.ts";
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
          : AUDIT_DESCRIPTION,
      ...(r.audit === "closure" ? { libraryAxiomNames: [...LIBRARY_AXIOMS], trustedLibraryTheorems: trustedCount(r) } : {}),
    },
    modules: r.modules.map((m) => ({ name: m.name, file: m.file, status: m.status, seconds: Math.round(m.seconds * 10) / 10, ...(m.maxRssBytes !== undefined ? { maxRssMiB: Math.round(m.maxRssBytes / 2 ** 20) } : {}) })),
    theorems: r.theorems.map((t) => ({
      name: t.name, module: t.module, variant: t.variant, claim: t.claim, status: t.status, axioms: t.axioms, denied: t.denied,
      ...(t.trustedLibrary !== undefined ? { trustedLibraryTheorems: t.trustedLibrary.length } : {}),
      ...(t.unresolved !== undefined && t.unresolved.length > 0 ? { unresolved: t.unresolved } : {}),
    })),
    rules: r.rules?.files.map((f) => ({ file: f.file, rulesFingerprint: f.rulesFingerprint })) ?? [],
    sourceSha256: r.sourceSha256,
    sources: r.sources,
    errors: r.errors,
  };
}

/** How the bundled engine's audit works and what it cannot see (report and CLI say the same). */
export const AUDIT_DESCRIPTION =
  "bundled engine (module mode, #print axioms refused): every module is checked with a walker appended that records, for every declaration of the module (lemmas and auxiliary definitions included), the constants its type and proof use; the prover composes these records across the project's modules, so a lemma from another project module is followed through its own module's record. At the library frontier Lean's collectAxioms follows library definitions with exported bodies. The engine loads imported theorems as axioms without proofs (checked: Iff.mp, Nat.add_comm and project theorems from other modules read back as axiomInfo), so real axioms are told apart from library theorems by name: propext, Classical.choice, Quot.sound are allowed; sorryAx, Lean.ofReduceBool, Lean.ofReduceNat, Lean.trustCompiler, Lean.reduceBool, Lean.reduceNat and every axiom declared in a project module are denied. What it cannot see: axioms used inside the proofs of library theorems (their statements are trusted; the count per theorem is in trustedLibraryTheorems).";

function trustedCount(r: ProveResult): number {
  const all = new Set<string>();
  for (const t of r.theorems) for (const n of t.trustedLibrary ?? []) all.add(n);
  return all.size;
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
