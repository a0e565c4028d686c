// The RequestBatcher's flush and the collector applying a batch (and the immediate "remove now"
// request of Fix B and SerializedRemoval): each step's guard next to its effect.
import type { Action } from "../../contract/vocabulary.ts";
import type { System } from "../system.ts";
import { requestsCollectorFirst } from "../variant-config.ts";
import { OK, param, type Offer, type StepResult } from "./step.ts";

export function offerBatching(sys: System, offer: Offer): void {
  if (sys.batcher.canFlush()) offer("BatcherFlush", "batcher");
  const slc = sys.slc;
  if (slc.mode === "idle" && slc.head()?.kind === "batch") offer("SlcApplyBatch", "slc");
  // Served between messages: the request is handled while no publish is in progress.
  if (requestsCollectorFirst(sys.cfg) && slc.mode === "idle") for (const h of [...slc.removeNow].sort((a, b) => a - b)) offer("SlcRemoveNow", "slc", { h });
}

export type BatchingLabel = "BatcherFlush" | "SlcApplyBatch" | "SlcRemoveNow";

export function applyBatching(sys: System, a: Action, label: BatchingLabel): StepResult {
  switch (label) {
    case "BatcherFlush": {
      const batch = sys.batcher.flush();
      sys.slc.deliver({ kind: "batch", adds: batch.adds, removes: batch.removes });
      return OK;
    }
    case "SlcApplyBatch": {
      const { removes } = sys.slc.takeBatch();
      // The collector's removal is the one a tombstone waits for (Fix C, SerializedRemoval).
      for (const h of removes) sys.status.clearTombstone(h);
      sys.batcher.ack();
      return OK;
    }
    case "SlcRemoveNow": {
      const h = param(a, "h");
      if (sys.cfg.removal === "collectorTombstone") {
        // One collector message: the shape is marked as being removed in ShapeStatus and its
        // route goes, so no publish sees the one without the other. The registry entry stays.
        sys.status.tombstone(h);
        sys.slc.removeRoute(h);
      } else sys.slc.removeSubscription(h);
      sys.slc.removeNow.delete(h);
      return OK;
    }
  }
}
