// Serialising traces: one JSON object per line, keys in a fixed order so that the same run gives
// the same bytes. Callers write the text with util/fs-atomic.ts, so a reader never sees half a trace.
import type { TraceEvent, WrittenHeader } from "./types.ts";

/** Rebuild objects with keys in a fixed order (JSON.stringify keeps insertion order). */
export function headerLine(h: WrittenHeader): string {
  const o = {
    kind: h.kind, format: h.format, variant: h.variant, seed: h.seed, scenario: h.scenario,
    scheduler: h.scheduler, implementation: h.implementation, rulesFingerprint: h.rulesFingerprint,
    bounds: { H: h.bounds.H, C: h.bounds.C, K: h.bounds.K, T: h.bounds.T }, init: h.init,
  };
  return JSON.stringify(o);
}

export function eventLine(e: TraceEvent): string {
  const params: Record<string, number> = {};
  for (const k of ["h", "c", "k", "t"] as const) {
    const v = e.params[k];
    if (v !== undefined) params[k] = v;
  }
  const o = { kind: e.kind, seq: e.seq, process: e.process, action: e.action, params, outcome: e.outcome, post: e.post };
  return JSON.stringify(o);
}

export function serialiseTrace(header: WrittenHeader, events: readonly TraceEvent[]): string {
  return [headerLine(header), ...events.map(eventLine)].join("\n") + "\n";
}
