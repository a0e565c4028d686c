// The rules document exported from Lean (docs/contracts.md section 2), as TypeScript types.
// These types describe data; the meaning lives in the checker's interp.ts, which mirrors Lean's
// eval/apply.
import type { CellValue, Outcome } from "../vocabulary.ts";

/** A cell value as the rules speak of it: the vocabulary's CellValue. */
export type Scalar = CellValue;

export type ExprOp = "not" | "and" | "or" | "eq" | "ne" | "lt" | "le" | "add" | "sub" | "ite";

/** A literal; an enum member carries its enum type (`{"lit": "absent", "enum": "status"}`). */
export type Expr =
  | { lit: Scalar; enum?: string }
  | { param: string }
  | { cell: string; idx: Expr[] }
  | { op: ExprOp; args: Expr[] }
  | { all: string; domain: string; body: Expr }
  | { any: string; domain: string; body: Expr };

export type Effect =
  | { set: string; idx: Expr[]; value: Expr }
  | { each: string; domain: string; do: Effect[] }
  | { if: Expr; then: Effect[]; else: Effect[] };

export type VarType = { bool: true } | { int: [number, number] } | { enum: string[]; enumType: string };

export interface VariableDecl {
  name: string;
  index: string[];
  type: VarType;
  default: Scalar;
}

export interface NamedExpr {
  name: string;
  expr: Expr;
}

export interface ParamDecl {
  name: string;
  domain: string;
}

export interface ActionRule {
  name: string;
  /** The performing process, e.g. consumer; the trace names it `consumer:<value of processParam>`. */
  process: string;
  /** The parameter naming the process instance; null for singleton processes (api, slc, ...). */
  processParam: string | null;
  /** What the step does to the collector; a trace event must report exactly this. */
  outcome: Outcome;
  params: ParamDecl[];
  guards: NamedExpr[];
  effects: Effect[];
  theorems: string[];
}

export interface Invariant extends NamedExpr {
  theorems: string[];
}

export interface RulesDoc {
  format: string;
  variant: string;
  /** How the variant's consumer starts (electric.md §5b): "recheck" — Consumer.init re-reads
   * ShapeStatus and the start raises when the shape is gone (1.2.7–1.4.13); "noRecheck" (HEAD). */
  consumerStart?: "recheck" | "noRecheck";
  sourceSha256?: string;
  rulesFingerprint?: string;
  bounds: Record<string, number>;
  domains: Record<string, string>;
  variables: VariableDecl[];
  init: NamedExpr[];
  actions: ActionRule[];
  invariants: Invariant[];
}

/** Bounds are keyed by the bound name (H, C, K, T), as in trace headers. */
export type Bounds = Record<string, number>;
