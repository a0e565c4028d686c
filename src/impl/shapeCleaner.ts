// ShapeCleaner.remove_shape_immediate (electric.md §3.1) as resumable chains, one per slot.
// Order: ShapeStatus → Consumer.stop → Storage.cleanup! → SLC.remove_shape (batcher, async).
// Fix B puts a non-blocking router removal first and waits for it in the chain's own task;
// SerializedRemoval's first request has the collector tombstone the shape and drop its route, and
// the chain has no ShapeStatus step of its own.
import type { ChainSlot, Handle } from "../contract/vocabulary.ts";
import type { Cells } from "../contract/vocabulary.ts";
import { key1 } from "../contract/vocabulary.ts";

export type ChainPc = "routerRemove" | "routerWait" | "status" | "stop" | "storage" | "slcRemove" | "done" | "aborted";

export interface Chain {
  readonly h: Handle;
  pc: ChainPc;
}

/** A chain that has started and not yet finished (done or aborted). */
function inProgress(c: Chain | null): c is Chain {
  return c !== null && c.pc !== "done" && c.pc !== "aborted";
}

export class ShapeCleaner {
  readonly chains: (Chain | null)[];

  constructor(slots: number, src?: ShapeCleaner) {
    this.chains = src ? src.chains.map((c) => (c === null ? null : { ...c })) : Array.from({ length: slots }, () => null);
  }

  clone(): ShapeCleaner {
    return new ShapeCleaner(this.chains.length, this);
  }

  isIdle(k: ChainSlot): boolean {
    return this.chains[k] === null;
  }

  /** The lowest slot no chain has used yet (each slot is used at most once). */
  lowestIdle(): ChainSlot | undefined {
    const k = this.chains.indexOf(null);
    return k < 0 ? undefined : k;
  }

  /** remove_shape / remove_shape_async: a new chain in slot k, starting with the request to the
   * collector (Fix B, SerializedRemoval) or with ShapeStatus. */
  start(k: ChainSlot, h: Handle, collectorFirst: boolean): void {
    if (this.chains[k] !== null) throw new Error(`chain slot ${k} already used`);
    this.chains[k] = { h, pc: collectorFirst ? "routerRemove" : "status" };
  }

  get(k: ChainSlot): Chain | null {
    return this.chains[k] ?? null;
  }

  set(k: ChainSlot, pc: ChainPc): void {
    const c = this.chains[k];
    if (!c) throw new Error(`chain slot ${k} idle`);
    c.pc = pc;
  }

  /** The chains' host died (a removal task under a supervisor the crash took down): every chain
   * still in progress stops where it stands, as `aborted`; finished ones stay as they were. */
  killInProgress(): void {
    for (const c of this.chains) if (inProgress(c)) c.pc = "aborted";
  }

  /** Chain k's host died (ShapeCache, running it inside clean_shape): it stops where it stands,
   * as `aborted`, unless it had finished. */
  kill(k: ChainSlot): void {
    const c = this.chains[k] ?? null;
    if (inProgress(c)) c.pc = "aborted";
  }

  /** Chain k started and has finished (done or aborted). */
  isFinished(k: ChainSlot): boolean {
    const c = this.chains[k] ?? null;
    return c !== null && !inProgress(c);
  }

  anyActive(): boolean {
    return this.chains.some(inProgress);
  }

  stateKey(): string {
    return this.chains.map((c) => (c === null ? "" : `${c.h}${c.pc}`)).join(",");
  }

  project(cells: Cells, K: number): void {
    for (let k = 0; k < K; k++) {
      const c = this.chains[k] ?? null;
      cells.set(key1("chainHandle", k), c?.h ?? -1);
      cells.set(key1("chainPc", k), c?.pc ?? "idle");
    }
  }
}
