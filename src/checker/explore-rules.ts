// The rules-level explorer: breadth-first enumeration of the states the rules exported from
// Lean reach, with this interpreter as the step function (no TypeScript copy of the rules).
// States are cell vectors packed into 32-bit words (each cell's value as a small code) in the
// same StateStore as the implementation's explorer, so that the two can be run at the same
// bounds on the same scenario and compared. It knows nothing of the implementation: the
// initial state comes in as cells by key, the scenario's limits as a predicate on action
// instances.
import type { Scalar } from "../contract/rules/types.ts";
import { BitReader, BitWriter, bitsFor } from "../util/bits.ts";
import { StateStore } from "../util/state-store.ts";
import { bindEnv, bindings, collectWrites, firstFailedGuard, failedInit } from "./interp.ts";
import type { CompiledAction, Model } from "./interp.ts";

/** Whether a run may take this enabled action instance now; `cell` reads the current state by
 * cell key (undefined for a key the rules do not have). */
export type Restriction = (action: string, params: Readonly<Record<string, number>>, cell: (key: string) => Scalar | undefined) => boolean;

export interface RulesExploreOptions {
  readonly maxStates: number;
  readonly restrict?: Restriction;
  /** Called once per distinct state, in BFS order (the vector is reused: copy what you keep). */
  readonly onState?: (s: readonly Scalar[], depth: number) => void;
}

export interface RulesExploreReport {
  readonly states: number;
  readonly transitions: number;
  readonly maxDepth: number;
  readonly complete: boolean;
  readonly elapsedMs: number;
  readonly statesPerSecond: number;
  readonly memory: { readonly storeBytes: number; readonly peakRssBytes: number };
}

export type RulesExploreResult = { readonly ok: true; readonly report: RulesExploreReport } | { readonly ok: false; readonly error: string };

/** Int cells take values the declaration cannot bound (ranges depend on bounds): interned codes. */
const INT_CODE_BITS = 6;

interface CellCodec {
  readonly words: number;
  encode(s: readonly Scalar[]): Uint32Array;
  decode(src: Uint32Array, base: number, into: Scalar[]): void;
}

function cellCodec(m: Model): CellCodec {
  const { layout } = m;
  const widths: number[] = [];
  const values: Scalar[][] = [];
  const codes: Map<Scalar, number>[] = [];
  for (let slot = 0; slot < layout.size; slot++) {
    const t = layout.owner[slot]!.type;
    const vs: Scalar[] = "bool" in t ? [false, true] : "enum" in t ? [...t.enum] : [];
    values.push(vs);
    codes.push(new Map(vs.map((v, i) => [v, i])));
    widths.push("int" in t ? INT_CODE_BITS : bitsFor(vs.length));
  }
  const words = Math.max(1, Math.ceil(widths.reduce((a, b) => a + b, 0) / 32));
  const w = new BitWriter(words);
  const r = new BitReader();
  return {
    words,
    encode(s) {
      w.begin();
      for (let slot = 0; slot < s.length; slot++) {
        const v = s[slot]!;
        const map = codes[slot]!;
        let c = map.get(v);
        if (c === undefined) {
          const t = layout.owner[slot]!.type;
          if (!("int" in t) || typeof v !== "number") throw new RangeError(`rules explorer: ${layout.keys[slot]} = ${JSON.stringify(v)} is outside its declared type`);
          c = values[slot]!.length;
          if (c >= 2 ** INT_CODE_BITS) throw new RangeError(`rules explorer: ${layout.keys[slot]} takes more than ${2 ** INT_CODE_BITS} values`);
          values[slot]!.push(v);
          map.set(v, c);
        }
        w.put(c, widths[slot]!);
      }
      return w.buf;
    },
    decode(src, base, into) {
      r.begin(src, base);
      for (let slot = 0; slot < layout.size; slot++) into[slot] = values[slot]![r.get(widths[slot]!)]!;
    },
  };
}

interface Instance {
  readonly action: CompiledAction;
  readonly params: Readonly<Record<string, number>>;
  readonly env: number[];
}

/** The initial cell vector from cells by key: every cell of the rules' layout must be given. */
export function initialVector(m: Model, cells: ReadonlyMap<string, Scalar>): { ok: true; value: Scalar[] } | { ok: false; error: string } {
  const out: Scalar[] = [];
  for (const key of m.layout.keys) {
    const v = cells.get(key);
    if (v === undefined) return { ok: false, error: `the initial state has no value for the rules' cell ${key}` };
    out.push(v);
  }
  return { ok: true, value: out };
}

/** Explore every state the rules reach from `init` (a full cell vector in layout order). */
export function exploreRules(m: Model, init: readonly Scalar[], opts: RulesExploreOptions): RulesExploreResult {
  const t0 = performance.now();
  if (init.length !== m.layout.size) return { ok: false, error: `the initial state has ${init.length} cells, the rules' layout ${m.layout.size}` };
  const bad = failedInit(m, init);
  if (bad.length > 0) return { ok: false, error: `the initial state violates the rules' init conjunct(s) ${bad.join(", ")}` };
  const instances: Instance[] = [];
  for (const a of m.actions.values()) for (const p of bindings(a)) instances.push({ action: a, params: p, env: bindEnv(a, p) });
  const codec = cellCodec(m);
  const W = codec.words;
  const store = new StateStore(W, opts.maxStates);
  store.insert(codec.encode(init), 0, -1, 0);
  const s: Scalar[] = init.slice();
  const post: Scalar[] = init.slice();
  const slotOf = m.layout.slotOf;
  const cell = (key: string): Scalar | undefined => {
    const k = slotOf.get(key);
    return k === undefined ? undefined : s[k];
  };
  const writes: Scalar[] = [];
  let transitions = 0;
  let depth = 0;
  let levelEnd = 1;
  let complete = true;
  outer: for (let id = 0; id < store.size; id++) {
    if (id === levelEnd) {
      depth++;
      levelEnd = store.size;
    }
    codec.decode(store.buffer(), id * W, s);
    opts.onState?.(s, depth);
    for (let i = 0; i < instances.length; i++) {
      const inst = instances[i]!;
      if (firstFailedGuard(inst.action, s, inst.env) !== undefined) continue;
      if (opts.restrict && !opts.restrict(inst.action.rule.name, inst.params, cell)) continue;
      writes.length = 0;
      collectWrites(inst.action, s, inst.env, writes);
      for (let k = 0; k < s.length; k++) post[k] = s[k]!;
      for (let k = 0; k < writes.length; k += 2) post[writes[k] as number] = writes[k + 1]!;
      transitions++;
      if (store.insert(codec.encode(post), 0, id, i) === -2) {
        complete = false;
        break outer;
      }
    }
  }
  const elapsedMs = performance.now() - t0;
  return {
    ok: true,
    report: {
      states: store.size, transitions, maxDepth: depth, complete, elapsedMs,
      statesPerSecond: elapsedMs > 0 ? store.size / (elapsedMs / 1000) : 0,
      memory: { storeBytes: store.stats().bytes, peakRssBytes: process.resourceUsage().maxRSS * 1024 },
    },
  };
}
