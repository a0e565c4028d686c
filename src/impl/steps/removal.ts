// The removal request and its cleaner chain (ShapeCleaner.remove_shape_immediate, electric.md
// §3.1): each step's guard next to its effect.
import type { Action, ChainSlot, Handle } from "../../contract/vocabulary.ts";
import type { System } from "../system.ts";
import { requestsCollectorFirst } from "../variant-config.ts";
import { OK, param, type Offer, type StepResult } from "./step.ts";

function chainHandle(sys: System, k: ChainSlot): Handle {
  const c = sys.cleaner.get(k);
  if (c === null) throw new Error(`chain ${k} idle`);
  return c.h;
}

export function offerRemoval(sys: System, offer: Offer): void {
  // api: scenario removal requests, each once (its slot is still unused).
  for (const r of sys.init.removals) if (sys.cleaner.isIdle(r.k)) offer("RemoveShape", "api", { h: r.h, k: r.k });
  for (let k = 0; k < sys.init.bounds.K; k++) {
    const ch = sys.cleaner.get(k);
    if (ch === null) continue;
    const p = `cleaner:${k}`;
    switch (ch.pc) {
      case "routerRemove":
        // The request is a cast; while the SLC is down the task retries until it is back.
        if (sys.slc.isUp()) offer("CleanerRouterRemove", p, { k });
        break;
      case "routerWait":
        if (!sys.slc.removeNow.has(ch.h)) offer("CleanerRouterAck", p, { k });
        break;
      case "status": offer("CleanerStatus", p, { k }); break;
      case "stop": {
        // The {:stop} call queues behind a starting consumer's {:initialize_shape}.
        const pid = sys.slc.registry.whereis(ch.h);
        if (pid === undefined || sys.consumers.get(pid)?.state !== "starting") offer("CleanerStop", p, { k });
        break;
      }
      case "storage": offer("CleanerStorage", p, { k }); break;
      case "slcRemove": offer("CleanerSlcRemove", p, { k }); break;
      default: break;
    }
  }
}

export type RemovalLabel = "RemoveShape" | "CleanerRouterRemove" | "CleanerRouterAck" | "CleanerStatus"
  | "CleanerStop" | "CleanerStorage" | "CleanerSlcRemove";

export function applyRemoval(sys: System, a: Action, label: RemovalLabel): StepResult {
  if (label === "RemoveShape") {
    sys.cleaner.start(param(a, "k"), param(a, "h"), requestsCollectorFirst(sys.cfg));
    return OK;
  }
  const k = param(a, "k");
  const h = chainHandle(sys, k);
  switch (label) {
    case "CleanerRouterRemove": {
      const r = sys.slc.requestRemoveNow(h);
      sys.cleaner.set(k, r === "ok" ? "routerWait" : "aborted");
      return OK;
    }
    case "CleanerRouterAck":
      if (sys.cfg.removal === "collectorTombstone") {
        // The request is gone from the SLC. If ShapeStatus still has h present, the collector
        // never wrote the tombstone: a crash lost the request, so ask again. Otherwise the
        // collector tombstoned it (or it was already gone) and the route is dropped: stop the
        // consumer. There is no ShapeStatus step of the chain's own.
        sys.cleaner.set(k, sys.status.isPresent(h) ? "routerRemove" : "stop");
        return OK;
      }
      // The SLC no longer holds the request. If it still routes h, the request was lost to a
      // collector restart (which rebuilt the router from ShapeStatus, where h is still present):
      // issue it again rather than open the window. Found by the differential test against
      // the Lean table; the first version went straight to `status`.
      sys.cleaner.set(k, sys.slc.router.has(h) ? "routerRemove" : "status");
      return OK;
    case "CleanerStatus": {
      const r = sys.status.removeShape(h);
      // Already gone: HEAD re-issues the idempotent SLC removal; older versions give up.
      sys.cleaner.set(k, r.ok ? "stop" : sys.cfg.reissueWhenGone ? "slcRemove" : "aborted");
      return OK;
    }
    case "CleanerStop":
      sys.consumers.stop(sys.slc.registry.whereis(h));
      sys.cleaner.set(k, "storage");
      return OK;
    case "CleanerStorage":
      sys.storage.cleanup(h);
      // Fix B has no batched removal: its request already dropped the whole subscription.
      sys.cleaner.set(k, sys.cfg.removal === "routerFirst" ? "done" : "slcRemove");
      return OK;
    case "CleanerSlcRemove": {
      // A dead batcher (SLC subsystem down) exits the call: the chain fails, harmlessly,
      // since the router is rebuilt from ShapeStatus on restart.
      const r = sys.batcher.removeShape(h);
      sys.cleaner.set(k, r === "ok" ? "done" : "aborted");
      return OK;
    }
  }
}
