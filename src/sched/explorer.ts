// The explorer: breadth-first enumeration of every scheduling choice with state-hash
// deduplication (small scenarios), or seeded random walks (larger ones). Every transition and
// every reached state is checked against the properties (Lean's exported invariants, see
// properties.ts); the first (shortest, under BFS)
// violation of each property is kept and shrunk.
import type { Action } from "../contract/vocabulary.ts";
import { System } from "../impl/system.ts";
import type { SystemInit } from "../impl/system.ts";
import { Prng } from "./prng.ts";
import type { PropertyId, PropertySet, Violation } from "./properties.ts";
import { shrink } from "./shrinker.ts";
import type { ShrinkResult } from "./shrinker.ts";

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

  note(vs: readonly Violation[], path: () => readonly Action[]): void {
    for (const v of vs) {
      if (v.property === this.stopOn) this.stop = true;
      const prev = this.found.get(v.property);
      if (prev === undefined) this.found.set(v.property, { v, path: path() });
      else {
        const p = path();
        if (p.length < prev.path.length) this.found.set(v.property, { v, path: p });
      }
    }
  }
}

interface BfsResult { states: number; transitions: number; depth: number; complete: boolean }

function bfs(init: SystemInit, opts: ExploreOptions, rec: Recorder): BfsResult {
  const parents: number[] = [-1];
  const via: (Action | null)[] = [null];
  const pathTo = (id: number): Action[] => {
    const p: Action[] = [];
    for (let i = id; i > 0; i = parents[i] ?? 0) {
      const a = via[i];
      if (a) p.push(a);
    }
    return p.reverse();
  };
  const root = System.create(init);
  const props = opts.properties;
  if (!opts.raw) rec.note(props.violations(root), () => []);
  const seen = new Set<string>([root.stateKey()]);
  let frontier: { sys: System; id: number }[] = [{ sys: root, id: 0 }];
  let transitions = 0;
  let depth = 0;
  let lastTick = Date.now();
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const node of frontier) {
      const en = node.sys.enabled();
      if (en.length === 0 && !opts.raw) rec.note(props.terminal(node.sys), () => pathTo(node.id));
      for (const a of en) {
        const child = node.sys.clone();
        child.apply(a);
        transitions++;
        if (!opts.raw) {
          const vs = props.violations(child);
          if (vs.length > 0) {
            rec.note(vs, () => [...pathTo(node.id), a]);
            if (rec.stop) return { states: seen.size, transitions, depth, complete: false };
          }
        }
        const key = child.stateKey();
        if (seen.has(key)) continue;
        if (seen.size >= opts.maxStates) return { states: seen.size, transitions, depth, complete: false };
        seen.add(key);
        parents.push(node.id);
        via.push(a);
        next.push({ sys: child, id: parents.length - 1 });
      }
      if (opts.onProgress && Date.now() - lastTick > 200) {
        lastTick = Date.now();
        opts.onProgress({ phase: "exhaustive", states: seen.size, transitions, frontier: next.length, depth });
      }
    }
    if (next.length > 0) depth++;
    frontier = next;
  }
  return { states: seen.size, transitions, depth, complete: true };
}

interface WalkResult { states: number; transitions: number; depth: number }

function randomWalks(init: SystemInit, opts: ExploreOptions, rec: Recorder): WalkResult {
  const rng = new Prng(opts.seed);
  const seen = new Set<string>();
  let transitions = 0;
  let depth = 0;
  let lastTick = Date.now();
  for (let w = 0; w < opts.walks; w++) {
    const sys = System.create(init);
    if (w === 0 && !opts.raw) rec.note(opts.properties.violations(sys), () => []);
    const path: Action[] = [];
    for (let d = 0; d < opts.maxDepth; d++) {
      const en = sys.enabled();
      if (en.length === 0) {
        if (!opts.raw) rec.note(opts.properties.terminal(sys), () => [...path]);
        break;
      }
      const a = en[rng.int(en.length)];
      if (a === undefined) break;
      sys.apply(a);
      path.push(a);
      transitions++;
      if (!opts.raw) {
        const vs = opts.properties.violations(sys);
        if (vs.length > 0) {
          rec.note(vs, () => [...path]);
          if (rec.stop) return { states: seen.size, transitions, depth };
        }
        if (seen.size < opts.maxStates) seen.add(sys.stateKey());
      }
      depth = Math.max(depth, path.length);
    }
    if (opts.onProgress && Date.now() - lastTick > 200) {
      lastTick = Date.now();
      opts.onProgress({ phase: "random", states: seen.size, transitions, frontier: opts.walks - w - 1, depth });
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
  let mode: ExploreReport["mode"] = "exhaustive";
  if (opts.mode !== "random") {
    const r = bfs(init, opts, rec);
    ({ states, transitions, complete } = r);
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
  const initialOk = opts.properties.initialOk(System.create(init));
  return { variant: init.variant, mode, states, transitions, maxDepth: depth, complete, walks, elapsedMs: performance.now() - t0, initialOk, verdicts };
}
