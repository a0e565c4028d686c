// The properties the explorer checks, taken from Lean's verdict export: each state property is
// the invariant expression Lean exports for the variant, compiled by the checker's interpreter
// and evaluated on the implementation's state projected to contract cells (the same cells traces
// carry). This module holds no verdict: what a violation means is `judge.ts`'s, from the export.
import { compileModel, failedInit, type CompiledGuard } from "../checker/interp.ts";
import type { RulesDoc, Scalar } from "../contract/rules/types.ts";
import type { Result } from "../contract/result.ts";
import { err, ok } from "../contract/result.ts";
import type { Bounds, Variant } from "../contract/vocabulary.ts";
import type { VerdictsDoc } from "../contract/verdicts/types.ts";
import type { System } from "../impl/system.ts";
import type { Expr } from "../contract/rules/types.ts";

/** The one property that is not a state predicate but the explorer can still see: a state in
 * which no step of the system is enabled (an external crash does not count, as in Lean's
 * `Deadlocked`, Spec/Deadlock.lean) that is neither quiescent nor held only by the consumer bound. */
export const DEADLOCK = "deadlock";

/** No step of the system can be taken: nothing is enabled, or only the external collector crash
 * `SlcFail`, which is the environment's move, not the system's. */
export function systemCannotMove(enabled: readonly { readonly label: string }[]): boolean {
  return enabled.every((a) => a.label === "SlcFail");
}

/** No forced step can be taken: every enabled action is one weak fairness does not force (the
 * `unforced` labels Lean exports with its liveness properties). Staying in such a state is a
 * weakly fair run, so a liveness goal false there is never reached (Lean's `StuckUnsettled`). */
export function noForcedStep(enabled: readonly { readonly label: string }[], unforced: ReadonlySet<string>): boolean {
  return enabled.every((a) => unforced.has(a.label));
}

export type PropertyId = string;

export interface Violation {
  readonly property: PropertyId;
  readonly detail: string;
}

export interface PropertySet {
  /** every property the explorer reports, in the export's order */
  readonly names: readonly PropertyId[];
  readonly description: (p: PropertyId) => string;
  /** state properties whose invariant is false in this state */
  readonly violations: (sys: System) => Violation[];
  /** the deadlock check, on a state where the system cannot move (`systemCannotMove`) */
  readonly terminal: (sys: System) => Violation[];
  /** the labels weak fairness does not force (empty when the export has no liveness property) */
  readonly unforced: ReadonlySet<string>;
  /** the liveness checks, on a state where no forced step is enabled (`noForcedStep`): each
   * liveness goal that is false there, unless only the consumer-id bound holds the state */
  readonly starved: (sys: System) => Violation[];
  /** does the state satisfy the variant's exported `init` conjuncts? */
  readonly initialOk: (sys: System) => boolean;
}

interface Compiled {
  readonly guard: CompiledGuard;
  /** cell names the expression reads, to show their values in a violation */
  readonly cells: readonly string[];
}

/** Build the property set for one variant and bounds from the rules (for the cell layout and
 * `init`) and the verdict export (for the invariants). Errors name the property. */
export function propertySet(rules: RulesDoc, verdicts: VerdictsDoc, variant: Variant, bounds: Bounds): Result<PropertySet> {
  const inv = verdicts.invariants[variant];
  if (inv === undefined) return err(`the verdict export has no invariants for ${variant}`);
  const stateProps = verdicts.properties.filter((p) => inv[p.name] !== undefined);
  const doc: RulesDoc = { ...rules, actions: [], invariants: stateProps.map((p) => ({ name: p.name, expr: inv[p.name]!, theorems: [] })) };
  const model = compileModel(doc, bounds);
  if (!model.ok) return err(`invariant of the verdict export (${variant}): ${model.error}`);
  const { layout } = model.value;
  const compiled: Compiled[] = model.value.invariants.map((g) => ({ guard: g, cells: cellsOf(inv[g.name]!) }));
  const toState = (sys: System): Scalar[] => {
    const cells = sys.project();
    const s = new Array<Scalar>(layout.size);
    for (let i = 0; i < layout.size; i++) {
      const v = cells.get(layout.keys[i]!);
      s[i] = v === undefined ? layout.owner[i]!.default : v;
    }
    return s;
  };
  const show = (s: readonly Scalar[], names: readonly string[]): string =>
    layout.keys.map((k, i) => [k, s[i]] as const).filter(([k]) => names.includes(k.replace(/\[.*$/, ""))).map(([k, v]) => `${k}=${String(v)}`).join(" ");
  const hasDeadlock = verdicts.properties.some((p) => p.name === DEADLOCK);
  const descriptions = new Map(verdicts.properties.map((p) => [p.name, p.description]));
  const liveProps = verdicts.properties.filter((p) => p.goal !== undefined);
  const goals = compileModel({ ...rules, actions: [], invariants: liveProps.map((p) => ({ name: p.name, expr: p.goal!, theorems: [] })) }, bounds);
  if (!goals.ok) return err(`liveness goal of the verdict export: ${goals.error}`);
  const liveCompiled: Compiled[] = goals.value.invariants.map((g) => ({ guard: g, cells: cellsOf(liveProps.find((p) => p.name === g.name)!.goal!) }));
  const unforced = new Set<string>(liveProps.flatMap((p) => p.unforced ?? []));
  return ok({
    names: [...stateProps.map((p) => p.name), ...(hasDeadlock ? [DEADLOCK] : []), ...liveProps.map((p) => p.name)],
    description: (p) => descriptions.get(p) ?? p,
    violations: (sys) => {
      const s = toState(sys);
      const out: Violation[] = [];
      for (const c of compiled) if (c.guard.fn(s, []) !== true) out.push({ property: c.guard.name, detail: show(s, c.cells) });
      return out;
    },
    terminal: (sys) => (!hasDeadlock || sys.quiescent() || sys.boundLimited() ? [] : [{ property: DEADLOCK, detail: "no step of the system is enabled (an external crash aside), but work is still in progress" }]),
    unforced,
    starved: (sys) => {
      if (sys.boundLimited()) return [];
      const s = toState(sys);
      return liveCompiled.filter((c) => c.guard.fn(s, []) !== true)
        .map((c) => ({ property: c.guard.name, detail: `no forced step is enabled and the goal is false: ${show(s, c.cells)}` }));
    },
    initialOk: (sys) => failedInit(model.value, toState(sys)).length === 0,
  });
}

function cellsOf(e: Expr, out: Set<string> = new Set()): string[] {
  if ("cell" in e) {
    out.add(e.cell);
    for (const i of e.idx ?? []) cellsOf(i, out);
  } else if ("op" in e) for (const a of e.args) cellsOf(a, out);
  else if ("all" in e || "any" in e) cellsOf(e.body, out);
  return [...out];
}
