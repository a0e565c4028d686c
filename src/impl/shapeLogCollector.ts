// ShapeLogCollector (electric.md §3.6): one mailbox, messages handled one at a time in arrival
// order. It owns the EventRouter and the ConsumerRegistry table; both die with it.
import type { Handle, Pid, TxnId } from "../contract/vocabulary.ts";
import type { Cells } from "../contract/vocabulary.ts";
import { key1 } from "../contract/vocabulary.ts";
import { EventRouter } from "./eventRouter.ts";
import { ConsumerRegistry } from "./consumerRegistry.ts";
import type { UndeliverableReason } from "./consumerRegistry.ts";

export type Msg = { readonly kind: "event"; readonly txn: TxnId } | { readonly kind: "batch"; readonly adds: readonly Handle[]; readonly removes: readonly Handle[] };

/** Per routed handle during a publish. `asking` = blocked in start_consumer_for_handle. */
export type Resolution =
  | { readonly kind: "pending" }
  | { readonly kind: "asking" }
  | { readonly kind: "nil" }
  | { readonly kind: "pid"; readonly pid: Pid }
  | { readonly kind: "skipped" };

export interface Publish {
  readonly txn: TxnId;
  readonly res: Map<Handle, Resolution>;
}

export type SlcMode = "idle" | "publishing" | "down";

export class ShapeLogCollector {
  mailbox: Msg[];
  mode: SlcMode;
  pub: Publish | null;
  /** Fix B / SerializedRemoval: non-blocking "remove from router now" requests, served while the
   * SLC is idle (Fix B: before the next event). */
  removeNow: Set<Handle>;
  router: EventRouter;
  registry: ConsumerRegistry;
  /** HEAD only: what publish reported as undeliverable (history, not part of the state hash). */
  undeliverable: { h: Handle; txn: TxnId; reason: UndeliverableReason }[];
  /** The undeliverable handles of the last completed publish (the contract's `undeliverable[h]`);
   * only HEAD's publish reports any. A record of what happened, like the crash cause: it
   * outlives a crash of the process. */
  lastUndeliverable: Map<Handle, UndeliverableReason>;

  constructor(src?: ShapeLogCollector) {
    this.mailbox = src ? [...src.mailbox] : [];
    this.mode = src?.mode ?? "idle";
    this.pub = src?.pub ? { txn: src.pub.txn, res: new Map(src.pub.res) } : null;
    this.removeNow = new Set(src?.removeNow);
    this.router = src ? src.router.clone() : new EventRouter();
    this.registry = src ? src.registry.clone() : new ConsumerRegistry();
    this.undeliverable = src ? [...src.undeliverable] : [];
    this.lastUndeliverable = new Map(src?.lastUndeliverable);
  }

  clone(): ShapeLogCollector {
    return new ShapeLogCollector(this);
  }

  isUp(): boolean {
    return this.mode !== "down";
  }

  /** A message arrives (handle_event call from replication, or the batcher's cast). */
  deliver(msg: Msg): "ok" | "noproc" {
    if (this.mode === "down") return "noproc";
    this.mailbox.push(msg);
    return "ok";
  }

  /** Fix B / SerializedRemoval: cast "remove h from the router now". */
  requestRemoveNow(h: Handle): "ok" | "noproc" {
    if (this.mode === "down") return "noproc";
    this.removeNow.add(h);
    return "ok";
  }

  head(): Msg | undefined {
    return this.mailbox[0];
  }

  /** Take the head transaction and route it; `eligible` filters matching handles. */
  route(matches: (h: Handle) => boolean): TxnId {
    const msg = this.mailbox.shift();
    if (msg === undefined || msg.kind !== "event") throw new Error("route: no event at the head");
    const handles = this.router.route(matches);
    this.pub = { txn: msg.txn, res: new Map(handles.map((h) => [h, { kind: "pending" } as Resolution])) };
    this.mode = "publishing";
    return msg.txn;
  }

  /** The handle publish resolves next: handles are mapped in order, one at a time. */
  nextToResolve(): Handle | undefined {
    if (this.pub === null) return undefined;
    for (const [h, r] of [...this.pub.res.entries()].sort((a, b) => a[0] - b[0])) {
      if (r.kind === "asking") return undefined; // blocked in a GenServer.call
      if (r.kind === "pending") return h;
    }
    return undefined;
  }

  askingFor(): Handle | undefined {
    if (this.pub === null) return undefined;
    for (const [h, r] of this.pub.res) if (r.kind === "asking") return h;
    return undefined;
  }

  setResolution(h: Handle, r: Resolution): void {
    if (this.pub === null) throw new Error("no publish in progress");
    this.pub.res.set(h, r);
  }

  allResolved(): boolean {
    if (this.pub === null) return false;
    for (const r of this.pub.res.values()) if (r.kind === "pending" || r.kind === "asking") return false;
    return true;
  }

  /** Publish done: its undeliverable handles replace the previous publish's; the SLC replies
   * :ok to the replication client and is free again. */
  finishPublish(undeliverable: readonly { readonly h: Handle; readonly reason: UndeliverableReason }[] = []): void {
    if (this.pub !== null) for (const u of undeliverable) this.undeliverable.push({ h: u.h, txn: this.pub.txn, reason: u.reason });
    this.lastUndeliverable = new Map(undeliverable.map((u) => [u.h, u.reason]));
    this.pub = null;
    this.mode = "idle";
  }

  /** handle_shape_registration_updates: all removals first, then all adds; the caller acks.
   * remove_subscription deletes the router entry and the registry entry; it does not stop the
   * consumer. Removing an unknown handle is harmless. */
  takeBatch(): { readonly adds: readonly Handle[]; readonly removes: readonly Handle[] } {
    const msg = this.mailbox.shift();
    if (msg === undefined || msg.kind !== "batch") throw new Error("apply batch: no batch at the head");
    for (const h of msg.removes) this.removeSubscription(h);
    for (const h of msg.adds) this.router.addShape(h);
    return msg;
  }

  removeSubscription(h: Handle): void {
    this.router.removeShape(h);
    this.registry.removeConsumer(h);
  }

  /** SerializedRemoval's "remove now": only the route goes. The registry entry stays so the
   * chain's Consumer.stop still finds the consumer; the batched removal deletes it. */
  removeRoute(h: Handle): void {
    this.router.removeShape(h);
  }

  /** The process dies: mailbox, publish state and the registry table are lost. */
  crash(): void {
    this.mode = "down";
    this.mailbox = [];
    this.pub = null;
    this.removeNow = new Set();
    this.registry.clear();
  }

  /** Restarted: the router is rebuilt from ShapeStatus (restore_shapes). */
  restart(shapes: readonly Handle[]): void {
    this.mode = "idle";
    this.router = new EventRouter(shapes);
    this.registry = new ConsumerRegistry();
  }

  project(cells: Cells, H: number): void {
    this.router.project(cells, H);
    this.registry.project(cells, H);
    for (let h = 0; h < H; h++) {
      cells.set(key1("removeNow", h), this.removeNow.has(h));
      const r = this.pub?.res.get(h);
      let st: string = "none";
      let pc: number = -1;
      if (r !== undefined) {
        if (r.kind === "pending" || r.kind === "asking") st = "pending";
        else if (r.kind === "nil") st = "nil";
        else if (r.kind === "skipped") st = "skipped";
        else { st = "consumer"; pc = r.pid; }
      }
      cells.set(key1("pubState", h), st);
      cells.set(key1("pubConsumer", h), pc);
      cells.set(key1("undeliverable", h), this.lastUndeliverable.get(h) ?? "none");
    }
    cells.set("mbox", this.mailbox.map((m) => (m.kind === "event" ? "E" : "B")).join("") || "empty");
    cells.set("slc", this.mode);
    cells.set("pubTxn", this.pub?.txn ?? -1);
  }

  stateKey(): string {
    const res = this.pub ? [...this.pub.res.entries()].map(([h, r]) => `${h}=${r.kind}${r.kind === "pid" ? r.pid : ""}`).join(";") : "";
    const und = [...this.lastUndeliverable.entries()].sort((a, b) => a[0] - b[0]).map(([h, r]) => `${h}${r}`).join(",");
    return `${und}/${this.mode[0] ?? ""}${[...this.removeNow].sort((a, b) => a - b).join("+")}|${this.pub?.txn ?? ""}|${this.router.stateKey()}|${this.registry.stateKey()}|${this.mailbox.map((m) => (m.kind === "event" ? `E${m.txn}` : `B${m.removes.join("+")}/${m.adds.join("+")}`)).join("")}|${res}`;
  }
}
