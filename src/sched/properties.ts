// The properties the explorer checks on every explored state and transition, and what each
// variant is expected to do about them (electric.md "Safety invariants").
import type { Outcome, Variant } from "../contract/vocabulary.ts";
import { range } from "../contract/vocabulary.ts";
import type { System } from "../impl/system.ts";
import { isLive } from "../impl/consumer.ts";

export const PROPERTIES = ["noSendNilCrash", "noRaceWindow", "noOrphanConsumer", "noQuiescenceLeak", "noDeadlock"] as const;
export type PropertyId = (typeof PROPERTIES)[number];

export const DESCRIPTIONS: Record<PropertyId, string> = {
  noSendNilCrash: "the SLC never crashes by sending to a nil pid (I1)",
  noRaceWindow: "no state has router[h] while status[h] is not present (the window, I2)",
  noOrphanConsumer: "no live consumer gets an event for a removed shape, no cleaned storage is re-created, no live consumer of a removed shape at quiescence (I3/§5b)",
  noQuiescenceLeak: "at quiescence, router/storage/registry entries exist only for present shapes (I4)",
  noDeadlock: "every state without enabled steps is quiescent (or blocked only by the consumer bound C)",
};

/** holds: the variant must satisfy it (a violation is a failure); violated: a witness is
 * expected (finding it is "as expected"); report: an open question, reported either way. */
export type Expectation = "holds" | "violated" | "report";

export function expectation(v: Variant, p: PropertyId): Expectation {
  switch (p) {
    case "noSendNilCrash": return v === "PreFix" ? "violated" : "holds";
    case "noRaceWindow": return v === "FixB" ? "holds" : "violated";
    case "noOrphanConsumer": return "report";
    case "noQuiescenceLeak": return "report";
    case "noDeadlock": return "holds";
  }
}

export interface Violation {
  readonly property: PropertyId;
  readonly detail: string;
}

/** Ghost observations whose change across a step matters (kept outside the state hash). */
export interface Ghosts {
  readonly orphanDelivery: boolean;
  readonly recreations: number;
}

export function ghosts(sys: System): Ghosts {
  return { orphanDelivery: sys.orphanDelivery, recreations: sys.storage.recreations };
}

const statusName = (sys: System, h: number): string => {
  const f = sys.status.fetchShapeByHandle(h);
  return f === "ok" ? "present" : f === "removing" ? "tombstoned" : "absent";
};

function windowViolations(sys: System): Violation[] {
  for (const h of range(sys.bounds.H)) {
    if (sys.slc.router.has(h) && sys.status.fetchShapeByHandle(h) !== "ok") {
      return [{ property: "noRaceWindow", detail: `router[${h}] is set while status[${h}] = ${statusName(sys, h)}` }];
    }
  }
  return [];
}

/** Properties of the initial state (a scenario may start inside the window). */
export function initialViolations(sys: System): Violation[] {
  const out = windowViolations(sys);
  if (sys.orphanDelivery) out.push({ property: "noOrphanConsumer", detail: "the initial state records an orphan delivery" });
  if (sys.quiescent()) out.push(...quiescentViolations(sys));
  return out;
}

/** Properties of one transition, given the ghosts before it and the system after it. */
export function transitionViolations(before: Ghosts, outcome: Outcome, sys: System): Violation[] {
  const out: Violation[] = [];
  if (outcome === "crash" && sys.supervisor.cause === "sendNil") out.push({ property: "noSendNilCrash", detail: "SLC crashed in send(nil, …)" });
  out.push(...windowViolations(sys));
  if (sys.orphanDelivery && !before.orphanDelivery) out.push({ property: "noOrphanConsumer", detail: "a live consumer received an event for a shape that is not present" });
  if (sys.storage.recreations > before.recreations) out.push({ property: "noOrphanConsumer", detail: "a consumer's writer re-created storage after cleanup" });
  if (sys.quiescent()) out.push(...quiescentViolations(sys));
  return out;
}

function quiescentViolations(sys: System): Violation[] {
  const out: Violation[] = [];
  const present = (h: number): boolean => sys.status.fetchShapeByHandle(h) === "ok";
  for (const c of sys.consumers.all()) {
    if (isLive(c.state) && !present(c.owner)) out.push({ property: "noOrphanConsumer", detail: `at quiescence consumer ${c.pid} is live for removed shape ${c.owner}` });
  }
  for (const h of range(sys.bounds.H)) {
    if (present(h)) continue;
    if (sys.slc.router.has(h)) out.push({ property: "noQuiescenceLeak", detail: `at quiescence router[${h}] is set for a removed shape` });
    if (sys.storage.get(h) === "present") out.push({ property: "noQuiescenceLeak", detail: `at quiescence storage[${h}] is present for a removed shape` });
    const pid = sys.slc.registry.whereis(h);
    if (pid !== undefined) out.push({ property: "noQuiescenceLeak", detail: `at quiescence registry[${h}] still points at consumer ${pid}` });
  }
  return out;
}

/** A state with nothing enabled. */
export function terminalViolations(sys: System): Violation[] {
  if (sys.quiescent() || sys.boundLimited()) return [];
  return [{ property: "noDeadlock", detail: "no process can move, but work is still in progress" }];
}
