// A consumer's own steps: initialising, and what the environment does to a running one
// (suspend, crash, {:shutdown, :cleanup}, kill). Each step's guard next to its effect.
import type { Action } from "../../contract/vocabulary.ts";
import type { System } from "../system.ts";
import { requestsCollectorFirst } from "../variant-config.ts";
import { OK, param, type Offer, type StepResult } from "./step.ts";

export function offerConsumerInit(sys: System, offer: Offer): void {
  for (const c of sys.consumers.all()) if (c.state === "starting") offer("ConsumerInit", `consumer:${c.pid}`, { c: c.pid });
}

export function offerConsumerEnvironment(sys: System, offer: Offer): void {
  const env = sys.init.env;
  // Chains started by a consumer's terminate take the lowest idle slot (a scenario removal
  // whose slot is taken can no longer start: each slot is used at most once).
  const slot = sys.cleaner.lowestIdle();
  for (const c of sys.consumers.all()) {
    const p = `consumer:${c.pid}`;
    if (c.state === "running") {
      if (env.suspend) offer("ConsumerSuspend", p, { c: c.pid });
      if (env.crash && slot !== undefined) offer("ConsumerCrash", p, { c: c.pid, k: slot });
      if (env.selfClean && slot !== undefined) offer("ConsumerSelfClean", p, { c: c.pid, k: slot });
    }
    if (env.kill && (c.state === "running" || c.state === "starting")) offer("ConsumerKill", p, { c: c.pid });
  }
}

export type ConsumerLabel = "ConsumerInit" | "ConsumerSuspend" | "ConsumerCrash" | "ConsumerSelfClean" | "ConsumerKill";

export function applyConsumer(sys: System, a: Action, label: ConsumerLabel): StepResult {
  const c = param(a, "c");
  switch (label) {
    case "ConsumerInit":
      sys.storage.openOrCreate(sys.consumers.initialise(c));
      return OK;
    case "ConsumerSuspend":
      // handle_writer_termination(:suspend): only the registry entry goes.
      sys.slc.registry.removeConsumer(sys.consumers.exit(c, "dead_suspend"));
      return OK;
    case "ConsumerCrash":
      sys.cleaner.start(param(a, "k"), sys.consumers.exit(c, "dead_crash"), requestsCollectorFirst(sys.cfg)); // remove_shape_async
      return OK;
    case "ConsumerSelfClean":
      sys.cleaner.start(param(a, "k"), sys.consumers.exit(c, "dead_cleanup"), requestsCollectorFirst(sys.cfg));
      return OK;
    case "ConsumerKill":
      sys.consumers.exit(c, "dead_killed"); // terminate never runs: no chain
      return OK;
  }
}
