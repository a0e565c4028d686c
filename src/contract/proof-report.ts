// The proof report (lean/proof-report.json): written by the prover, read by the audit report and
// the tests. One type for both sides, so the reader cannot drift from the writer.

export const PROOF_REPORT_FORMAT = "electric-race-proof-report/1";

export type ProofModuleStatus = "checked" | "cached" | "failed" | "crashed" | "timeout" | "no-memory" | "skipped";

/** How the axioms of the headline theorems were audited. */
export type AxiomAuditMethod = "print-axioms" | "closure";

export interface ProofReport {
  readonly format: typeof PROOF_REPORT_FORMAT;
  readonly ok: boolean;
  readonly engine: { readonly kind: "native" | "wasm"; readonly version: string; readonly prepared?: boolean; readonly prepareSeconds?: number };
  readonly axiomAudit: { readonly method: AxiomAuditMethod; readonly rule: string; readonly libraryAxiomNames?: readonly string[]; readonly trustedLibraryTheorems?: number };
  readonly modules: readonly { readonly name: string; readonly file: string; readonly status: ProofModuleStatus; readonly seconds: number; readonly maxRssMiB?: number }[];
  readonly theorems: readonly {
    readonly name: string;
    readonly module: string;
    readonly variant: string;
    readonly claim: string;
    readonly status: "checked" | "failed" | "unchecked";
    readonly axioms: readonly string[];
    readonly denied: readonly string[];
    readonly trustedLibraryTheorems?: number;
    readonly unresolved?: readonly string[];
  }[];
  readonly rules: readonly { readonly file: string; readonly rulesFingerprint: string | undefined }[];
  readonly sourceSha256: string;
  /** Lean source path (relative to lean/) -> SHA-256 */
  readonly sources: Readonly<Record<string, string>>;
  readonly errors: readonly string[];
}
