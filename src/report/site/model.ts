// The site writer's input: everything the auditor's pages show, already gathered and checked.
// The writer only lays this out; it decides nothing. Verdicts come from Lean's export
// (verdicts.ts), diagrams from replayed schedules (src/diagram), trace results from the checker.
import type { Diagram } from "../../diagram/types.ts";
import type { Effect, Expr } from "../../contract/rules/types.ts";
import type { MatrixCell, VerdictBounds, VerdictKind } from "./verdicts.ts";

export type { Expr, Effect };

export interface SiteProperty {
  name: string;
  description: string;
}

export interface SourceExcerpt {
  /** repository-relative path, forward slashes */
  file: string;
  /** 1-based line of `text`'s first line */
  line: number;
  text: string;
}

export interface RuleView {
  variant: string;
  action: string;
  process: string;
  params: { name: string; domain: string }[];
  guards: { name: string; expr: Expr }[];
  effects: Effect[];
}

export interface TraceView {
  /** repository-relative path */
  file: string;
  variant: string;
  ok: boolean;
  events: number;
  /** the checker's one-line verdict or first divergence */
  detail: string;
}

export interface TheoremView {
  name: string;
  module: string;
  variant: string | null;
  property: string | null;
  /** every property the export lists this theorem for (one theorem may speak to several) */
  properties: string[];
  kind: VerdictKind;
  bounds: VerdictBounds | null;
  assumptions: string[];
  claim: string;
  /** proof report status: "checked", "failed", "cached", … */
  status: string;
  /** the axioms the audit reports for this theorem (propext, Classical.choice, Quot.sound, …) */
  axioms: string[];
  /** declared constants without a body seen by the bundled engine's audit (not axioms) */
  bodyless: string[];
  /** axioms the deny-list refused; non-empty means the proof does not stand */
  denied: string[];
  docstring: string;
  /** the Lean declaration (statement up to `:=`) */
  statement: SourceExcerpt | null;
  rules: RuleView[];
  /** per action name: where the TypeScript implementation performs it */
  code: { action: string; sites: SourceExcerpt[] }[];
  /** committed traces that fire at least one of `rules`, as re-checked for this report */
  traces: TraceView[];
  /** the witness schedule replayed through the rules, when kind is "witness" */
  witness: Diagram | null;
}

export interface CoverageView {
  variant: string;
  traces: number;
  events: number;
  rules: { action: string; fired: number; guards: { name: string; exercised: boolean }[] }[];
}

export interface DiagramSection {
  /** e.g. "Explorer counterexamples", "Checker divergences" */
  title: string;
  intro: string;
  diagrams: Diagram[];
}

export interface SiteModel {
  title: string;
  /** one line on where the data came from: engine, audit method, source hash */
  provenance: string[];
  proofOk: boolean;
  variants: string[];
  properties: SiteProperty[];
  /** variant × property, rows in `variants` order, columns in `properties` order (verdictMatrix) */
  matrix: MatrixCell[][];
  theorems: TheoremView[];
  coverage: CoverageView[];
  traces: TraceView[];
  sections: DiagramSection[];
  /** repository files shown as source pages (every excerpt's file), with their text */
  sources: { file: string; text: string }[];
}
