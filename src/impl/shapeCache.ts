// ShapeCache (electric.md §3.5): start_consumer_for_handle is check-then-act: it reads
// ShapeStatus, and starts the consumer in a later step. ShapeCleaner does not go through
// ShapeCache, so a removal can land in between (§5b).
import type { Handle } from "../contract/vocabulary.ts";
import type { Cells } from "../contract/vocabulary.ts";

export interface CacheRequest {
  readonly h: Handle;
  readonly stage: "requested" | "checked";
}

export class ShapeCache {
  req: CacheRequest | null;

  constructor(src?: ShapeCache) {
    this.req = src?.req ?? null;
  }

  clone(): ShapeCache {
    return new ShapeCache(this);
  }

  isIdle(): boolean {
    return this.req === null;
  }

  /** The SLC's GenServer.call; the SLC blocks until the reply. */
  request(h: Handle): void {
    this.req = { h, stage: "requested" };
  }

  markChecked(): void {
    if (this.req === null) throw new Error("no request");
    this.req = { h: this.req.h, stage: "checked" };
  }

  reply(): void {
    this.req = null;
  }

  /** Restarted with the shape subsystem: the in-flight call is gone. */
  reset(): void {
    this.req = null;
  }

  stateKey(): string {
    return this.req === null ? "" : `${this.req.h}${this.req.stage[0] ?? ""}`;
  }

  project(cells: Cells): void {
    cells.set("sc", this.req === null ? "idle" : this.req.stage);
    cells.set("scHandle", this.req?.h ?? -1);
  }
}
