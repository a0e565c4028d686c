// Trace records (docs/contracts.md section 3): the one definition the writer, the checker and the
// ITF bridge share. A record read from a file is typed as what `parse.ts` has checked: labels,
// variants and parameter names are strings until the rules say which exist. What the toolkit's
// own implementation writes is the narrower `WrittenHeader` / `WrittenEvent`.
import type { ActionLabel, ActionParams, Bounds, CellValue, Outcome, Variant } from "../vocabulary.ts";

export const TRACE_FORMAT = "electric-race-trace/1";
/** The implementation name this toolkit writes into the headers of its traces. */
export const IMPLEMENTATION = "electric-race-toolkit@0.1.0";

export type SchedulerPolicy = "random" | "scripted" | "explore";

/** Parameter name -> value; the writer emits them in the contract's order h, c, k, t. */
export type TraceParams = { readonly [name: string]: number | undefined };

export interface TraceHeader {
  readonly kind: "header";
  readonly format: typeof TRACE_FORMAT;
  readonly variant: string;
  readonly rulesFingerprint: string;
  /** keyed by bound name (H, C, K, T) */
  readonly bounds: Readonly<Record<string, number>>;
  readonly init: Readonly<Record<string, CellValue>>;
  // Provenance: the schema requires these in a trace file; a trace imported from ITF may lack them.
  readonly seed?: unknown;
  readonly scenario?: unknown;
  readonly scheduler?: unknown;
  readonly implementation?: unknown;
}

export interface TraceEvent {
  readonly kind: "event";
  readonly seq: number;
  readonly process: string;
  readonly action: string;
  readonly params: TraceParams;
  readonly outcome: Outcome;
  readonly post: Readonly<Record<string, CellValue>>;
}

/** A header the toolkit writes: every provenance field present, the vocabulary's types. */
export interface WrittenHeader extends TraceHeader {
  readonly variant: Variant;
  readonly seed: number;
  readonly scenario: string;
  readonly scheduler: SchedulerPolicy;
  readonly implementation: string;
  readonly bounds: Bounds;
}

/** An event the toolkit's implementation writes: a contract action label and its parameters. */
export interface WrittenEvent extends TraceEvent {
  readonly action: ActionLabel;
  readonly params: ActionParams;
}

export type TraceRecord = TraceHeader | TraceEvent;
