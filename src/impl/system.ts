// The whole system: every component, wired together. `enabled` lists the atomic steps each
// process can take now (one scheduling choice each), `apply` performs one, and `project` reads
// the contract cells back from the components' own state.
import type { Action, ActionParams, Bounds, ChainSlot, Handle, Outcome, Pid, Variant } from "../contract/vocabulary.ts";
import { range } from "../contract/vocabulary.ts";
import { variantConfig, type VariantConfig } from "./variant-config.ts";
import type { Cells } from "../contract/vocabulary.ts";
import { key2 } from "../contract/vocabulary.ts";
import { ShapeStatus } from "./shapeStatus.ts";
import { Storage } from "./storage.ts";
import { Consumers } from "./consumer.ts";
import type { ConsumerState } from "./consumer.ts";
import { RequestBatcher } from "./requestBatcher.ts";
import { ShapeLogCollector } from "./shapeLogCollector.ts";
import type { Resolution } from "./shapeLogCollector.ts";
import { ShapeCache } from "./shapeCache.ts";
import { ShapeCleaner } from "./shapeCleaner.ts";
import { ReplicationClient } from "./replicationClient.ts";
import { SupervisorLog } from "./supervisor.ts";
import type { Target } from "./consumerRegistry.ts";
import { broadcast } from "./consumerRegistry.ts";

export interface ShapeInit {
  readonly h: Handle;
  readonly status: "present" | "absent" | "tombstoned";
  readonly router: boolean;
  readonly storage: "absent" | "present" | "cleaned";
  /** A consumer that exists at the start, and whether the registry points at it. */
  readonly consumer: { readonly state: ConsumerState; readonly registered: boolean } | null;
}

export interface EnvActions {
  readonly suspend: boolean;
  readonly crash: boolean;
  readonly selfClean: boolean;
  readonly kill: boolean;
  /** The SLC dies for a reason other than send(nil): start_consumer! raising on another error,
   * a ShapeCache call timing out (electric.md §4 "Residual SLC-crash paths"). */
  readonly slcFail?: boolean;
}

export interface SystemInit {
  readonly variant: Variant;
  readonly bounds: Bounds;
  readonly shapes: readonly ShapeInit[];
  /** touches[t][h]: transaction t matches shape h. */
  readonly touches: readonly (readonly boolean[])[];
  /** Removal requests (API DELETE, expiry, …): shape h, cleaner chain slot k. */
  readonly removals: readonly { readonly h: Handle; readonly k: ChainSlot }[];
  readonly env: EnvActions;
}

export interface StepResult {
  readonly outcome: Outcome;
}

export class System {
  readonly cfg: VariantConfig;
  status: ShapeStatus;
  storage: Storage;
  consumers: Consumers;
  batcher: RequestBatcher;
  slc: ShapeLogCollector;
  cache: ShapeCache;
  cleaner: ShapeCleaner;
  replication: ReplicationClient;
  supervisor: SupervisorLog;
  /** Ghost: a live consumer received an event while its shape's status was not present. */
  orphanDelivery: boolean;

  private constructor(readonly init: SystemInit, src?: System) {
    this.cfg = variantConfig(init.variant);
    const b = init.bounds;
    if (src) {
      this.status = src.status.clone();
      this.storage = src.storage.clone();
      this.consumers = src.consumers.clone();
      this.batcher = src.batcher.clone();
      this.slc = src.slc.clone();
      this.cache = src.cache.clone();
      this.cleaner = src.cleaner.clone();
      this.replication = src.replication.clone();
      this.supervisor = src.supervisor.clone();
      this.orphanDelivery = src.orphanDelivery;
      return;
    }
    this.status = new ShapeStatus(this.cfg.tombstones);
    this.storage = new Storage();
    this.consumers = new Consumers(b.C);
    this.batcher = new RequestBatcher();
    this.slc = new ShapeLogCollector();
    this.cache = new ShapeCache();
    this.cleaner = new ShapeCleaner(b.K);
    this.replication = new ReplicationClient(b.T);
    this.supervisor = new SupervisorLog();
    this.orphanDelivery = false;
    for (const s of [...init.shapes].sort((x, y) => x.h - y.h)) {
      if (s.status !== "absent") {
        this.status.addShape(s.h);
        if (s.status === "tombstoned") this.status.removeShape(s.h);
      }
      if (s.router) this.slc.router.addShape(s.h);
      if (s.storage === "present") this.storage.openOrCreate(s.h);
      else if (s.storage === "cleaned") this.storage.cleanup(s.h);
      if (s.consumer) {
        const pid = this.consumers.start(s.h, s.consumer.state);
        if (s.consumer.registered) this.slc.registry.register(s.h, pid);
      }
    }
  }

  static create(init: SystemInit): System {
    return new System(init);
  }

  clone(): System {
    return new System(this.init, this);
  }

  get bounds(): Bounds {
    return this.init.bounds;
  }

  // ---- reading the state back ---------------------------------------------------------------

  project(): Cells {
    const { H, C, K, T } = this.init.bounds;
    const cells: Cells = new Map();
    this.status.project(cells, H);
    this.slc.project(cells, H); // router, registry, removeNow, pubState, pubConsumer, mbox, slc, pubTxn
    this.storage.project(cells, H);
    this.batcher.project(cells, H);
    for (const t of range(T)) for (const h of range(H)) cells.set(key2("touches", t, h), this.touches(t, h));
    this.consumers.project(cells, C);
    this.cleaner.project(cells, K);
    this.cache.project(cells);
    this.replication.project(cells);
    this.supervisor.project(cells);
    cells.set("orphanDelivery", this.orphanDelivery);
    return cells;
  }

  /** The whole internal state as a compact string: equal keys ⇒ equal futures. The explorer
   * hashes states with it (the contract projection is a function of it). Ghost history that
   * does not affect the future (the undeliverable log, re-creation counts) is left out; the
   * last publish's undeliverable handles are in (they are a contract cell). */
  stateKey(): string {
    return `${this.status.stateKey()}#${this.slc.stateKey()}#${this.storage.stateKey()}#${this.batcher.stateKey()}#${this.consumers.stateKey()}#${this.cleaner.stateKey()}#${this.cache.stateKey()}#${this.replication.stateKey()}#${this.supervisor.stateKey()}#${this.orphanDelivery ? 1 : 0}`;
  }

  touches(t: number, h: Handle): boolean {
    return this.init.touches[t]?.[h] ?? false;
  }

  // ---- what can happen next -----------------------------------------------------------------

  enabled(): Action[] {
    const out: Action[] = [];
    const { cfg } = this;
    const push = (label: Action["label"], process: string, params: ActionParams = {}): void => {
      out.push({ label, process, params });
    };
    // api: scenario removal requests, each once (its slot is still unused).
    for (const r of this.init.removals) if (this.cleaner.isIdle(r.k)) push("RemoveShape", "api", { h: r.h, k: r.k });
    // cleaner chains
    for (let k = 0; k < this.init.bounds.K; k++) {
      const ch = this.cleaner.get(k);
      if (ch === null) continue;
      const p = `cleaner:${k}`;
      switch (ch.pc) {
        case "routerRemove":
          // The request is a cast; while the SLC is down the task retries until it is back.
          if (this.slc.isUp()) push("CleanerRouterRemove", p, { k });
          break;
        case "routerWait":
          if (!this.slc.removeNow.has(ch.h)) push("CleanerRouterAck", p, { k });
          break;
        case "status": push("CleanerStatus", p, { k }); break;
        case "stop": {
          // The {:stop} call queues behind a starting consumer's {:initialize_shape}.
          const pid = this.slc.registry.whereis(ch.h);
          if (pid === undefined || this.consumers.get(pid)?.state !== "starting") push("CleanerStop", p, { k });
          break;
        }
        case "storage": push("CleanerStorage", p, { k }); break;
        case "slcRemove": push("CleanerSlcRemove", p, { k }); break;
        default: break;
      }
    }
    if (this.batcher.canFlush()) push("BatcherFlush", "batcher");
    // the SLC
    const slc = this.slc;
    const head = slc.head();
    if (slc.mode === "idle" && head?.kind === "batch") push("SlcApplyBatch", "slc");
    if (cfg.routerFirst && slc.mode === "idle") for (const h of [...slc.removeNow].sort((a, b) => a - b)) push("SlcRemoveNow", "slc", { h });
    if (this.replication.canSend() && slc.isUp()) push("TxnArrive", "replication", { t: this.replication.nextTxn });
    if (slc.mode === "idle" && head?.kind === "event" && (!cfg.routerFirst || slc.removeNow.size === 0)) push("SlcRoute", "slc");
    if (slc.mode === "publishing") {
      const h = slc.nextToResolve();
      if (h !== undefined) {
        if (slc.registry.whereis(h) !== undefined) push("SlcResolveRegistered", "slc", { h });
        else if (this.cache.isIdle()) push("SlcResolveAsk", "slc", { h });
      }
    }
    // ShapeCache
    const req = this.cache.req;
    if (req !== null && req.stage === "requested") {
      const f = this.status.fetchShapeByHandle(req.h);
      push(f === "ok" ? "CacheCheckOk" : f === "removing" ? "CacheCheckRemoving" : "CacheCheckNoShape", "shapecache");
    }
    if (req !== null && req.stage === "checked" && (this.slc.registry.whereis(req.h) !== undefined || this.consumers.canStart())) push("CacheStart", "shapecache");
    // consumers initialising
    for (const c of this.consumers.all()) if (c.state === "starting") push("ConsumerInit", `consumer:${c.pid}`, { c: c.pid });
    // the end of a publish: broadcast, or the send(nil) crash
    if (slc.mode === "publishing" && slc.allResolved()) {
      const res = this.broadcastResult();
      if (res.kind === "crash") push("SlcCrash", "slc");
      else if (res.delivered.every((t) => t.pid === null || this.consumers.get(t.pid)?.state !== "starting")) push("SlcBroadcast", "slc");
    }
    if (slc.mode === "down") push("SlcRestart", "supervisor");
    if (this.init.env.slcFail === true && slc.isUp()) push("SlcFail", "slc");
    // environment
    const env = this.init.env;
    const envSlot = this.freeEnvSlot();
    for (const c of this.consumers.all()) {
      const p = `consumer:${c.pid}`;
      if (c.state === "running") {
        if (env.suspend) push("ConsumerSuspend", p, { c: c.pid });
        if (env.crash && envSlot !== undefined) push("ConsumerCrash", p, { c: c.pid, k: envSlot });
        if (env.selfClean && envSlot !== undefined) push("ConsumerSelfClean", p, { c: c.pid, k: envSlot });
      }
      if (env.kill && (c.state === "running" || c.state === "starting")) push("ConsumerKill", p, { c: c.pid });
    }
    return out;
  }

  /** Chains started by a consumer's terminate take the lowest idle slot (a scenario removal
   * whose slot is taken can no longer start: each slot is used at most once). */
  private freeEnvSlot(): ChainSlot | undefined {
    for (let k = 0; k < this.init.bounds.K; k++) if (this.cleaner.isIdle(k)) return k;
    return undefined;
  }

  private targets(): Target[] {
    const pub = this.slc.pub;
    if (pub === null) return [];
    const out: Target[] = [];
    for (const [h, r] of [...pub.res.entries()].sort((a, b) => a[0] - b[0])) {
      if (r.kind === "pid") out.push({ h, pid: r.pid });
      else if (r.kind === "nil") out.push({ h, pid: null });
    }
    return out;
  }

  private broadcastResult(): ReturnType<typeof broadcast> {
    return broadcast(this.targets(), this.cfg, (pid) => this.consumers.isAlive(pid));
  }

  // ---- doing it ------------------------------------------------------------------------------

  /** Perform one enabled action. Throws on an action that is not enabled (a scheduler bug). */
  apply(a: Action): StepResult {
    const p = a.params;
    const need = (v: number | undefined, n: string): number => {
      if (v === undefined) throw new Error(`${a.label}: missing parameter ${n}`);
      return v;
    };
    switch (a.label) {
      case "RemoveShape":
        this.cleaner.start(need(p.k, "k"), need(p.h, "h"), this.cfg.routerFirst);
        return OK;
      case "CleanerRouterRemove": {
        const k = need(p.k, "k");
        const r = this.slc.requestRemoveNow(this.chain(k).h);
        this.cleaner.set(k, r === "ok" ? "routerWait" : "aborted");
        return OK;
      }
      case "CleanerRouterAck": {
        // The SLC no longer holds the request. If it still routes h, the request was lost to a
        // collector restart (which rebuilt the router from ShapeStatus, where h is still present):
        // issue it again rather than open the window. Found by the differential test against
        // the Lean table; the first version went straight to `status`.
        const k = need(p.k, "k");
        this.cleaner.set(k, this.slc.router.has(this.chain(k).h) ? "routerRemove" : "status");
        return OK;
      }
      case "CleanerStatus": {
        const k = need(p.k, "k");
        const r = this.status.removeShape(this.chain(k).h);
        // Already gone: HEAD re-issues the idempotent SLC removal; older versions give up.
        this.cleaner.set(k, r.ok ? "stop" : this.cfg.reissueWhenGone ? "slcRemove" : "aborted");
        return OK;
      }
      case "CleanerStop": {
        const k = need(p.k, "k");
        this.consumers.stop(this.slc.registry.whereis(this.chain(k).h));
        this.cleaner.set(k, "storage");
        return OK;
      }
      case "CleanerStorage": {
        const k = need(p.k, "k");
        this.storage.cleanup(this.chain(k).h);
        this.cleaner.set(k, this.cfg.routerFirst ? "done" : "slcRemove");
        return OK;
      }
      case "CleanerSlcRemove": {
        const k = need(p.k, "k");
        // A dead batcher (SLC subsystem down) exits the call: the chain fails, harmlessly,
        // since the router is rebuilt from ShapeStatus on restart.
        const r = this.batcher.removeShape(this.chain(k).h);
        this.cleaner.set(k, r === "ok" ? "done" : "aborted");
        return OK;
      }
      case "BatcherFlush": {
        const batch = this.batcher.flush();
        this.slc.deliver({ kind: "batch", adds: batch.adds, removes: batch.removes });
        return OK;
      }
      case "SlcApplyBatch": {
        const { removes } = this.slc.takeBatch();
        if (this.cfg.tombstones) for (const h of removes) this.status.clearTombstone(h);
        this.batcher.ack();
        return OK;
      }
      case "SlcRemoveNow": {
        const h = need(p.h, "h");
        this.slc.removeSubscription(h);
        this.slc.removeNow.delete(h);
        return OK;
      }
      case "TxnArrive": {
        const t = this.replication.send();
        this.slc.deliver({ kind: "event", txn: t });
        return OK;
      }
      case "SlcRoute": {
        const head = this.slc.head();
        if (head?.kind !== "event") throw new Error("SlcRoute without an event");
        const t = head.txn;
        this.slc.route((h) => this.touches(t, h) && !(this.cfg.tombstones && this.status.isTombstoned(h)));
        return OK;
      }
      case "SlcResolveRegistered": {
        const h = need(p.h, "h");
        const pid = this.slc.registry.whereis(h);
        if (pid === undefined) throw new Error("no registry entry");
        this.slc.setResolution(h, { kind: "pid", pid });
        return OK;
      }
      case "SlcResolveAsk": {
        const h = need(p.h, "h");
        this.cache.request(h);
        this.slc.setResolution(h, { kind: "asking" });
        return OK;
      }
      case "CacheCheckOk":
        this.cache.markChecked();
        return OK;
      case "CacheCheckNoShape":
        return this.cacheReply({ kind: "nil" });
      case "CacheCheckRemoving":
        return this.cacheReply({ kind: "skipped" });
      case "CacheStart": {
        const req = this.cache.req;
        if (req === null) throw new Error("CacheStart without a request");
        // restore_shape_and_dependencies reuses a registered pid, dead or alive.
        let pid: Pid | undefined = this.slc.registry.whereis(req.h);
        if (pid === undefined) {
          pid = this.consumers.start(req.h);
          this.slc.registry.register(req.h, pid); // {:via, ConsumerRegistry, …} in init
        }
        return this.cacheReply({ kind: "pid", pid });
      }
      case "ConsumerInit": {
        const h = this.consumers.initialise(need(p.c, "c"));
        this.storage.openOrCreate(h);
        return OK;
      }
      case "SlcBroadcast": {
        const res = this.broadcastResult();
        if (res.kind !== "ok") throw new Error("SlcBroadcast on a crashing publish");
        const txn = this.slc.pub?.txn ?? -1;
        for (const t of res.delivered) {
          if (t.pid === null) continue;
          const owner = this.consumers.get(t.pid)?.owner;
          if (owner !== undefined && this.status.fetchShapeByHandle(owner) !== "ok") this.orphanDelivery = true;
          this.consumers.handleEvent(t.pid, txn);
        }
        this.slc.finishPublish(res.undeliverable);
        this.replication.acked();
        return OK;
      }
      case "SlcCrash":
        this.crashSubsystem("sendNil");
        return { outcome: "crash" };
      case "SlcRestart":
        this.restartSubsystem();
        return OK;
      case "SlcFail":
        this.crashSubsystem("external");
        return { outcome: "crash" };
      case "ConsumerSuspend": {
        const h = this.consumers.exit(need(p.c, "c"), "dead_suspend");
        // handle_writer_termination(:suspend): only the registry entry goes.
        this.slc.registry.removeConsumer(h);
        return OK;
      }
      case "ConsumerCrash": {
        const h = this.consumers.exit(need(p.c, "c"), "dead_crash");
        this.cleaner.start(need(p.k, "k"), h, this.cfg.routerFirst); // remove_shape_async
        return OK;
      }
      case "ConsumerSelfClean": {
        const h = this.consumers.exit(need(p.c, "c"), "dead_cleanup");
        this.cleaner.start(need(p.k, "k"), h, this.cfg.routerFirst);
        return OK;
      }
      case "ConsumerKill":
        this.consumers.exit(need(p.c, "c"), "dead_killed"); // terminate never runs: no chain
        return OK;
    }
  }

  private chain(k: ChainSlot): { readonly h: Handle } {
    const c = this.cleaner.get(k);
    if (c === null) throw new Error(`chain ${k} idle`);
    return c;
  }

  private cacheReply(r: Resolution): StepResult {
    const req = this.cache.req;
    if (req === null) throw new Error("no ShapeCache request");
    this.slc.setResolution(req.h, r);
    this.cache.reply();
    return OK;
  }

  /** The SLC dies: its supervisor gives up, Shapes.Supervisor takes every consumer and the
   * ShapeCache down with it. */
  private crashSubsystem(cause: "sendNil" | "external"): void {
    this.slc.crash();
    this.batcher.die();
    this.cache.reset();
    this.consumers.shutdownAll();
    this.supervisor.record(cause);
  }

  /** Shapes.Supervisor restarts the subsystem: the router is rebuilt from ShapeStatus and the
   * replication client retries its un-acked event. */
  private restartSubsystem(): void {
    // FixC: the rebuilt router leaves tombstoned shapes out, which is the SLC-side removal the
    // tombstone was waiting for; nothing else would clear it once the batch was lost.
    if (this.cfg.tombstones) for (let h = 0; h < this.init.bounds.H; h++) this.status.clearTombstone(h);
    this.slc.restart(this.status.listShapes());
    this.batcher.restart();
    this.cache.reset();
    if (this.replication.unacked !== -1) this.slc.deliver({ kind: "event", txn: this.replication.unacked });
  }

  /** True when nothing is in progress anywhere (property I4's premise). */
  quiescent(): boolean {
    return !this.cleaner.anyActive() && !this.batcher.hasPending() && this.slc.mode === "idle"
      && this.slc.mailbox.length === 0 && this.slc.removeNow.size === 0 && this.cache.isIdle()
      && this.replication.unacked === -1;
  }

  /** The SLC is blocked on ShapeCache, which cannot start a consumer because the bound C is used up. */
  boundLimited(): boolean {
    const req = this.cache.req;
    return req !== null && req.stage === "checked" && !this.consumers.canStart() && this.slc.registry.whereis(req.h) === undefined;
  }
}

const OK: StepResult = { outcome: "ok" };
