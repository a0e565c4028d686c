// The explorer: breadth-first enumeration of every scheduling choice with state-hash
// deduplication (small scenarios), or seeded random walks (larger ones). Every transition and
// every reached state is checked against the properties (Lean's exported invariants, see
// properties.ts); the first (shortest, under BFS) violation of each property is kept and shrunk.
// States are stored packed (state-codec.ts) in a StateStore (src/util/state-store.ts): a few
// words each, and no System is kept beyond the one being expanded, so millions of states fit.
import type { Action } from "../contract/vocabulary.ts";
import { System } from "../impl/system.ts";
import type { SystemInit } from "../impl/system.ts";
import { Prng } from "./prng.ts";
import { noForcedStep, systemCannotMove, type PropertyId, type PropertySet, type Violation } from "./properties.ts";
import { shrink } from "./shrinker.ts";
import type { ShrinkResult } from "./shrinker.ts";
import { makeCodec } from "./state-codec.ts";
import { StateStore } from "../util/state-store.ts";

export type ExploreMode = "auto" | "exhaustive" | "random";

export interface ExploreOptions {
  readonly mode: ExploreMode;
  /** what to check on every state: built by `propertySet` from Lean's verdict export */
  readonly properties: PropertySet;
  readonly maxStates: number;
  readonly seed: number;
  readonly walks: number;
  readonly maxDepth: number;
  readonly onProgress?: (p: Progress) => void;
  /** Skip hashing and property checks: the raw step rate, the benchmark's baseline. */
  readonly raw?: boolean;
  /** Stop as soon as this property is violated (time-to-bug measurements). */
  readonly stopOn?: PropertyId;
  /** Do not shrink counterexamples (benchmarks). */
  readonly noShrink?: boolean;
}

export interface Progress {
  readonly phase: "exhaustive" | "random";
  readonly states: number;
  readonly transitions: number;
  readonly frontier: number;
  readonly depth: number;
  /** the budget of this phase (exhaustive: the state budget; random: the number of walks) and
   * how much of it is used (distinct states; walks done) */
  readonly budget: number;
  readonly used: number;
  readonly elapsedMs: number;
}

export interface PropertyVerdict {
  readonly property: PropertyId;
  readonly violated: boolean;
  readonly detail: string | undefined;
  /** The schedule as found, and shrunk. */
  readonly found: readonly Action[] | undefined;
  readonly shrunk: ShrinkResult | undefined;
}

export interface ExploreReport {
  readonly variant: string;
  readonly mode: "exhaustive" | "random" | "exhaustive+random";
  readonly states: number;
  readonly transitions: number;
  readonly maxDepth: number;
  readonly complete: boolean;
  readonly walks: number;
  readonly elapsedMs: number;
  /** Distinct states per second of the whole run. */
  readonly statesPerSecond: number;
  /** Bytes held by the exhaustive search's state store (0 for random walks alone), and the
   * process's peak resident memory so far (it includes everything else the process did). */
  readonly memory: { readonly storeBytes: number; readonly peakRssBytes: number };
  /** the scenario's initial state satisfies the variant's exported `init` (Lean's theorems start there) */
  readonly initialOk: boolean;
  readonly verdicts: readonly PropertyVerdict[];
}

interface Found {
  readonly v: Violation;
  readonly path: readonly Action[];
}


class Recorder {
  readonly found = new Map<PropertyId, Found>();
  stop = false;

  constructor(private readonly stopOn: PropertyId | undefined) {}

  /** `length` is the length of the path that `path` would build: it is only built when it
   * beats the one kept (under BFS the first one found is already the shortest). */
  note(vs: readonly Violation[], length: number, path: () => readonly Action[]): void {
    for (const v of vs) {
      if (v.property === this.stopOn) this.stop = true;
      const prev = this.found.get(v.property);
      if (prev === undefined || length < prev.path.length) this.found.set(v.property, { v, path: path() });
    }
  }
}

interface BfsResult { states: number; transitions: number; depth: number; complete: boolean; storeBytes: number }

function bfs(init: SystemInit, opts: ExploreOptions, rec: Recorder): BfsResult {
  const codec = makeCodec(init);
  const W = codec.words;
  const store = new StateStore(W, opts.maxStates);
  const root = System.create(init);
  /** Replay the recorded choices from the root (the store keeps no systems). */
  const pathTo = (id: number): Action[] => {
    const chain: number[] = [];
    for (let i = id; i > 0; i = store.parent(i)) chain.push(i);
    const sys = System.create(init);
    const p: Action[] = [];
    for (let j = chain.length - 1; j >= 0; j--) {
      const a = sys.enabled()[store.viaIndex(chain[j]!)];
      if (a === undefined) throw new Error(`explorer: the recorded path to state ${id} does not replay`);
      sys.apply(a);
      p.push(a);
    }
    return p;
  };
  const props = opts.properties;
  if (!opts.raw) rec.note(props.violations(root), 0, () => []);
  store.insert(codec.encode(root), 0, -1, 0);
  let transitions = 0;
  let depth = 0;
  let levelEnd = 1;
  let lastTick = Date.now();
  const t0 = performance.now();
  const result = (complete: boolean): BfsResult => ({ states: store.size, transitions, depth, complete, storeBytes: store.stats().bytes });
  for (let id = 0; id < store.size; id++) {
    if (id === levelEnd) {
      depth++;
      levelEnd = store.size;
    }
    const sys = id === 0 ? root : codec.decode(store.buffer(), id * W);
    const en = sys.enabled();
    if (systemCannotMove(en) && !opts.raw) rec.note(props.terminal(sys), depth, () => pathTo(id));
    if (noForcedStep(en, props.unforced) && !opts.raw) rec.note(props.starved(sys), depth, () => pathTo(id));
    for (let i = 0; i < en.length; i++) {
      const a = en[i]!;
      const child = sys.clone();
      child.apply(a);
      transitions++;
      if (!opts.raw) {
        const vs = props.violations(child);
        if (vs.length > 0) {
          rec.note(vs, depth + 1, () => [...pathTo(id), a]);
          if (rec.stop) return result(false);
        }
      }
      if (store.insert(codec.encode(child), 0, id, i) === -2) return result(false);
    }
    if (opts.onProgress && (id & 1023) === 0 && Date.now() - lastTick > 200) {
      lastTick = Date.now();
      opts.onProgress({ phase: "exhaustive", states: store.size, transitions, frontier: store.size - id - 1, depth, budget: opts.maxStates, used: store.size, elapsedMs: performance.now() - t0 });
    }
  }
  return result(true);
}

interface WalkResult { states: number; transitions: number; depth: number }

function randomWalks(init: SystemInit, opts: ExploreOptions, rec: Recorder): WalkResult {
  const rng = new Prng(opts.seed);
  const codec = makeCodec(init);
  const seen = new StateStore(codec.words, opts.maxStates);
  let transitions = 0;
  let depth = 0;
  let lastTick = Date.now();
  const t0 = performance.now();
  for (let w = 0; w < opts.walks; w++) {
    const sys = System.create(init);
    if (w === 0 && !opts.raw) rec.note(opts.properties.violations(sys), 0, () => []);
    const path: Action[] = [];
    for (let d = 0; d < opts.maxDepth; d++) {
      const en = sys.enabled();
      if (systemCannotMove(en) && !opts.raw) rec.note(opts.properties.terminal(sys), path.length, () => [...path]);
      if (noForcedStep(en, opts.properties.unforced) && !opts.raw) rec.note(opts.properties.starved(sys), path.length, () => [...path]);
      if (en.length === 0) break;
      const a = en[rng.int(en.length)];
      if (a === undefined) break;
      sys.apply(a);
      path.push(a);
      transitions++;
      if (!opts.raw) {
        const vs = opts.properties.violations(sys);
        if (vs.length > 0) {
          rec.note(vs, path.length, () => [...path]);
          if (rec.stop) return { states: seen.size, transitions, depth };
        }
        seen.insert(codec.encode(sys), 0, -1, 0);
      }
      depth = Math.max(depth, path.length);
    }
    if (opts.onProgress && Date.now() - lastTick > 200) {
      lastTick = Date.now();
      opts.onProgress({ phase: "random", states: seen.size, transitions, frontier: opts.walks - w - 1, depth, budget: opts.walks, used: w + 1, elapsedMs: performance.now() - t0 });
    }
  }
  return { states: seen.size, transitions, depth };
}

export function explore(init: SystemInit, opts: ExploreOptions): ExploreReport {
  const t0 = performance.now();
  const rec = new Recorder(opts.stopOn);
  let states = 0;
  let transitions = 0;
  let depth = 0;
  let complete = false;
  let walks = 0;
  let storeBytes = 0;
  let mode: ExploreReport["mode"] = "exhaustive";
  if (opts.mode !== "random") {
    const r = bfs(init, opts, rec);
    ({ states, transitions, complete, storeBytes } = r);
    depth = r.depth;
  }
  if (opts.mode === "random" || (opts.mode === "auto" && !complete && !rec.stop)) {
    const r = randomWalks(init, opts, rec);
    mode = opts.mode === "random" ? "random" : "exhaustive+random";
    states = Math.max(states, r.states);
    transitions += r.transitions;
    depth = Math.max(depth, r.depth);
    walks = opts.walks;
  }
  const verdicts: PropertyVerdict[] = opts.properties.names.map((p) => {
    const f = rec.found.get(p);
    const shrunk = f && !opts.raw && !opts.noShrink ? shrink(init, f.path, p, opts.properties) : undefined;
    return { property: p, violated: f !== undefined, detail: f?.v.detail, found: f?.path, shrunk };
  });
  const elapsedMs = performance.now() - t0;
  return {
    variant: init.variant, mode, states, transitions, maxDepth: depth, complete, walks, elapsedMs,
    statesPerSecond: elapsedMs > 0 ? states / (elapsedMs / 1000) : 0,
    memory: { storeBytes, peakRssBytes: process.resourceUsage().maxRSS * 1024 },
    initialOk: opts.properties.initialOk(System.create(init)),
    verdicts,
  };
}
