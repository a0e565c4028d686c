// Coverage over the traces that passed: rules fired (per handle), guard conjuncts exercised
// (a fired rule exercised all its conjuncts as true), distinct model states, rules never fired.
import type { RulesDoc } from "../contract/rules/types.ts";
import { HashSet64 } from "./hashset64.ts";

export interface TraceCoverage {
  variant: string;
  /** rule -> times fired */
  actions: Map<string, number>;
  /** rule -> handle -> times fired (rules with a handle parameter) */
  perHandle: Map<string, Map<number, number>>;
  /** distinct model states visited (64-bit hashes; capped at MAX_STATES, then `statesSaturated`) */
  states: HashSet64;
  statesSaturated: boolean;
}

export const MAX_STATES = 1 << 20;

export interface VariantCoverage {
  variant: string;
  traces: number;
  events: number;
  rules: RulesDoc;
  actions: Map<string, number>;
  perHandle: Map<string, Map<number, number>>;
  states: HashSet64;
  statesSaturated: boolean;
}

export interface CoverageSummary {
  variant: string;
  traces: number;
  events: number;
  rulesExercised: number;
  rulesTotal: number;
  fired: { rule: string; count: number; perHandle?: Record<string, number> }[];
  neverExercised: string[];
  guardsExercised: string[];
  guardsNotExercised: string[];
  distinctStates: number;
  distinctStatesSaturated: boolean;
}

export class Coverage {
  readonly variants = new Map<string, VariantCoverage>();

  add(rules: RulesDoc, c: TraceCoverage, events: number): void {
    let v = this.variants.get(c.variant);
    if (!v) {
      v = { variant: c.variant, traces: 0, events: 0, rules, actions: new Map(), perHandle: new Map(), states: new HashSet64(), statesSaturated: false };
      this.variants.set(c.variant, v);
    }
    v.traces++;
    v.events += events;
    for (const [a, n] of c.actions) v.actions.set(a, (v.actions.get(a) ?? 0) + n);
    for (const [a, m] of c.perHandle) {
      let t = v.perHandle.get(a);
      if (!t) v.perHandle.set(a, (t = new Map()));
      for (const [h, n] of m) t.set(h, (t.get(h) ?? 0) + n);
    }
    v.states.addAll(c.states);
    v.statesSaturated ||= c.statesSaturated;
  }

  summaries(): CoverageSummary[] {
    return [...this.variants.values()].map((v) => {
      const all = v.rules.actions;
      const fired = all.filter((a) => v.actions.has(a.name)).map((a) => {
        const ph = v.perHandle.get(a.name);
        return {
          rule: a.name, count: v.actions.get(a.name)!,
          ...(ph ? { perHandle: Object.fromEntries([...ph].sort((x, y) => x[0] - y[0]).map(([h, n]) => [`h${h}`, n])) } : {}),
        };
      });
      const g = (pred: boolean) => all.filter((a) => v.actions.has(a.name) === pred).flatMap((a) => a.guards.map((x) => `${a.name}.${x.name}`));
      return {
        variant: v.variant, traces: v.traces, events: v.events,
        rulesExercised: fired.length, rulesTotal: all.length, fired,
        neverExercised: all.filter((a) => !v.actions.has(a.name)).map((a) => a.name),
        guardsExercised: g(true), guardsNotExercised: g(false),
        distinctStates: v.states.size, distinctStatesSaturated: v.statesSaturated,
      };
    });
  }
}
