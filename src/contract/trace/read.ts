// Reading an NDJSON trace record by record (for ITF export; the checker has its own push-based
// loop). `traceRecords` streams, so memory is one record, never the trace; `readTrace` collects
// a whole (small) trace for tests and tools.
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { LineSplitter, type LineItem } from "./lines.ts";
import { parseJsonLine } from "./json-line.ts";
import { parseEvent, parseHeader } from "./parse.ts";
import type { TraceEvent, TraceHeader } from "./types.ts";
import type { Result } from "../result.ts";
import { err, ok } from "../result.ts";

export type TraceRecord = { kind: "header"; header: TraceHeader } | { kind: "event"; event: TraceEvent } | { kind: "error"; error: string };

/** The records of a trace in order; an `error` record (file:line: what) ends the sequence. */
export async function* traceRecords(input: Readable | string, name: string): AsyncGenerator<TraceRecord> {
  const stream = typeof input === "string" ? createReadStream(input) : input;
  const split = new LineSplitter();
  let headerSeen = false;
  const take = (item: LineItem): TraceRecord => {
    if ("tooLong" in item) return { kind: "error", error: `${name}:${item.line}: line too long (${item.tooLong} bytes)` };
    if (item.bytes.toString("latin1", item.start, item.end).trim() === "") return { kind: "error", error: `${name}:${item.line}: empty line` };
    const r = parseJsonLine(item.bytes, item.start, item.end);
    if (!r.ok) return { kind: "error", error: `${name}:${item.line}:${r.column}: ${r.message}` };
    if (!headerSeen) {
      headerSeen = true;
      const h = parseHeader(r.value);
      return h.ok ? { kind: "header", header: h.value } : { kind: "error", error: `${name}:${item.line}: ${h.error}` };
    }
    const ev = parseEvent(r.value);
    return ev.ok ? { kind: "event", event: ev.value } : { kind: "error", error: `${name}:${item.line}: ${ev.error}` };
  };
  try {
    for await (const chunk of stream) {
      for (const item of split.push(chunk as Buffer)) {
        const rec = take(item);
        yield rec;
        if (rec.kind === "error") return;
      }
    }
    for (const item of split.end()) {
      const rec = take(item);
      yield rec;
      if (rec.kind === "error") return;
    }
  } catch (e) {
    yield { kind: "error", error: `${name}: ${(e as Error).message}` };
    return;
  } finally {
    stream.destroy();
  }
  if (!headerSeen) yield { kind: "error", error: `${name}: empty trace: expected a header line` };
}

export async function readTrace(input: Readable | string, name: string): Promise<Result<{ header: TraceHeader; events: TraceEvent[] }>> {
  let header: TraceHeader | undefined;
  const events: TraceEvent[] = [];
  for await (const r of traceRecords(input, name)) {
    if (r.kind === "error") return err(r.error);
    if (r.kind === "header") header = r.header;
    else events.push(r.event);
  }
  return header ? ok({ header, events }) : err(`${name}: empty trace: expected a header line`);
}
