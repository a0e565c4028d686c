// RequestBatcher (electric.md §3.6): a sibling of the SLC that collects registration updates.
// remove_shape replies at once (waiting would deadlock a terminating consumer against an SLC
// waiting for its reply); at most one batch is in flight until the SLC acks it.
import type { Handle } from "./types.ts";
import type { Cells } from "../trace/cells.ts";
import { key1 } from "../trace/cells.ts";

export type CallResult = "ok" | "noproc";

export class RequestBatcher {
  private toRemove: Set<Handle>;
  private inflight: Set<Handle> | null;
  private alive: boolean;

  constructor(src?: RequestBatcher) {
    this.toRemove = new Set(src?.toRemove);
    this.inflight = src?.inflight ? new Set(src.inflight) : null;
    this.alive = src?.alive ?? true;
  }

  clone(): RequestBatcher {
    return new RequestBatcher(this);
  }

  /** GenServer.call remove_shape: record and reply :ok immediately. A dead batcher exits the caller. */
  removeShape(h: Handle): CallResult {
    if (!this.alive) return "noproc";
    this.toRemove.add(h);
    return "ok";
  }

  canFlush(): boolean {
    return this.alive && this.inflight === null && this.toRemove.size > 0;
  }

  /** handle_continue(:maybe_schedule_update): hand the whole pending set to the SLC (a cast). */
  flush(): Handle[] {
    const batch = [...this.toRemove].sort((a, b) => a - b);
    this.inflight = new Set(batch);
    this.toRemove = new Set();
    return batch;
  }

  /** handle_processor_update_response: the SLC applied the batch. */
  ack(): void {
    this.inflight = null;
  }

  /** Dies with the SLC (ShapeLogCollector.Supervisor, one_for_all, max_restarts 0). */
  die(): void {
    this.alive = false;
    this.toRemove = new Set();
    this.inflight = null;
  }

  restart(): void {
    this.alive = true;
    this.toRemove = new Set();
    this.inflight = null;
  }

  hasPending(): boolean {
    return this.toRemove.size > 0 || this.inflight !== null;
  }

  project(cells: Cells, H: number): void {
    for (let h = 0; h < H; h++) {
      cells.set(key1("pendingRemove", h), this.toRemove.has(h));
      cells.set(key1("batchRemove", h), this.inflight?.has(h) ?? false);
    }
  }
}
