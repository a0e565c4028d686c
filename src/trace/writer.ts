// Serialising traces: one JSON object per line, keys in a fixed order so that the same run gives
// the same bytes. Files are written atomically (tmp + rename) so a reader never sees half a trace.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, basename, join } from "node:path";
import type { TraceEvent, TraceHeader } from "./types.ts";

/** Rebuild objects with keys in a fixed order (JSON.stringify keeps insertion order). */
export function headerLine(h: TraceHeader): string {
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

export function serialiseTrace(header: TraceHeader, events: readonly TraceEvent[]): string {
  return [headerLine(header), ...events.map(eventLine)].join("\n") + "\n";
}

export function writeFileAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}
