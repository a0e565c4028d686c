// Reading traces back: split NDJSON into records, with the line number of each.
import type { TraceRecord } from "./types.ts";

export interface ParsedLine {
  readonly line: number;
  readonly record: unknown;
}

export type ReadResult = { readonly ok: true; readonly lines: readonly ParsedLine[] } | { readonly ok: false; readonly line: number; readonly error: string };

export function parseNdjson(text: string): ReadResult {
  const lines: ParsedLine[] = [];
  const raw = text.split("\n");
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i] ?? "";
    if (s.trim() === "") continue;
    try {
      lines.push({ line: i + 1, record: JSON.parse(s) as unknown });
    } catch (err) {
      return { ok: false, line: i + 1, error: (err as Error).message };
    }
  }
  return { ok: true, lines };
}

export function isRecord(v: unknown): v is TraceRecord {
  return typeof v === "object" && v !== null && "kind" in v && (v.kind === "header" || v.kind === "event");
}
