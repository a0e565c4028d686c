// The input of a sequence diagram: a typed list of steps, each one action of one process with
// the cells it changed. Witness schedules, explorer counterexamples and checker divergences
// are all turned into this shape first, so SVG and text are drawn by the same two writers.

import type { TraceParams } from "../contract/trace/types.ts";
import type { CellValue } from "../contract/vocabulary.ts";

/** A cell value as the contract defines it. */
export type CellScalar = CellValue;

export interface CellChange {
  cell: string;
  /** absent when the value before the step is unknown (e.g. a checker's observed post) */
  before?: CellScalar;
  after: CellScalar;
}

export type MarkKind = "crash" | "divergence" | "violation";

export interface StepMark {
  kind: MarkKind;
  /** one line saying what went wrong, e.g. "send(nil, …) raised in the collector" */
  text: string;
}

export interface DiagramStep {
  seq: number;
  /** the acting process, as in traces: "api", "cleaner:0", "slc", "consumer:1", … */
  process: string;
  action: string;
  params: TraceParams;
  changes: readonly CellChange[];
  /** the lifeline the arrow points at; derived from the action when absent (see arrows.ts) */
  to?: string;
  mark?: StepMark;
}

export interface Diagram {
  /** stable id, unique on a page (used for anchors and the browser test) */
  id: string;
  title: string;
  steps: readonly DiagramStep[];
  /** a line under the title, e.g. "from the restored initial state" */
  note?: string;
}
