// Shrinking a failing schedule: delta debugging (ddmin) over the list of chosen actions, each
// candidate replayed from the initial state; an action that is not enabled at its turn is
// skipped, and the replay stops at the first violation, so a passing candidate can only get
// shorter. The result is confirmed by a strict replay.
import type { Action } from "../contract/vocabulary.ts";
import { System } from "../impl/system.ts";
import type { SystemInit } from "../impl/system.ts";
import { noForcedStep, systemCannotMove, type PropertyId, type PropertySet } from "./properties.ts";

export function sameAction(a: Action, b: Action): boolean {
  return a.label === b.label && a.process === b.process && a.params.h === b.params.h && a.params.c === b.params.c && a.params.k === b.params.k && a.params.t === b.params.t;
}

/** Replay leniently; return the executed actions up to and including the first step that
 * violates `property`, or null if it is never violated. */
export function replayUntil(init: SystemInit, actions: readonly Action[], property: PropertyId, props: PropertySet): Action[] | null {
  const sys = System.create(init);
  const done: Action[] = [];
  const violated = (): boolean => props.violations(sys).some((v) => v.property === property);
  if (violated()) return done;
  for (const a of actions) {
    const en = sys.enabled();
    const m = en.find((e) => sameAction(e, a));
    if (m === undefined) continue;
    sys.apply(m);
    done.push(m);
    if (violated()) return done;
    const after = sys.enabled();
    if (systemCannotMove(after) && props.terminal(sys).some((v) => v.property === property)) return done;
    if (noForcedStep(after, props.unforced) && props.starved(sys).some((v) => v.property === property)) return done;
  }
  return null;
}

/** Strict replay: every action must be enabled at its turn and the last one must violate. */
export function confirms(init: SystemInit, actions: readonly Action[], property: PropertyId, props: PropertySet): boolean {
  const r = replayUntil(init, actions, property, props);
  return r !== null && r.length === actions.length;
}

export interface ShrinkResult {
  readonly actions: readonly Action[];
  readonly from: number;
  readonly replays: number;
}

export function shrink(init: SystemInit, failing: readonly Action[], property: PropertyId, props: PropertySet): ShrinkResult {
  let replays = 0;
  const test = (c: readonly Action[]): Action[] | null => {
    replays++;
    return replayUntil(init, c, property, props);
  };
  let cur = test(failing) ?? [...failing];
  let n = 2;
  while (cur.length >= 2) {
    const chunk = Math.ceil(cur.length / n);
    let reduced = false;
    // subsets first, then complements (Zeller's ddmin)
    for (let i = 0; i < n && !reduced; i++) {
      const subset = cur.slice(i * chunk, (i + 1) * chunk);
      const r = subset.length < cur.length ? test(subset) : null;
      if (r !== null && r.length < cur.length) { cur = r; n = 2; reduced = true; }
    }
    for (let i = 0; i < n && !reduced; i++) {
      const comp = [...cur.slice(0, i * chunk), ...cur.slice((i + 1) * chunk)];
      const r = comp.length < cur.length ? test(comp) : null;
      if (r !== null && r.length < cur.length) { cur = r; n = Math.max(n - 1, 2); reduced = true; }
    }
    if (!reduced) {
      if (n >= cur.length) break;
      n = Math.min(cur.length, 2 * n);
    }
  }
  // final 1-minimality pass: drop single steps while it still fails
  for (let i = cur.length - 1; i >= 0; i--) {
    const r = test([...cur.slice(0, i), ...cur.slice(i + 1)]);
    if (r !== null && r.length < cur.length) { cur = r; i = Math.min(i, cur.length); }
  }
  if (!confirms(init, cur, property, props)) throw new Error("shrinker: the shrunk schedule does not replay");
  return { actions: cur, from: failing.length, replays };
}
