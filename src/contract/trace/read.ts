// Read a whole NDJSON trace into memory (for ITF export; the checker itself streams).
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { LineSplitter } from "./lines.ts";
import { parseEvent, parseHeader } from "./parse.ts";
import type { TraceEvent, TraceHeader } from "./types.ts";
import type { Result } from "../result.ts";
import { err, ok } from "../result.ts";

export async function readTrace(input: Readable | string, name: string): Promise<Result<{ header: TraceHeader; events: TraceEvent[] }>> {
  const stream = typeof input === "string" ? createReadStream(input) : input;
  const split = new LineSplitter();
  let header: TraceHeader | undefined;
  const events: TraceEvent[] = [];
  try {
    for await (const chunk of stream) {
      for (const item of split.push(chunk as Buffer)) {
        const e = take(item);
        if (e) return err(e);
      }
    }
    for (const item of split.end()) {
      const e = take(item);
      if (e) return err(e);
    }
  } catch (e) {
    return err(`${name}: ${(e as Error).message}`);
  }
  if (!header) return err(`${name}: empty trace: expected a header line`);
  return ok({ header, events });

  function take(item: { line: number; text: string } | { line: number; tooLong: number }): string | undefined {
    if ("tooLong" in item) return `${name}:${item.line}: line too long (${item.tooLong} bytes)`;
    if (item.text.trim() === "") return `${name}:${item.line}: empty line`;
    let v: unknown;
    try {
      v = JSON.parse(item.text);
    } catch (e) {
      return `${name}:${item.line}: malformed JSON: ${(e as Error).message}`;
    }
    if (!header) {
      const h = parseHeader(v);
      if (!h.ok) return `${name}:${item.line}: ${h.error}`;
      header = h.value;
    } else {
      const ev = parseEvent(v);
      if (!ev.ok) return `${name}:${item.line}: ${ev.error}`;
      events.push(ev.value);
    }
    return undefined;
  }
}
