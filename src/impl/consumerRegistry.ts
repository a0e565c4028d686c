// ConsumerRegistry (electric.md §3.4): the handle → pid ETS table owned by the SLC, plus the
// version-specific publish/broadcast logic that runs inside the SLC process.
import type { Handle, Pid } from "../contract/vocabulary.ts";
import type { VariantConfig } from "./variant-config.ts";
import type { Cells } from "../contract/vocabulary.ts";
import { key1 } from "../contract/vocabulary.ts";

export class ConsumerRegistry {
  private readonly table: Map<Handle, Pid>;

  constructor(table?: Map<Handle, Pid>) {
    this.table = new Map(table);
  }

  clone(): ConsumerRegistry {
    return new ConsumerRegistry(this.table);
  }

  /** consumer_pid / whereis: the entry may point at a dead consumer (unregister is a no-op). */
  whereis(h: Handle): Pid | undefined {
    return this.table.get(h);
  }

  /** Registration is :ets.insert_new: it fails when an entry already exists. */
  register(h: Handle, pid: Pid): boolean {
    if (this.table.has(h)) return false;
    this.table.set(h, pid);
    return true;
  }

  /** Deleted only by the SLC's remove_subscription, a suspend, or the suspended-retry path. */
  removeConsumer(h: Handle): void {
    this.table.delete(h);
  }

  /** The table dies with the SLC. */
  clear(): void {
    this.table.clear();
  }

  stateKey(): string {
    return [...this.table.entries()].sort((a, b) => a[0] - b[0]).map(([h, p]) => `${h}>${p}`).join(",");
  }

  project(cells: Cells, H: number): void {
    for (let h = 0; h < H; h++) cells.set(key1("registry", h), this.table.get(h) ?? -1);
  }
}

/** One routed handle after resolution: the pid (dead or alive), or nil from {:error, :no_shape}. */
export interface Target {
  readonly h: Handle;
  readonly pid: Pid | null;
}

export type UndeliverableReason = "no_shape" | "noproc";

export type BroadcastResult =
  | { readonly kind: "crash"; readonly cause: "sendNil" }
  | {
      readonly kind: "ok";
      readonly delivered: readonly Target[];
      /** Recorded only where the version tracks it (HEAD); earlier versions drop these silently. */
      readonly undeliverable: readonly { readonly h: Handle; readonly reason: UndeliverableReason }[];
    };

/**
 * publish → (resolve_and_broadcast) → broadcast, for already-resolved targets.
 * PreFix: `Process.monitor(nil)` succeeds but `send(nil, …)` raises → the SLC crashes.
 * 1.3.3 (FixA): broadcast rejects nil pids. HEAD (FixA2): nil becomes {:publish, :no_shape}
 * undeliverable before broadcast, and a DOWN (:noproc for a stale dead pid) is reported.
 */
export function broadcast(targets: readonly Target[], cfg: VariantConfig, isAlive: (pid: Pid) => boolean): BroadcastResult {
  const delivered: Target[] = [];
  const undeliverable: { h: Handle; reason: UndeliverableReason }[] = [];
  let toSend: readonly Target[] = targets;
  if (cfg.nilPolicy === "undeliverable") {
    for (const t of targets) if (t.pid === null) undeliverable.push({ h: t.h, reason: "no_shape" });
  }
  if (cfg.nilPolicy !== "send") toSend = targets.filter((t) => t.pid !== null);
  for (const t of toSend) {
    if (t.pid === null) return { kind: "crash", cause: "sendNil" };
    if (isAlive(t.pid)) delivered.push(t);
    else if (cfg.nilPolicy === "undeliverable") undeliverable.push({ h: t.h, reason: "noproc" });
    // Pre-HEAD: a DOWN that is not a suspend is dropped without a word.
  }
  return { kind: "ok", delivered, undeliverable };
}
