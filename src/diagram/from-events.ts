// Trace events (docs/contracts.md §3) as diagram steps: each step shows the cells whose value
// changed against the state replayed so far, and a crash outcome is marked with its cause.
import type { TraceParams } from "../contract/trace/types.ts";
import type { CellChange, CellScalar, DiagramStep, StepMark } from "./types.ts";

/** The fields of a trace event the diagram needs (a structural subset of TraceEvent). */
export interface EventLike {
  seq: number;
  process: string;
  action: string;
  params: TraceParams;
  outcome: string;
  post: Readonly<Record<string, CellScalar>>;
}

/** What a crash step means for Electric, from the crash cause the step recorded. */
export function crashText(cause: CellScalar | undefined): string {
  if (cause === "sendNil") return "send(nil, …) raised: the ShapeLogCollector crashes";
  if (cause === "startRaise") return "the consumer's start re-read ShapeStatus and raised; start_consumer! crashes the ShapeLogCollector";
  if (cause === "external") return "the ShapeLogCollector died of another exception (external crash)";
  return "the ShapeLogCollector crashed";
}

/**
 * Steps for `events` replayed from `init` (every cell). Cells reported but unchanged are left
 * out; a cell missing from `init` is shown with its new value only.
 */
export function stepsFromEvents(init: Readonly<Record<string, CellScalar>>, events: readonly EventLike[]): DiagramStep[] {
  const state = new Map(Object.entries(init));
  return events.map((e) => {
    const changes: CellChange[] = [];
    for (const [cell, after] of Object.entries(e.post)) {
      const before = state.get(cell);
      if (before === after) continue;
      changes.push(before === undefined ? { cell, after } : { cell, before, after });
      state.set(cell, after);
    }
    const mark: StepMark | undefined = e.outcome === "crash" ? { kind: "crash", text: crashText(state.get("crashCause")) } : undefined;
    return { seq: e.seq, process: e.process, action: e.action, params: e.params, changes, ...(mark ? { mark } : {}) };
  });
}

/**
 * A counterexample (e.g. the explorer's shrunk schedule replayed into events): the crash steps
 * are marked by their outcome; when `violation` is given and the last step is not a crash, the
 * last step is marked as the one that reaches it.
 */
export function counterexampleDiagram(id: string, title: string, init: Readonly<Record<string, CellScalar>>, events: readonly EventLike[], violation?: string): { id: string; title: string; steps: DiagramStep[] } {
  const steps = stepsFromEvents(init, events);
  const last = steps[steps.length - 1];
  if (violation !== undefined && last && !last.mark) steps[steps.length - 1] = { ...last, mark: { kind: "violation", text: violation } };
  return { id, title, steps };
}
