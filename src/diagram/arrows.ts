// Who an action talks to. The trace names only the acting process; the diagram also needs the
// receiving lifeline, which follows from Electric's call graph (docs/contracts.md §1) and, for
// consumers, from the cells the step changed (the consumer id is state, not a parameter).
import type { TraceParams } from "../contract/trace/types.ts";
import type { DiagramStep } from "./types.ts";

/** Lifelines in the order Electric's removal story reads left to right. */
export const PROCESS_ORDER = ["api", "cleaner", "batcher", "slc", "shapecache", "consumer", "replication", "supervisor"] as const;

type Target = (s: DiagramStep) => string | undefined;

const param = (s: DiagramStep, p: string): number | undefined => s.params[p];
const chain: Target = (s) => (param(s, "k") === undefined ? undefined : `cleaner:${param(s, "k")}`);

/** The first consumer whose lifecycle or applied transaction the step changed. */
const changedConsumer: Target = (s) => {
  for (const c of s.changes) {
    const m = /^(?:cons|applied)\[(\d+)\]$/.exec(c.cell);
    if (m) return `consumer:${m[1]}`;
  }
  return undefined;
};

const TARGETS: Readonly<Record<string, Target>> = {
  RemoveShape: chain,
  CleanerRouterRemove: () => "slc",
  CleanerStop: changedConsumer,
  CleanerSlcRemove: () => "batcher",
  BatcherFlush: () => "slc",
  TxnArrive: () => "slc",
  SlcResolveAsk: () => "shapecache",
  CacheCheckNoShape: () => "slc",
  CacheCheckRemoving: () => "slc",
  CacheStart: (s) => changedConsumer(s) ?? "slc",
  CacheStartRaise: () => "slc",
  CacheStartFail: chain, // clean_shape runs the chain inside ShapeCache
  CacheCleanReturn: () => "slc", // the error reply; start_consumer! raises in the collector
  SlcBroadcast: changedConsumer,
  SlcRestart: () => "slc",
  ConsumerCrash: chain,
  ConsumerSelfClean: chain,
};

/** The receiving lifeline of a step; the actor itself for an internal step. */
export function arrowTarget(s: DiagramStep): string {
  return s.to ?? TARGETS[s.action]?.(s) ?? s.process;
}

function rank(p: string): [number, number] {
  const [kind, idx] = p.split(":");
  const i = PROCESS_ORDER.indexOf(kind as (typeof PROCESS_ORDER)[number]);
  return [i < 0 ? PROCESS_ORDER.length : i, idx === undefined ? -1 : Number(idx)];
}

/** Lifelines used by the steps, in story order (unknown processes last, by name). */
export function lifelinesOf(steps: readonly DiagramStep[]): string[] {
  const set = new Set<string>();
  for (const s of steps) {
    set.add(s.process);
    set.add(arrowTarget(s));
  }
  return [...set].sort((a, b) => {
    const [ra, ia] = rank(a);
    const [rb, ib] = rank(b);
    return ra - rb || ia - ib || a.localeCompare(b);
  });
}

/** The trace's process name for a rule: its process, numbered by the parameter the rules name
 * (`processParam`, e.g. cleaner:<k>, consumer:<c>; docs/contracts.md §2). */
export function processName(rule: { process: string; processParam: string | null }, params: TraceParams): string {
  const v = rule.processParam === null ? undefined : params[rule.processParam];
  return v === undefined ? rule.process : `${rule.process}:${v}`;
}
