// A transaction's way through the collector: arrival, routing, resolving each routed shape to a
// consumer (ConsumerRegistry, else ShapeCache's check-then-start), and the broadcast or the
// send(nil) crash at its end. Each step's guard next to its effect. In Fix B a start can also
// fail otherwise: ShapeCache then runs the removal chain itself (clean_shape) before it replies.
import type { Action, Pid } from "../../contract/vocabulary.ts";
import type { System } from "../system.ts";
import { broadcast, type Target } from "../consumerRegistry.ts";
import type { Resolution } from "../shapeLogCollector.ts";
import { requestsCollectorFirst } from "../variant-config.ts";
import { CRASH, OK, param, type Offer, type StepResult } from "./step.ts";
import { crashSubsystem } from "./supervision.ts";

function targets(sys: System): Target[] {
  const pub = sys.slc.pub;
  if (pub === null) return [];
  const out: Target[] = [];
  for (const [h, r] of [...pub.res.entries()].sort((a, b) => a[0] - b[0])) {
    if (r.kind === "pid") out.push({ h, pid: r.pid });
    else if (r.kind === "nil") out.push({ h, pid: null });
  }
  return out;
}

function broadcastResult(sys: System): ReturnType<typeof broadcast> {
  return broadcast(targets(sys), sys.cfg, (pid) => sys.consumers.isAlive(pid));
}

function cacheReply(sys: System, r: Resolution): StepResult {
  const req = sys.cache.req;
  if (req === null) throw new Error("no ShapeCache request");
  sys.slc.setResolution(req.h, r);
  sys.cache.reply();
  return OK;
}

/** Arrival, routing, resolution and ShapeCache's answers. */
export function offerPublishSteps(sys: System, offer: Offer): void {
  const slc = sys.slc;
  const head = slc.head();
  if (sys.replication.canSend() && slc.isUp()) offer("TxnArrive", "replication", { t: sys.replication.nextTxn });
  if (slc.mode === "idle" && head?.kind === "event" && (sys.cfg.removal !== "routerFirst" || slc.removeNow.size === 0)) offer("SlcRoute", "slc");
  if (slc.mode === "publishing") {
    const h = slc.nextToResolve();
    if (h !== undefined) {
      if (slc.registry.whereis(h) !== undefined) offer("SlcResolveRegistered", "slc", { h });
      else if (sys.cache.isIdle()) offer("SlcResolveAsk", "slc", { h });
    }
  }
  const req = sys.cache.req;
  if (req !== null && req.stage === "requested") {
    const f = sys.status.fetchShapeByHandle(req.h);
    offer(f === "ok" ? "CacheCheckOk" : f === "removing" ? "CacheCheckRemoving" : "CacheCheckNoShape", "shapecache");
  }
  if (req !== null && req.stage === "checked") {
    if (slc.registry.whereis(req.h) !== undefined) offer("CacheStart", "shapecache");
    else if (sys.cfg.consumerStart === "recheck" && sys.status.fetchShapeByHandle(req.h) !== "ok") {
      // Consumer.init's `{:ok, shape} = fetch_shape_by_handle` fails: the start errors out and
      // start_consumer! raises in the SLC. The failed process never becomes a consumer.
      offer("CacheStartRaise", "shapecache");
    } else if (sys.consumers.canStart()) offer("CacheStart", "shapecache");
    // The start fails for a reason other than :no_shape (opt-in per scenario): start_shape calls
    // clean_shape, a synchronous ShapeCleaner.remove_shape in this process, on the lowest idle
    // chain slot (electric.md §3.5, §5i).
    const k = sys.cleaner.lowestIdle();
    if (sys.cfg.startFailureClean === "insideShapeCache" && sys.init.env.startFail === true && k !== undefined) offer("CacheStartFail", "shapecache", { k });
  }
  // clean_shape returned: ShapeCache replies the error, and start_consumer! raises in the SLC.
  if (req !== null && req.stage === "cleaning" && sys.cleaner.isFinished(sys.cache.lastClean)) offer("CacheCleanReturn", "shapecache");
}

/** The end of a publish: broadcast, or the send(nil) crash. */
export function offerPublishEnd(sys: System, offer: Offer): void {
  if (sys.slc.mode !== "publishing" || !sys.slc.allResolved()) return;
  const res = broadcastResult(sys);
  if (res.kind === "crash") offer("SlcCrash", "slc");
  else if (res.delivered.every((t) => t.pid === null || sys.consumers.get(t.pid)?.state !== "starting")) offer("SlcBroadcast", "slc");
}

export type PublishLabel = "TxnArrive" | "SlcRoute" | "SlcResolveRegistered" | "SlcResolveAsk" | "CacheCheckOk"
  | "CacheCheckNoShape" | "CacheCheckRemoving" | "CacheStart" | "CacheStartRaise" | "CacheStartFail" | "CacheCleanReturn"
  | "SlcBroadcast" | "SlcCrash";

export function applyPublish(sys: System, a: Action, label: PublishLabel): StepResult {
  switch (label) {
    case "TxnArrive": {
      const t = sys.replication.send();
      sys.slc.deliver({ kind: "event", txn: t });
      return OK;
    }
    case "SlcRoute": {
      const head = sys.slc.head();
      if (head?.kind !== "event") throw new Error("SlcRoute without an event");
      const t = head.txn;
      // No ShapeStatus lookup: the router alone decides (Fix C skips its tombstones).
      sys.slc.route((h) => sys.touches(t, h) && !(sys.cfg.tombstoneFilter && sys.status.isTombstoned(h)));
      return OK;
    }
    case "SlcResolveRegistered": {
      const h = param(a, "h");
      const pid = sys.slc.registry.whereis(h);
      if (pid === undefined) throw new Error("no registry entry");
      sys.slc.setResolution(h, { kind: "pid", pid });
      return OK;
    }
    case "SlcResolveAsk": {
      const h = param(a, "h");
      sys.cache.request(h);
      sys.slc.setResolution(h, { kind: "asking" });
      return OK;
    }
    case "CacheCheckOk":
      sys.cache.markChecked();
      return OK;
    case "CacheCheckNoShape":
      return cacheReply(sys, { kind: "nil" });
    case "CacheCheckRemoving":
      return cacheReply(sys, { kind: "skipped" });
    case "CacheStart": {
      const req = sys.cache.req;
      if (req === null) throw new Error("CacheStart without a request");
      // restore_shape_and_dependencies reuses a registered pid, dead or alive.
      let pid: Pid | undefined = sys.slc.registry.whereis(req.h);
      if (pid === undefined) {
        pid = sys.consumers.start(req.h);
        sys.slc.registry.register(req.h, pid); // {:via, ConsumerRegistry, …} in init
      }
      return cacheReply(sys, { kind: "pid", pid });
    }
    case "SlcBroadcast": {
      const res = broadcastResult(sys);
      if (res.kind !== "ok") throw new Error("SlcBroadcast on a crashing publish");
      const txn = sys.slc.pub?.txn ?? -1;
      for (const t of res.delivered) {
        if (t.pid === null) continue;
        const owner = sys.consumers.get(t.pid)?.owner;
        if (owner !== undefined && sys.status.fetchShapeByHandle(owner) !== "ok") sys.orphanDelivery = true;
        sys.consumers.handleEvent(t.pid, txn);
      }
      sys.slc.finishPublish(res.undeliverable);
      sys.replication.acked();
      return OK;
    }
    case "SlcCrash":
      crashSubsystem(sys, "sendNil");
      return CRASH;
    case "CacheStartRaise":
      crashSubsystem(sys, "startRaise");
      return CRASH;
    case "CacheStartFail": {
      const req = sys.cache.req;
      if (req === null) throw new Error("CacheStartFail without a request");
      const k = param(a, "k");
      // The chain runs in ShapeCache's process; Fix B's first step asks the SLC, which is
      // blocked on this very request.
      sys.cleaner.start(k, req.h, requestsCollectorFirst(sys.cfg));
      sys.cache.startCleaning(k);
      return OK;
    }
    case "CacheCleanReturn":
      crashSubsystem(sys, "external");
      return CRASH;
  }
}
