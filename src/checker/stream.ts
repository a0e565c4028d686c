// I/O edge: feed a byte stream (file or stdin) line by line into a TraceChecker. Stops reading
// at the first divergence; never holds more than one chunk plus one line.
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { LineSplitter } from "../contract/trace/lines.ts";
import { TraceChecker, type CheckOptions, type TraceResult } from "./check.ts";

export async function checkStream(input: Readable, file: string, opts: CheckOptions, maxLineBytes?: number): Promise<TraceResult> {
  const c = new TraceChecker(file, opts);
  const lineLimit = maxLineBytes ?? c.limits.maxLineBytes;
  const split = new LineSplitter(lineLimit, Math.max(lineLimit, c.limits.maxHeaderBytes));
  let last = 0;
  try {
    for await (const chunk of input) {
      const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
      for (const item of split.push(buf)) {
        last = item.line;
        if (c.needsHeader) await c.line(item);
        else c.eventLine(item);
        if (c.done) break;
      }
      if (c.done) break;
    }
    if (!c.done) for (const item of split.end()) {
      last = item.line;
      await c.line(item);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    c.fail(last + 1, "io", `cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message}`);
  } finally {
    input.destroy();
  }
  return c.finish(last);
}

export function checkFile(file: string, opts: CheckOptions, maxLineBytes?: number): Promise<TraceResult> {
  return checkStream(createReadStream(file, { highWaterMark: 1 << 16 }), file, opts, maxLineBytes);
}
