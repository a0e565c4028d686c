// What a divergence report holds: the failing event, the rule and conjunct, the cells compared,
// and the last events (overall and per handle) kept in fixed-size rings while replaying.
import type { Expr, Scalar } from "../contract/rules/types.ts";
import type { TraceEvent, TraceParams } from "../contract/trace/types.ts";
import { Ring } from "./ring.ts";

/** The last events with their line numbers; summaries are built only for a report. */
export class EventRing {
  private evs: Ring<TraceEvent>;
  private lines: Ring<number>;
  constructor(cap: number) {
    this.evs = new Ring(cap);
    this.lines = new Ring(cap);
  }
  push(e: TraceEvent, line: number): void {
    this.evs.push(e);
    this.lines.push(line);
  }
  toArray(): EventSummary[] {
    const ls = this.lines.toArray();
    return this.evs.toArray().map((e, i) => ({ line: ls[i]!, seq: e.seq, process: e.process, action: e.action, params: e.params, outcome: e.outcome, post: e.post }));
  }
}

export const LAST_EVENTS = 10;

export interface EventSummary {
  line: number;
  seq: number;
  process: string;
  action: string;
  params: TraceParams;
  outcome: string;
  post: Record<string, Scalar>;
}

/** One cell compared: `observed` null means "not reported". */
export interface CellDiff {
  cell: string;
  before: Scalar | null;
  expected: Scalar | null;
  observed: Scalar | null;
}

export type DivergenceKind =
  | "io" | "usage" | "too-long" | "malformed" | "schema" | "header" | "rules" | "fingerprint" | "init"
  | "seq" | "unknown-action" | "params" | "process" | "guard" | "post" | "outcome" | "invariant" | "eval" | "empty";

export interface HandleContext {
  handle: number;
  cells: Record<string, Scalar>;
  lastEvents: EventSummary[];
}

export interface Divergence {
  file: string;
  line: number;
  /** "line" for NDJSON; "state" for ITF (the index into `states`) */
  unit: "line" | "state";
  kind: DivergenceKind;
  message: string;
  seq?: number;
  rule?: string;
  params?: TraceParams;
  failedGuard?: string;
  /** pre-state values of the cells the failed guard reads */
  guardCells?: Record<string, Scalar>;
  cells: CellDiff[];
  theorems: string[];
  lastEvents: EventSummary[];
  handles: HandleContext[];
}

/** Variable names an expression reads (for showing the state behind a failed guard). */
export function cellsRead(e: Expr, out: Set<string>): Set<string> {
  if ("cell" in e) {
    out.add(e.cell);
    for (const i of e.idx ?? []) cellsRead(i, out);
  } else if ("op" in e) for (const a of e.args) cellsRead(a, out);
  else if ("all" in e || "any" in e) cellsRead(e.body, out);
  return out;
}
