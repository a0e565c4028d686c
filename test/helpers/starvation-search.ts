// Test-only: an exhaustive search of the exported rules for liveness counterexamples. It builds
// every state reachable from an initial state (every rule, unforced moves and external crashes
// included), then looks at the graph of FORCED steps (the labels the verdict export does not list
// as `unforced`): a state with no forced successor in which a liveness goal is false and the
// consumer-id bound is not what holds it is stuck and unsettled (Lean's `StuckUnsettled`); a cycle
// of forced steps would be a fair run that never gets stuck. No stuck unsettled state and no
// forced cycle means: at these bounds, every weakly fair run with finitely many unforced moves
// reaches the goal. This is a search over the exported rules, not a proof.
import { bindEnv, bindings, firstFailedGuard, successor, type CompiledGuard, type Model } from "../../src/checker/interp.ts";
import type { Scalar } from "../../src/contract/rules/types.ts";

export interface StarvationSearch {
  readonly states: number;
  /** per goal name: the shortest schedule (labels with positional args) to a stuck unsettled state */
  readonly stuck: ReadonlyMap<string, readonly string[]>;
  /** stuck states with a false goal that only the consumer-id bound holds (excluded, as in Lean) */
  readonly boundLimited: number;
  /** states on a cycle of forced steps */
  readonly forcedCycleStates: number;
}

/** Lean's `BoundLimited` (Spec/Deadlock.lean), restated on cells: ShapeCache checked a shape, no
 * fresh consumer id is left, and the shape has no registered consumer. */
export function boundLimited(m: Model, s: readonly Scalar[]): boolean {
  const at = (k: string): Scalar | undefined => {
    const i = m.layout.slotOf.get(k);
    return i === undefined ? undefined : s[i];
  };
  return at("sc") === "checked" && Number(at("nextConsumer")) >= (m.bounds["C"] ?? 0) && at(`registry[${String(at("scHandle"))}]`) === -1;
}

export function searchStarvation(m: Model, init: readonly Scalar[], goals: readonly CompiledGuard[], unforced: ReadonlySet<string>, maxStates: number): StarvationSearch {
  const insts = [...m.actions.values()].flatMap((a) => [...bindings(a)].map((p) => ({ a, p, env: bindEnv(a, p), forced: !unforced.has(a.rule.name) })));
  const ids = new Map<string, number>();
  const states: Scalar[][] = [];
  const parent: { from: number; step: string }[] = [];
  const forced: number[][] = [];
  const add = (s: Scalar[], from: number, step: string): number => {
    const key = JSON.stringify(s);
    const known = ids.get(key);
    if (known !== undefined) return known;
    if (states.length >= maxStates) throw new Error(`starvation search: more than ${maxStates} states`);
    ids.set(key, states.length);
    states.push(s);
    parent.push({ from, step });
    forced.push([]);
    return states.length - 1;
  };
  add(init.slice(), -1, "");
  for (let i = 0; i < states.length; i++) {
    const s = states[i]!;
    for (const x of insts) {
      if (firstFailedGuard(x.a, s, x.env) !== undefined) continue;
      const j = add(successor(x.a, s, x.env), i, `${x.a.rule.name}${JSON.stringify(x.a.params.map((q) => x.p[q.name]))}`);
      if (x.forced) forced[i]!.push(j);
    }
  }
  const path = (i: number): string[] => {
    const out: string[] = [];
    for (let k = i; parent[k]!.from >= 0; k = parent[k]!.from) out.push(parent[k]!.step);
    return out.reverse();
  };
  const stuck = new Map<string, string[]>();
  let limited = 0;
  // BFS order: the first stuck state found per goal has a shortest schedule.
  for (let i = 0; i < states.length; i++) {
    if (forced[i]!.length > 0) continue;
    const s = states[i]!;
    const unsettled = goals.filter((g) => g.fn(s, []) !== true);
    if (unsettled.length === 0) continue;
    if (boundLimited(m, s)) { limited++; continue; }
    for (const g of unsettled) if (!stuck.has(g.name)) stuck.set(g.name, path(i));
  }
  return { states: states.length, stuck, boundLimited: limited, forcedCycleStates: cycleStates(forced) };
}

/** The number of states on a cycle of the graph (iterative Tarjan: nontrivial SCCs and self-loops). */
function cycleStates(succ: readonly (readonly number[])[]): number {
  const n = succ.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  let next = 0;
  let onCycles = 0;
  for (let root = 0; root < n; root++) {
    if (index[root]! >= 0) continue;
    const work: [number, number][] = [[root, 0]];
    index[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const v = frame[0];
      const out = succ[v]!;
      if (frame[1] < out.length) {
        const w = out[frame[1]++]!;
        if (index[w]! < 0) {
          index[w] = low[w] = next++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const u = work[work.length - 1]![0];
        low[u] = Math.min(low[u]!, low[v]!);
      }
      if (low[v] !== index[v]) continue;
      const comp: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = 0;
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || out.includes(v)) onCycles += comp.length;
    }
  }
  return onCycles;
}
