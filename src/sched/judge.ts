// What a property found (or not found) by the explorer means, from Lean's verdict export only:
// a violation a covering safety (or, for the starvation checks, liveness) theorem rules out is a
// failure naming the theorem; one Lean reaches with a witness is "as Lean's witness predicts";
// anything else is "not decided by Lean".
import type { ActionLabel, Bounds, Variant } from "../contract/vocabulary.ts";
import type { TheoremVerdict, VerdictsDoc } from "../contract/verdicts/types.ts";
import { covers, leanSays, shortName, type Coverage, type RunFacts } from "../contract/verdicts/query.ts";

export type Judgement =
  /** violated although a theorem that covers the run proves it cannot be */
  | { readonly kind: "contradicts"; readonly theorems: readonly TheoremVerdict[] }
  /** violated, and Lean shows it reachable */
  | { readonly kind: "witnessed"; readonly theorems: readonly TheoremVerdict[] }
  /** violated, and no Lean verdict covers this run (with why the safety theorems do not) */
  | { readonly kind: "undecided"; readonly notCovering: readonly { theorem: TheoremVerdict; why: string }[] }
  /** not found, and a covering theorem proves it never happens */
  | { readonly kind: "proved"; readonly theorems: readonly TheoremVerdict[] }
  /** not found, although Lean has a witness (on its own initial state and bounds) */
  | { readonly kind: "witnessNotFound"; readonly theorems: readonly TheoremVerdict[] }
  /** not found, and Lean does not decide it for this run */
  | { readonly kind: "notFound" };

export interface Finding {
  readonly violated: boolean;
  /** the labels of the violating run (for the theorems' left-out actions) */
  readonly path: readonly ActionLabel[];
}

export function judge(doc: VerdictsDoc, variant: Variant, property: string, bounds: Bounds, initialOk: boolean, f: Finding): Judgement {
  const says = leanSays(doc, variant, property);
  const safety = [...says.safeAllBounds, ...says.safeAtBounds];
  const run: RunFacts = { bounds, initialOk, actions: f.path };
  const checked = [...safety.map((t) => ({ theorem: t, c: covers(t, run) })), ...says.liveness.map((t) => ({ theorem: t, c: coversStuck(run) }))];
  const covering = checked.filter((x) => x.c.covers).map((x) => x.theorem);
  if (f.violated) {
    if (covering.length > 0) return { kind: "contradicts", theorems: covering };
    if (says.witnesses.length > 0) return { kind: "witnessed", theorems: says.witnesses };
    return { kind: "undecided", notCovering: checked.flatMap((x) => (x.c.covers ? [] : [{ theorem: x.theorem, why: x.c.why }])) };
  }
  // Not found: a theorem covers the search only if it covers every run, i.e. the run facts
  // without any particular action (left-out actions were available to the search).
  if (covering.length > 0) return { kind: "proved", theorems: covering };
  if (says.witnesses.length > 0) return { kind: "witnessNotFound", theorems: says.witnesses };
  return { kind: "notFound" };
}

/** A liveness theorem (every weakly fair run with finitely many unforced moves reaches the goal,
 * for every Bounds) rules out what the explorer reports for its property: a reachable state with
 * no forced step enabled and the goal false, not held only by the consumer-id bound. Staying in
 * that state is a run its fairness assumptions allow, so only the run's start matters. */
function coversStuck(run: RunFacts): Coverage {
  return run.initialOk ? { covers: true } : { covers: false, why: "the run does not start in a state satisfying the exported init" };
}

export const isFailure = (j: Judgement): boolean => j.kind === "contradicts";

const names = (ts: readonly TheoremVerdict[]): string => ts.map(shortName).join(", ");

/** One line for the explorer's table. */
export function judgementText(j: Judgement, complete: boolean): string {
  switch (j.kind) {
    case "contradicts": return `FAILED: Lean proves it cannot happen (${names(j.theorems)})`;
    case "witnessed": return `as Lean's witness ${names(j.theorems)} predicts`;
    case "undecided": return "violated; not decided by Lean" + (j.notCovering.length > 0 ? ` (${j.notCovering.map((x) => `${shortName(x.theorem)}: ${x.why}`).join("; ")})` : "");
    case "proved": return `${complete ? "holds (complete search)" : "holds so far (search incomplete)"}, as ${names(j.theorems)} proves`;
    case "witnessNotFound": return `not found (${complete ? "complete search" : "search incomplete"}); Lean's witness ${names(j.theorems)} reaches it from its own initial state`;
    case "notFound": return `not found (${complete ? "complete search" : "search incomplete"}); not decided by Lean`;
  }
}
