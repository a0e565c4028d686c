// "What does Lean say about variant V and property P?", answered from the verdict export only,
// and whether a safety theorem covers a given run (its bounds, initial state and left-out actions).
import type { ActionLabel, Bounds, Variant } from "../vocabulary.ts";
import type { TheoremVerdict, VerdictsDoc } from "./types.ts";

export interface LeanSays {
  readonly variant: Variant;
  readonly property: string;
  readonly safeAllBounds: readonly TheoremVerdict[];
  readonly safeAtBounds: readonly TheoremVerdict[];
  readonly witnesses: readonly TheoremVerdict[];
  readonly liveness: readonly TheoremVerdict[];
  readonly supporting: readonly TheoremVerdict[];
}

export function leanSays(doc: VerdictsDoc, variant: Variant, property: string): LeanSays {
  const mine = doc.theorems.filter((t) => t.property === property && (t.variant === variant || (t.variant === null && t.kind === "supporting")));
  const of = (k: TheoremVerdict["kind"]) => mine.filter((t) => t.kind === k);
  return { variant, property, safeAllBounds: of("safetyAllBounds"), safeAtBounds: of("safetyAtBounds"), witnesses: of("witness"), liveness: of("liveness"), supporting: of("supporting") };
}

/** Nothing but supporting facts: Lean does not decide this cell. */
export function undecided(s: LeanSays): boolean {
  return s.safeAllBounds.length + s.safeAtBounds.length + s.witnesses.length + s.liveness.length === 0;
}

/** What a safety theorem needs to know about a run to apply to it. */
export interface RunFacts {
  readonly bounds: Bounds;
  /** the run's first state satisfies the variant's exported `init` conjuncts */
  readonly initialOk: boolean;
  /** labels of the actions the run took */
  readonly actions: readonly ActionLabel[];
}

export type Coverage = { readonly covers: true } | { readonly covers: false; readonly why: string };

const sameBounds = (a: Bounds, b: Bounds): boolean => a.H === b.H && a.C === b.C && a.K === b.K && a.T === b.T;
export const boundsText = (b: Bounds): string => (b.H === b.C && b.C === b.K && b.K === b.T ? `H=C=K=T=${b.H}` : `H=${b.H} C=${b.C} K=${b.K} T=${b.T}`);

/** Does a safety theorem's statement (Reachable from an `init` state, at its bounds, with its
 * rules) include this run? Bounds must be equal: `SafeAt b` says nothing about other bounds. */
export function covers(t: TheoremVerdict, run: RunFacts): Coverage {
  if (t.kind !== "safetyAllBounds" && t.kind !== "safetyAtBounds") return { covers: false, why: `${t.kind} is not a safety theorem` };
  if (!run.initialOk) return { covers: false, why: "the run does not start in a state satisfying the exported init" };
  if (t.kind === "safetyAtBounds" && t.bounds !== null && !sameBounds(t.bounds, run.bounds))
    return { covers: false, why: `proved at ${boundsText(t.bounds)}, the run has ${boundsText(run.bounds)}` };
  if (t.assumptions.length > 0) {
    if (t.excludes === undefined) return { covers: false, why: `its assumptions (${t.assumptions.join("; ")}) are not machine-readable in the export (no 'excludes')` };
    const used = t.excludes.filter((a) => run.actions.includes(a));
    if (used.length > 0) return { covers: false, why: `the run takes ${used.join(", ")}, which the theorem leaves out (${t.assumptions.join("; ")})` };
  }
  return { covers: true };
}

/** The theorem's name without the project namespace, for tables and messages. */
export const shortName = (t: TheoremVerdict): string => t.name.replace(/^ElectricRace\./, "");

/** Lean's witnesses for a variant whose schedule takes this action (a rule no trace fired that a
 * witness fires is a reachable behaviour the traces miss). */
export function witnessesFiring(doc: VerdictsDoc, variant: string, action: string): TheoremVerdict[] {
  return doc.theorems.filter((t) => t.kind === "witness" && t.variant === variant && (t.schedule ?? []).some((s) => s.action === action));
}
