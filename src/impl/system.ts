// The whole system: every component, wired together. `enabled` lists the atomic steps each
// process can take now (one scheduling choice each), `apply` performs one (both delegate to the
// step groups in steps/), and `project` reads the contract cells back from the components' own
// state.
import type { Action, Bounds, ChainSlot, Handle, Variant } from "../contract/vocabulary.ts";
import { range } from "../contract/vocabulary.ts";
import { tombstoneKind, variantConfig, type VariantConfig } from "./variant-config.ts";
import type { Cells } from "../contract/vocabulary.ts";
import { key2 } from "../contract/vocabulary.ts";
import { ShapeStatus } from "./shapeStatus.ts";
import { Storage } from "./storage.ts";
import { Consumers } from "./consumer.ts";
import type { ConsumerState } from "./consumer.ts";
import { RequestBatcher } from "./requestBatcher.ts";
import { ShapeLogCollector } from "./shapeLogCollector.ts";
import { ShapeCache } from "./shapeCache.ts";
import { ShapeCleaner } from "./shapeCleaner.ts";
import { ReplicationClient } from "./replicationClient.ts";
import { SupervisorLog } from "./supervisor.ts";
import { applyBatching, offerBatching } from "./steps/batching.ts";
import { applyConsumer, offerConsumerEnvironment, offerConsumerInit } from "./steps/consumers.ts";
import { applyPublish, offerPublishEnd, offerPublishSteps } from "./steps/publish.ts";
import { applyRemoval, offerRemoval } from "./steps/removal.ts";
import type { Offer, StepResult } from "./steps/step.ts";
import { applySupervision, offerSupervision } from "./steps/supervision.ts";

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
  /** A consumer start fails for a reason other than :no_shape, so ShapeCache runs clean_shape
   * itself (electric.md §3.5, §5i; modelled for Fix B only, `startFailureClean`). */
  readonly startFail?: boolean;
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

export type { StepResult } from "./steps/step.ts";

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
    this.status = new ShapeStatus(tombstoneKind(this.cfg));
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
        if (s.status === "tombstoned") this.status.tombstone(s.h); // the loader allows it only where tombstones exist
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

  // ---- what can happen next, and doing it ----------------------------------------------------
  // Each group of steps (steps/*.ts) keeps every action's guard next to its effect; the order in
  // which the groups offer their actions is part of the scheduler's contract (seeded choices
  // index into this list), so it stays fixed here.

  enabled(): Action[] {
    const out: Action[] = [];
    const offer: Offer = (label, process, params = {}) => {
      out.push({ label, process, params });
    };
    offerRemoval(this, offer);
    offerBatching(this, offer);
    offerPublishSteps(this, offer);
    offerConsumerInit(this, offer);
    offerPublishEnd(this, offer);
    offerSupervision(this, offer);
    offerConsumerEnvironment(this, offer);
    return out;
  }

  /** Perform one enabled action. Throws on an action that is not enabled (a scheduler bug). */
  apply(a: Action): StepResult {
    const label = a.label;
    switch (label) {
      case "RemoveShape": case "CleanerRouterRemove": case "CleanerRouterAck": case "CleanerStatus":
      case "CleanerStop": case "CleanerStorage": case "CleanerSlcRemove":
        return applyRemoval(this, a, label);
      case "BatcherFlush": case "SlcApplyBatch": case "SlcRemoveNow":
        return applyBatching(this, a, label);
      case "TxnArrive": case "SlcRoute": case "SlcResolveRegistered": case "SlcResolveAsk": case "CacheCheckOk":
      case "CacheCheckNoShape": case "CacheCheckRemoving": case "CacheStart": case "CacheStartRaise":
      case "CacheStartFail": case "CacheCleanReturn": case "SlcBroadcast": case "SlcCrash":
        return applyPublish(this, a, label);
      case "SlcRestart": case "SlcFail":
        return applySupervision(this, a, label);
      case "ConsumerInit": case "ConsumerSuspend": case "ConsumerCrash": case "ConsumerSelfClean": case "ConsumerKill":
        return applyConsumer(this, a, label);
    }
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

