// What a `prove` run found: per module, per headline theorem, and overall.
import type { ProofModuleStatus } from "../contract/proof-report.ts";
import type { AuditMethod } from "./axiom-audit.ts";
import type { Diagnostic } from "./diagnostics.ts";
import type { RulesExportResult } from "./rules-export.ts";
import type { LintFinding } from "./source-lint.ts";

export type ModuleStatus = ProofModuleStatus;

export interface ModuleResult {
  name: string;
  file: string;
  status: ModuleStatus;
  seconds: number;
  maxRssBytes?: number;
  diagnostics: Diagnostic[];
  stderr: string[];
}

export interface TheoremResult {
  name: string;
  module: string;
  variant: string;
  claim: string;
  status: "checked" | "failed" | "unchecked";
  audit: AuditMethod;
  /** Real axioms only (bundled engine: composed across modules; native: `#print axioms`). */
  axioms: string[];
  denied: string[];
  /** Bundled engine: library theorems reached whose proofs the engine does not load. */
  trustedLibrary?: string[];
  /** Bundled engine: project constants the audit could not follow (fails the theorem). */
  unresolved?: string[];
}

export interface ProveResult {
  ok: boolean;
  engine: { kind: "native" | "wasm"; version: string; prepared?: boolean; prepareSeconds?: number };
  audit: AuditMethod;
  lint: LintFinding[];
  modules: ModuleResult[];
  theorems: TheoremResult[];
  rules?: RulesExportResult;
  sources: Record<string, string>;
  sourceSha256: string;
  errors: string[];
  seconds: number;
  reportPath?: string;
}
