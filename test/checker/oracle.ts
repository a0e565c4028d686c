// A deliberately naive replay used as the test oracle for structural mutations: full-state
// successor, full comparison, no streaming. It shares only the compiled Expr/Effect closures
// with the checker (the semantics under test elsewhere, against Lean's table).
import { bindEnv, failedGuards, successor, type Model } from "../../src/checker/interp.ts";
import type { Scalar } from "../../src/contract/rules/types.ts";

interface Ev { seq: number; action: string; params: Record<string, number>; outcome: string; post: Record<string, Scalar> }

/** Index of the first event the rules reject, or -1 when the whole sequence is valid. */
export function oracleFirstBad(m: Model, init: Record<string, Scalar>, events: Ev[]): number {
  let s: Scalar[] = m.layout.keys.map((k) => init[k]!);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.seq !== i + 1) return i;
    const a = m.actions.get(e.action);
    if (!a) return i;
    if (a.params.some((p) => !(p.name in e.params) || e.params[p.name]! < 0 || e.params[p.name]! >= p.bound)) return i;
    if (Object.keys(e.params).some((k) => !a.params.some((p) => p.name === k))) return i;
    const env = bindEnv(a, e.params);
    if (failedGuards(a, s, env).length) return i;
    const post = successor(a, s, env);
    for (const [k, v] of Object.entries(e.post)) if (post[m.layout.slotOf.get(k) ?? -1] !== v) return i;
    for (let j = 0; j < post.length; j++) if (post[j] !== s[j] && !(m.layout.keys[j]! in e.post)) return i;
    const crashed = s[m.layout.slotOf.get("slc")!] !== "down" && post[m.layout.slotOf.get("slc")!] === "down";
    if ((e.outcome === "crash") !== crashed) return i;
    s = post;
  }
  return -1;
}
