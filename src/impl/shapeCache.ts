// ShapeCache (electric.md §3.5): start_consumer_for_handle is check-then-act: it reads
// ShapeStatus, and starts the consumer in a later step. ShapeCleaner does not go through
// ShapeCache, so a removal can land in between (§5b). When the start fails (other than
// :no_shape), start_shape runs clean_shape, a synchronous ShapeCleaner.remove_shape, inside this
// process: the request stays open ("cleaning") until that chain finishes (§5i, Fix B only).
import type { ChainSlot, Handle } from "../contract/vocabulary.ts";
import type { Cells } from "../contract/vocabulary.ts";

export type CacheStage = "requested" | "checked" | "cleaning";

export interface CacheRequest {
  readonly h: Handle;
  readonly stage: CacheStage;
}

const STAGE_CODE: Readonly<Record<CacheStage, string>> = { requested: "r", checked: "k", cleaning: "c" };

export class ShapeCache {
  req: CacheRequest | null;
  /** The chain slot of the last clean_shape (-1: none yet). A record, like the crash cause: a
   * restart does not clear it; it names the hosted chain only while the stage is "cleaning". */
  lastClean: ChainSlot;

  constructor(src?: ShapeCache) {
    this.req = src?.req ?? null;
    this.lastClean = src?.lastClean ?? -1;
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

  /** The start failed: clean_shape runs chain k in this process; the reply waits for it. */
  startCleaning(k: ChainSlot): void {
    if (this.req?.stage !== "checked") throw new Error("clean_shape without a checked request");
    this.req = { h: this.req.h, stage: "cleaning" };
    this.lastClean = k;
  }

  /** The chain clean_shape is running, if any. */
  hostedChain(): ChainSlot | undefined {
    return this.req?.stage === "cleaning" ? this.lastClean : undefined;
  }

  reply(): void {
    this.req = null;
  }

  /** Restarted with the shape subsystem: the in-flight call is gone (lastClean stays). */
  reset(): void {
    this.req = null;
  }

  stateKey(): string {
    return `${this.req === null ? "" : `${this.req.h}${STAGE_CODE[this.req.stage]}`}/${this.lastClean}`;
  }

  project(cells: Cells): void {
    cells.set("sc", this.req === null ? "idle" : this.req.stage);
    cells.set("scHandle", this.req?.h ?? -1);
    cells.set("scChain", this.lastClean);
  }
}
