// RequestBatcher (electric.md §3.6): a sibling of the SLC that collects registration updates.
// remove_shape replies at once (waiting would deadlock a terminating consumer against an SLC
// waiting for its reply); at most one batch is in flight until the SLC acks it.
import type { Handle } from "../contract/vocabulary.ts";
import type { Cells } from "../contract/vocabulary.ts";
import { key1 } from "../contract/vocabulary.ts";

export type CallResult = "ok" | "noproc";

/** What the batcher hands to the SLC in one cast. */
export interface Batch {
  readonly adds: readonly Handle[];
  readonly removes: readonly Handle[];
}

/** The reply a waiting add_shape(:create) caller gets. */
export type AddReply = "pending" | "ok" | "cancelled";

export class RequestBatcher {
  private toRemove: Set<Handle>;
  private toAdd: Set<Handle>;
  private inflight: Set<Handle> | null;
  private inflightAdds: Set<Handle>;
  private alive: boolean;
  /** add_shape(:create) callers waiting for the SLC's ack (or for a cancelling removal). */
  readonly addWaiters: Map<Handle, AddReply>;

  constructor(src?: RequestBatcher) {
    this.toRemove = new Set(src?.toRemove);
    this.toAdd = new Set(src?.toAdd);
    this.inflight = src?.inflight ? new Set(src.inflight) : null;
    this.inflightAdds = new Set(src?.inflightAdds);
    this.alive = src?.alive ?? true;
    this.addWaiters = new Map(src?.addWaiters);
  }

  clone(): RequestBatcher {
    return new RequestBatcher(this);
  }

  /** GenServer.call remove_shape: record and reply :ok immediately. A dead batcher exits the caller. */
  removeShape(h: Handle): CallResult {
    if (!this.alive) return "noproc";
    // A pending add for the same handle is invalidated; its waiter gets an error.
    if (this.toAdd.delete(h)) this.addWaiters.set(h, "cancelled");
    this.toRemove.add(h);
    return "ok";
  }

  /** add_shape(:create): the caller waits for the SLC's ack. Cancels a pending removal of h. */
  addShape(h: Handle): CallResult {
    if (!this.alive) return "noproc";
    this.toRemove.delete(h);
    this.toAdd.add(h);
    this.addWaiters.set(h, "pending");
    return "ok";
  }

  canFlush(): boolean {
    return this.alive && this.inflight === null && (this.toRemove.size > 0 || this.toAdd.size > 0);
  }

  /** handle_continue(:maybe_schedule_update): hand the whole pending set to the SLC (a cast). */
  flush(): Batch {
    const removes = [...this.toRemove].sort((a, b) => a - b);
    const adds = [...this.toAdd].sort((a, b) => a - b);
    this.inflight = new Set(removes);
    this.inflightAdds = new Set(adds);
    this.toRemove = new Set();
    this.toAdd = new Set();
    return { adds, removes };
  }

  /** handle_processor_update_response: the SLC applied the batch; add waiters are answered. */
  ack(): void {
    for (const h of this.inflightAdds) if (this.addWaiters.get(h) === "pending") this.addWaiters.set(h, "ok");
    this.inflight = null;
    this.inflightAdds = new Set();
  }

  /** Dies with the SLC (ShapeLogCollector.Supervisor, one_for_all, max_restarts 0). */
  die(): void {
    this.alive = false;
    this.toRemove = new Set();
    this.toAdd = new Set();
    this.inflight = null;
    this.inflightAdds = new Set();
    for (const [h, r] of this.addWaiters) if (r === "pending") this.addWaiters.set(h, "cancelled");
  }

  restart(): void {
    this.alive = true;
    this.toRemove = new Set();
    this.toAdd = new Set();
    this.inflight = null;
    this.inflightAdds = new Set();
  }

  isAlive(): boolean {
    return this.alive;
  }

  hasPending(): boolean {
    return this.toRemove.size > 0 || this.toAdd.size > 0 || this.inflight !== null;
  }

  stateKey(): string {
    const s = (x: Iterable<Handle> | null): string => (x === null ? "-" : [...x].sort((a, b) => a - b).join("+"));
    return `${this.alive ? "" : "dead"}r${s(this.toRemove)}a${s(this.toAdd)}i${s(this.inflight)}/${s(this.inflightAdds)}`;
  }

  project(cells: Cells, H: number): void {
    for (let h = 0; h < H; h++) {
      cells.set(key1("pendingRemove", h), this.toRemove.has(h));
      cells.set(key1("batchRemove", h), this.inflight?.has(h) ?? false);
    }
  }
}
