// Random walks over the rules: valid traces produced by the interpreter itself. Used by the
// tests (valid traces to mutate) and the benchmark (a long valid trace). It is the rules'
// own prediction, so it tests the checker's plumbing, not the implementation.
import type { Scalar } from "../contract/rules/types.ts";
import { bindEnv, bindings, collectWrites, firstFailedGuard, type CompiledAction, type Model } from "./interp.ts";
import { stateToRecord } from "./layout.ts";
import { processName } from "./process.ts";
import { rulesFingerprint } from "../contract/rules/fingerprint.ts";
import type { TraceEvent, TraceHeader, TraceParams } from "../contract/trace/types.ts";
import { TRACE_FORMAT } from "../contract/trace/types.ts";

export type Rng = () => number;

/** mulberry32: a small seeded PRNG, so generated traces are reproducible. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Enabled {
  action: CompiledAction;
  params: Record<string, number>;
}

export function enabledSteps(m: Model, s: readonly Scalar[]): Enabled[] {
  const out: Enabled[] = [];
  for (const a of m.actions.values())
    for (const b of bindings(a)) if (firstFailedGuard(a, s, bindEnv(a, b)) === undefined) out.push({ action: a, params: b });
  return out;
}

/** Domains larger than this are not enumerated by `enabledStepsSampled`. */
const LARGE_DOMAIN = 64;

/**
 * Like enabledSteps, but a parameter over a large domain (e.g. txn with T = 10^5) only takes
 * the values currently held by integer cells (e.g. `nextTxn`). An under-approximation of the
 * enabled set, used only to drive long random walks cheaply; the rules still decide enabledness.
 */
export function enabledStepsSampled(m: Model, s: readonly Scalar[], intSlots: readonly number[]): Enabled[] {
  let cands: number[] | undefined;
  const out: Enabled[] = [];
  for (const a of m.actions.values()) {
    const values = a.params.map((p) => {
      if (p.bound <= LARGE_DOMAIN) return Array.from({ length: p.bound }, (_, i) => i);
      cands ??= [...new Set(intSlots.map((k) => s[k] as number))];
      return cands.filter((v) => v >= 0 && v < p.bound);
    });
    const cur = new Array<number>(values.length).fill(0);
    if (values.some((v) => v.length === 0)) continue;
    for (;;) {
      const b: Record<string, number> = {};
      a.params.forEach((p, i) => (b[p.name] = values[i]![cur[i]!]!));
      if (firstFailedGuard(a, s, bindEnv(a, b)) === undefined) out.push({ action: a, params: b });
      let i = values.length - 1;
      while (i >= 0 && ++cur[i]! >= values[i]!.length) cur[i--] = 0;
      if (i < 0) break;
    }
  }
  return out;
}

/** Slots of integer-typed cells (candidate values for large parameter domains). */
export function intSlots(m: Model): number[] {
  const out: number[] = [];
  m.layout.owner.forEach((d, i) => {
    if ("int" in d.type) out.push(i);
  });
  return out;
}

/** The init state: every cell at its default, overridden by `overrides` (cell key -> value). */
export function defaultState(m: Model, overrides: Record<string, Scalar> = {}): Scalar[] {
  const s = m.layout.owner.map((d) => d.default);
  for (const [k, v] of Object.entries(overrides)) {
    const slot = m.layout.slotOf.get(k);
    if (slot !== undefined) s[slot] = v;
  }
  return s;
}

export function makeHeader(m: Model, init: readonly Scalar[], extra: Partial<TraceHeader> = {}): TraceHeader {
  return {
    kind: "header", format: TRACE_FORMAT, variant: m.rules.variant, seed: 0, scenario: "generated", scheduler: "random",
    implementation: "rules-random-walk", rulesFingerprint: m.rules.rulesFingerprint ?? rulesFingerprint(m.rules),
    bounds: m.bounds, init: stateToRecord(m.layout, init), ...extra,
  };
}

/** One step of the rules as a trace event; `s` is advanced in place. */
export function stepEvent(m: Model, s: Scalar[], step: Enabled, seq: number, r: Rng): TraceEvent {
  const a = step.action;
  const w = collectWrites(a, s, bindEnv(a, step.params));
  const final = new Map<number, Scalar>();
  for (let i = 0; i < w.length; i += 2) final.set(w[i] as number, w[i + 1]!);
  const post: Record<string, Scalar> = {};
  for (const [slot, v] of final) {
    // changed cells must be reported; unchanged written cells sometimes are (both are allowed)
    if (v !== s[slot] || r() < 0.3) post[m.layout.keys[slot]!] = v;
    s[slot] = v;
  }
  return {
    kind: "event", seq, process: processName(a.rule, step.params) ?? a.rule.process, action: a.rule.name,
    params: step.params, outcome: a.rule.outcome, post,
  };
}

/** A random walk of at most `maxSteps` events (stops early when nothing is enabled). */
export function* randomWalk(m: Model, init: readonly Scalar[], maxSteps: number, r: Rng): Generator<TraceEvent> {
  const s = init.slice();
  for (let seq = 1; seq <= maxSteps; seq++) {
    const en = enabledSteps(m, s);
    if (en.length === 0) return;
    yield stepEvent(m, s, en[Math.floor(r() * en.length)]!, seq, r);
  }
}
