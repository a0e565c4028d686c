// The properties the explorer checks on every explored state and transition, and what each
// variant is expected to do about them (electric.md "Safety invariants").
import type { Bounds, Outcome, Variant } from "../impl/types.ts";
import { range } from "../impl/types.ts";
import type { System } from "../impl/system.ts";
import type { Cells } from "../trace/cells.ts";
import { key1 } from "../trace/cells.ts";

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

const live = (s: unknown): boolean => s === "starting" || s === "running";

/** Properties of the initial state (a scenario may start inside the window). */
export function initialViolations(b: Bounds, cells: Cells, sys: System): Violation[] {
  const out = windowViolations(b, cells);
  if (cells.get("orphanDelivery") === true) out.push({ property: "noOrphanConsumer", detail: "the initial state records an orphan delivery" });
  if (sys.quiescent()) out.push(...quiescentViolations(b, cells));
  return out;
}

function windowViolations(b: Bounds, after: Cells): Violation[] {
  const out: Violation[] = [];
  for (const h of range(b.H)) {
    if (after.get(key1("router", h)) === true && after.get(key1("status", h)) !== "present") {
      out.push({ property: "noRaceWindow", detail: `router[${h}] is set while status[${h}] = ${String(after.get(key1("status", h)))}` });
      break;
    }
  }
  return out;
}

/** Properties of one transition `before --outcome--> after`. */
export function transitionViolations(b: Bounds, before: Cells, after: Cells, outcome: Outcome, sys: System): Violation[] {
  const out: Violation[] = [];
  if (outcome === "crash" && after.get("crashCause") === "sendNil") out.push({ property: "noSendNilCrash", detail: "SLC crashed in send(nil, …)" });
  out.push(...windowViolations(b, after));
  if (after.get("orphanDelivery") === true && before.get("orphanDelivery") !== true) out.push({ property: "noOrphanConsumer", detail: "a live consumer received an event for a shape that is not present" });
  for (const h of range(b.H)) {
    if (before.get(key1("storage", h)) === "cleaned" && after.get(key1("storage", h)) === "present") out.push({ property: "noOrphanConsumer", detail: `storage[${h}] re-created after cleanup` });
  }
  if (sys.quiescent()) out.push(...quiescentViolations(b, after));
  return out;
}

function quiescentViolations(b: Bounds, cells: Cells): Violation[] {
  const out: Violation[] = [];
  const present = (h: number): boolean => cells.get(key1("status", h)) === "present";
  for (const c of range(b.C)) {
    const owner = cells.get(key1("owner", c));
    if (live(cells.get(key1("cons", c))) && typeof owner === "number" && owner >= 0 && !present(owner)) out.push({ property: "noOrphanConsumer", detail: `at quiescence consumer ${c} is live for removed shape ${owner}` });
  }
  for (const h of range(b.H)) {
    if (present(h)) continue;
    if (cells.get(key1("router", h)) === true) out.push({ property: "noQuiescenceLeak", detail: `at quiescence router[${h}] is set for a removed shape` });
    if (cells.get(key1("storage", h)) === "present") out.push({ property: "noQuiescenceLeak", detail: `at quiescence storage[${h}] is present for a removed shape` });
    if (cells.get(key1("registry", h)) !== -1) out.push({ property: "noQuiescenceLeak", detail: `at quiescence registry[${h}] still points at consumer ${String(cells.get(key1("registry", h)))}` });
  }
  return out;
}

/** A state with nothing enabled. */
export function terminalViolations(sys: System): Violation[] {
  if (sys.quiescent() || sys.boundLimited()) return [];
  return [{ property: "noDeadlock", detail: "no process can move, but work is still in progress" }];
}
