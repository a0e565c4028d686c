// The verdict export (lean/rules/verdicts.json, docs/contracts.md "Verdicts"): Lean's own list
// of what each headline theorem says about which variant and property. TypeScript reads it and
// never restates it.
import type { Expr } from "../rules/types.ts";
import type { ActionLabel, Bounds, Variant } from "../vocabulary.ts";

export const VERDICTS_FORMAT = "electric-race-verdicts/1";

export const THEOREM_KINDS = ["safetyAllBounds", "safetyAtBounds", "witness", "liveness", "supporting"] as const;
export type TheoremKind = (typeof THEOREM_KINDS)[number];

export interface PropertyDecl {
  readonly name: string;
  readonly description: string;
  /** false: not a state predicate (deadlock, transaction loss, liveness), so no invariant expression. */
  readonly stateProperty?: boolean;
  /** A liveness property's goal (TRUE where it is reached): the property fails in a state where
   * the goal is false and no forced step is enabled (Lean's `StuckUnsettled`, Spec/Liveness.lean). */
  readonly goal?: Expr;
  /** The action labels weak fairness does not force (the environment's moves and the system's
   * optional ones); every other enabled action is a forced step. Present with `goal`. */
  readonly unforced?: readonly ActionLabel[];
}

export interface ScheduleStep {
  readonly action: ActionLabel;
  readonly args: readonly number[];
}

export interface TheoremVerdict {
  readonly name: string;
  readonly module: string;
  readonly variant: Variant | null;
  readonly property: string | null;
  readonly kind: TheoremKind;
  readonly bounds: Bounds | null;
  readonly assumptions: readonly string[];
  /** Machine-readable form of `assumptions`: actions the theorem's rules leave out (optional;
   * without it a theorem with assumptions cannot be applied to a run, see query.ts). */
  readonly excludes?: readonly ActionLabel[];
  readonly claim: string;
  readonly schedule: readonly ScheduleStep[] | null;
  readonly initial: "restored" | null;
}

export interface VerdictsDoc {
  readonly format: typeof VERDICTS_FORMAT;
  readonly sourceSha256?: string;
  readonly properties: readonly PropertyDecl[];
  /** variant -> property -> expression, TRUE where the bad thing has not happened */
  readonly invariants: Readonly<Record<string, Readonly<Record<string, Expr>>>>;
  readonly theorems: readonly TheoremVerdict[];
}
