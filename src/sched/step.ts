// One recorded step: apply an action and read back, from the components, the cells it touched.
import type { Action } from "../contract/vocabulary.ts";
import type { System } from "../impl/system.ts";
import type { Cells, CellValue } from "../contract/vocabulary.ts";
import { key1 } from "../contract/vocabulary.ts";
import type { WrittenEvent } from "../contract/trace/types.ts";

/** Cells that name the acting process's own control state; always reported even if unchanged. */
function ownCells(a: Action): string[] {
  const p = a.params;
  if (a.process.startsWith("cleaner:") || a.label === "RemoveShape") return p.k !== undefined ? [key1("chainPc", p.k)] : [];
  if (a.process.startsWith("consumer:")) return p.c !== undefined ? [key1("cons", p.c)] : [];
  if (a.process === "slc" || a.process === "supervisor") return ["slc"];
  if (a.process === "shapecache") return ["sc"];
  if (a.process === "replication") return ["unacked"];
  return [];
}

/** post = every changed cell plus the actor's own cells, in canonical key order. */
export function diffPost(before: Cells, after: Cells, order: readonly string[], extra: readonly string[]): Record<string, CellValue> {
  const want = new Set(extra);
  const post: Record<string, CellValue> = {};
  for (const k of order) {
    const v = after.get(k);
    if (v === undefined) continue;
    if (want.has(k) || before.get(k) !== v) post[k] = v;
  }
  return post;
}

export interface RecordedStep {
  readonly event: WrittenEvent;
  readonly before: Cells;
  readonly after: Cells;
}

export function recordStep(sys: System, a: Action, seq: number, order: readonly string[], before: Cells = sys.project()): RecordedStep {
  const res = sys.apply(a);
  const after = sys.project();
  const event: WrittenEvent = {
    kind: "event", seq, process: a.process, action: a.label, params: a.params, outcome: res.outcome,
    post: diffPost(before, after, order, ownCells(a)),
  };
  return { event, before, after };
}
