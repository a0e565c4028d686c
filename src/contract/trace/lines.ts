// A bounded line splitter for NDJSON. readline buffers a whole line before it can be looked at,
// so a multi-gigabyte line would exhaust memory; this splitter keeps at most `maxBytes` of a
// line and reports longer lines as a located error while skipping their bytes. A line that lies
// within one chunk is handed out as a view of that chunk (no copy, no decoding): the reader
// parses the bytes directly (json-line.ts); only lines split across chunks are copied.
import { DEFAULT_LIMITS } from "../limits.ts";

export type LineItem =
  | { line: number; bytes: Buffer; start: number; end: number } // valid until the next push
  | { line: number; tooLong: number }; // the line's length in bytes (it was not kept)

export const MAX_LINE_BYTES = DEFAULT_LIMITS.maxLineBytes;
/**
 * The header holds every cell of the initial state, so it grows with the bounds (touches[t][h]
 * is T x H cells); it gets a larger, still bounded, allowance than event lines.
 */
export const MAX_HEADER_BYTES = DEFAULT_LIMITS.maxHeaderBytes;

/** The line's text (for readers that want a string; the checker parses the bytes). */
export function lineText(item: { bytes: Buffer; start: number; end: number }): string {
  return item.bytes.toString("utf8", item.start, item.end);
}

export class LineSplitter {
  private parts: Buffer[] = [];
  private partLen = 0;
  private skipping = false;
  private skipped = 0;
  private lineNo = 0;
  constructor(
    readonly maxBytes: number = MAX_LINE_BYTES,
    readonly maxFirstBytes: number = Math.max(maxBytes, MAX_HEADER_BYTES),
  ) {}

  /** The limit for the line being assembled (line 1 is the header). */
  private get limit(): number {
    return this.lineNo === 0 ? this.maxFirstBytes : this.maxBytes;
  }

  /** Feed a chunk; returns the complete lines it closed. */
  push(chunk: Buffer): LineItem[] {
    const out: LineItem[] = [];
    let pos = 0;
    for (;;) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) break;
      if (this.partLen === 0 && !this.skipping) this.closeView(chunk, pos, nl, out);
      else this.close(chunk.subarray(pos, nl), out);
      pos = nl + 1;
    }
    if (pos < chunk.length) this.keep(chunk.subarray(pos));
    return out;
  }

  /** End of input: the last line, if it had no trailing newline. */
  end(): LineItem[] {
    const out: LineItem[] = [];
    if (this.skipping || this.partLen > 0) this.close(Buffer.alloc(0), out);
    return out;
  }

  private keep(b: Buffer): void {
    if (this.skipping) {
      this.skipped += b.length;
      return;
    }
    if (this.partLen + b.length > this.limit) {
      this.skipping = true;
      this.skipped = this.partLen + b.length;
      this.parts = [];
      this.partLen = 0;
      return;
    }
    this.parts.push(Buffer.from(b)); // copy: the chunk buffer may be reused by the stream
    this.partLen += b.length;
  }

  /** A line wholly inside `chunk`: handed out as a view. */
  private closeView(chunk: Buffer, start: number, end: number, out: LineItem[]): void {
    const over = end - start > this.limit; // before the count moves on: line 1 has the header's limit
    const line = ++this.lineNo;
    if (over) out.push({ line, tooLong: end - start });
    else out.push({ line, bytes: chunk, start, end: end > start && chunk[end - 1] === 13 ? end - 1 : end }); // tolerate CRLF
  }

  private close(tail: Buffer, out: LineItem[]): void {
    const over = this.skipping || this.partLen + tail.length > this.limit;
    const line = ++this.lineNo;
    if (over) {
      out.push({ line, tooLong: this.skipped + this.partLen + tail.length });
    } else {
      const buf = this.partLen === 0 ? tail : Buffer.concat([...this.parts, tail]);
      let end = buf.length;
      if (end > 0 && buf[end - 1] === 13) end--; // tolerate CRLF
      out.push({ line, bytes: buf, start: 0, end });
    }
    this.parts = [];
    this.partLen = 0;
    this.skipping = false;
    this.skipped = 0;
  }
}
