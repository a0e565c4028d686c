// Trace records (docs/contracts.md §3).
import type { ActionLabel, ActionParams, Bounds, Outcome, Variant } from "../impl/types.ts";
import type { CellValue } from "./cells.ts";

export const TRACE_FORMAT = "electric-race-trace/1";
export const IMPLEMENTATION = "electric-race-toolkit@0.1.0";

export type SchedulerPolicy = "random" | "scripted" | "explore";

export interface TraceHeader {
  readonly kind: "header";
  readonly format: typeof TRACE_FORMAT;
  readonly variant: Variant;
  readonly seed: number;
  readonly scenario: string;
  readonly scheduler: SchedulerPolicy;
  readonly implementation: string;
  readonly rulesFingerprint: string;
  readonly bounds: Bounds;
  readonly init: Readonly<Record<string, CellValue>>;
}

export interface TraceEvent {
  readonly kind: "event";
  readonly seq: number;
  readonly process: string;
  readonly action: ActionLabel;
  readonly params: ActionParams;
  readonly outcome: Outcome;
  readonly post: Readonly<Record<string, CellValue>>;
}

export type TraceRecord = TraceHeader | TraceEvent;
