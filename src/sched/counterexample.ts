// A schedule (list of actions) replayed into trace events, and printed as a numbered list.
import type { Action } from "../contract/vocabulary.ts";
import { System } from "../impl/system.ts";
import type { SystemInit } from "../impl/system.ts";
import { cellKeys } from "../contract/vocabulary.ts";
import type { CellValue } from "../contract/vocabulary.ts";
import type { WrittenEvent } from "../contract/trace/types.ts";
import { sameAction } from "./shrinker.ts";
import { recordStep } from "./step.ts";

export function replayEvents(init: SystemInit, actions: readonly Action[]): { init: Record<string, CellValue>; events: WrittenEvent[] } {
  const sys = System.create(init);
  const order = cellKeys(init.bounds);
  const cells0 = sys.project();
  const initCells: Record<string, CellValue> = {};
  for (const k of order) {
    const v = cells0.get(k);
    if (v !== undefined) initCells[k] = v;
  }
  const events: WrittenEvent[] = [];
  let before = cells0;
  for (const a of actions) {
    if (!sys.enabled().some((e) => sameAction(e, a))) throw new Error(`replay: ${a.label} is not enabled at step ${events.length + 1}`);
    const st = recordStep(sys, a, events.length + 1, order, before);
    events.push(st.event);
    before = st.after;
  }
  return { init: initCells, events };
}

export function formatParams(p: Action["params"]): string {
  return (["h", "c", "k", "t"] as const).filter((k) => p[k] !== undefined).map((k) => `${k}=${String(p[k])}`).join(" ");
}

export function formatEvents(events: readonly WrittenEvent[]): string[] {
  const width = String(events.length).length;
  return events.map((e) => {
    const post = Object.entries(e.post).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`).join(" ");
    const head = `${String(e.seq).padStart(width + 2)}. ${e.process.padEnd(12)} ${`${e.action} ${formatParams(e.params)}`.trimEnd().padEnd(28)}`;
    return `${head} ${e.outcome === "crash" ? "CRASH  " : ""}${post}`;
  });
}
