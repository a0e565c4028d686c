// The collector's death and the supervisor's restart of the shape subsystem (one_for_all).
import type { Action } from "../../contract/vocabulary.ts";
import type { System } from "../system.ts";
import type { CrashCause } from "../supervisor.ts";
import { CRASH, OK, type Offer, type StepResult } from "./step.ts";

/** The SLC dies: its supervisor gives up, Shapes.Supervisor takes every consumer and the
 * ShapeCache down with it (and a chain ShapeCache's clean_shape is running inside it), and the
 * removal tasks too where they ran under it (before ba6dd2c7d). */
export function crashSubsystem(sys: System, cause: Exclude<CrashCause, "none">): void {
  sys.slc.crash();
  sys.batcher.die();
  const hosted = sys.cache.hostedChain();
  if (hosted !== undefined) sys.cleaner.kill(hosted);
  sys.cache.reset();
  sys.consumers.shutdownAll();
  if (sys.cfg.cleanupTasks === "shapesSupervisor") sys.cleaner.killInProgress();
  sys.supervisor.record(cause);
}

/** Shapes.Supervisor restarts the subsystem: the router is rebuilt from ShapeStatus and the
 * replication client retries its un-acked event. */
function restartSubsystem(sys: System): void {
  // FixC, SerializedRemoval: the rebuilt router leaves tombstoned shapes out, which is the
  // SLC-side removal the tombstone was waiting for; nothing else would clear it once the batch
  // was lost. (Without tombstones there is none to clear.)
  for (let h = 0; h < sys.init.bounds.H; h++) sys.status.clearTombstone(h);
  sys.slc.restart(sys.status.listShapes());
  sys.batcher.restart();
  sys.cache.reset();
  if (sys.replication.unacked !== -1) sys.slc.deliver({ kind: "event", txn: sys.replication.unacked });
}

export function offerSupervision(sys: System, offer: Offer): void {
  if (sys.slc.mode === "down") offer("SlcRestart", "supervisor");
  // Any other collector exception (start_consumer! raising on another error, a ShapeCache call
  // timing out: electric.md §4 "Residual SLC-crash paths"), when the scenario allows it.
  if (sys.init.env.slcFail === true && sys.slc.isUp()) offer("SlcFail", "slc");
}

export type SupervisionLabel = "SlcRestart" | "SlcFail";

export function applySupervision(sys: System, a: Action, label: SupervisionLabel): StepResult {
  switch (label) {
    case "SlcRestart":
      restartSubsystem(sys);
      return OK;
    case "SlcFail":
      crashSubsystem(sys, "external");
      return CRASH;
  }
}
