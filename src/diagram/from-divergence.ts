// A checker divergence as a diagram: the last accepted events, then the event the rules refuse,
// marked with the checker's message. The checker's Divergence fits DivergenceLike structurally.
import type { TraceParams } from "../contract/trace/types.ts";
import { stepsFromEvents, type EventLike } from "./from-events.ts";
import type { CellChange, CellScalar, Diagram } from "./types.ts";

export interface DivergenceLike {
  message: string;
  seq?: number;
  rule?: string;
  params?: TraceParams;
  cells: readonly { cell: string; before: CellScalar | null; expected: CellScalar | null; observed: CellScalar | null }[];
  lastEvents: readonly EventLike[];
}

/**
 * `process` is the failing event's process (the Divergence does not carry it); without a rule
 * (a malformed line, a bad header) there is no step to draw and the result is null.
 */
export function divergenceDiagram(id: string, title: string, d: DivergenceLike, process: string): Diagram | null {
  if (d.rule === undefined || d.seq === undefined) return null;
  const steps = stepsFromEvents({}, d.lastEvents);
  const changes: CellChange[] = d.cells
    .map((c) => {
      const after = c.observed ?? "(not reported)";
      return c.before === null ? { cell: c.cell, after } : { cell: c.cell, before: c.before, after };
    });
  steps.push({ seq: d.seq, process, action: d.rule, params: d.params ?? {}, changes, mark: { kind: "divergence", text: d.message } });
  return { id, title, note: `the last ${d.lastEvents.length} accepted event(s) (cells as reported), then the refused one (observed values)`, steps };
}
