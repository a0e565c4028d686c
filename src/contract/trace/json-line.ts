// A JSON parser for one trace line, working on the line's bytes. It accepts exactly RFC 8259
// JSON (what JSON.parse accepts, given valid UTF-8) and adds what the trace contract needs and
// JSON.parse cannot say: duplicate keys are rejected (JSON.parse keeps the last one), nesting
// depth is bounded before it can exhaust the stack, numbers must be finite, and invalid UTF-8,
// a byte order mark, binary bytes and raw control characters are named for what they are, with
// the column. It is faster than `toString` + `JSON.parse` on trace lines because it never
// decodes the line into a string first and interns the few short strings a trace repeats
// (keys, enum values), so a line allocates little beyond the objects themselves.

import { DEFAULT_LIMITS, LIMIT_FLAGS } from "../limits.ts";

export interface ParseLimits {
  /** objects/arrays nested deeper than this are refused */
  maxDepth: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxDepth: DEFAULT_LIMITS.maxDepth };

export type ParseResult = { ok: true; value: unknown } | { ok: false; column: number; message: string };

class ParseFail {
  constructor(
    readonly pos: number,
    readonly message: string,
  ) {}
}

// Interned short ASCII strings: a direct-mapped table keyed by a hash of the bytes, so memory
// is bounded (TABLE entries of at most MAX_INTERN bytes) whatever the input.
const TABLE = 4096;
const MAX_INTERN = 40;
const internBytes: (Uint8Array | undefined)[] = new Array(TABLE);
const internStr: string[] = new Array<string>(TABLE);

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Shows a byte of the input in a message: printable ASCII as itself, anything else as hex. */
function showByte(b: number | undefined): string {
  if (b === undefined) return "the end of the line";
  if (b >= 0x21 && b <= 0x7e) return `'${String.fromCharCode(b)}'`;
  if (b === 0x20) return "a space";
  if (b === 0) return "a NUL byte (binary data, not NDJSON text)";
  return `byte 0x${b.toString(16).padStart(2, "0")}${b < 0x20 || b === 0x7f ? " (a control character: binary data?)" : ""}`;
}

class Parser {
  p: number;
  private depth = 0;
  private readonly keyStack: string[][] = [];
  constructor(
    private readonly b: Uint8Array,
    start: number,
    private readonly end: number,
    private readonly maxDepth: number,
  ) {
    this.p = start;
  }

  fail(message: string, at = this.p): never {
    throw new ParseFail(at, message);
  }

  ws(): void {
    const b = this.b;
    let p = this.p;
    while (p < this.end) {
      const c = b[p]!;
      if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) p++;
      else break;
    }
    this.p = p;
  }

  unexpected(what: string): never {
    const c = this.p < this.end ? this.b[this.p] : undefined;
    if (c === 0xef && this.b[this.p + 1] === 0xbb && this.b[this.p + 2] === 0xbf)
      this.fail(`a UTF-8 byte order mark (EF BB BF) where ${what} was expected; traces are UTF-8 without a BOM`);
    if (c !== undefined && c >= 0x80) this.fail(`non-ASCII byte 0x${c.toString(16)} outside a string where ${what} was expected`);
    this.fail(`expected ${what}, got ${showByte(c)}`);
  }

  value(): unknown {
    this.ws();
    const c = this.b[this.p];
    if (this.p >= this.end) this.unexpected("a value");
    switch (c) {
      case 0x7b: return this.object();
      case 0x5b: return this.array();
      case 0x22: return this.string();
      case 0x74: return this.word("true", true);
      case 0x66: return this.word("false", false);
      case 0x6e: return this.word("null", null);
      default:
        if (c === 0x2d || (c! >= 0x30 && c! <= 0x39)) return this.number();
        return this.unexpected("a value (object, array, string, number, true, false or null)");
    }
  }

  word<T>(w: string, v: T): T {
    for (let i = 0; i < w.length; i++)
      if (this.b[this.p + i] !== w.charCodeAt(i) || this.p + i >= this.end) this.fail(`expected '${w}'`, this.p);
    this.p += w.length;
    return v;
  }

  enter(): void {
    if (++this.depth > this.maxDepth)
      this.fail(`nesting deeper than ${this.maxDepth} levels (a trace record nests 2; raise the limit with ${LIMIT_FLAGS.maxDepth})`);
  }

  object(): Record<string, unknown> {
    this.enter();
    this.p++;
    const o: Record<string, unknown> = {};
    // keys seen so far: a short list scanned by identity (keys are mostly interned), a Set
    // once the object is large (the header's init)
    const seen = this.keyStack[this.depth] ?? (this.keyStack[this.depth] = []);
    seen.length = 0;
    let seenSet: Set<string> | undefined;
    this.ws();
    if (this.b[this.p] === 0x7d && this.p < this.end) {
      this.p++;
      this.depth--;
      return o;
    }
    for (;;) {
      this.ws();
      if (this.b[this.p] !== 0x22 || this.p >= this.end) this.unexpected(`a key (a string in double quotes)`);
      const keyAt = this.p;
      const k = this.string();
      this.ws();
      if (this.b[this.p] !== 0x3a || this.p >= this.end) this.unexpected(`':' after the key ${JSON.stringify(k)}`);
      this.p++;
      const v = this.value();
      let dup = false;
      if (seenSet !== undefined) {
        dup = seenSet.has(k);
        seenSet.add(k);
      } else {
        for (let i = 0; i < seen.length; i++) if (seen[i] === k) dup = true;
        seen.push(k);
        if (seen.length > 16) seenSet = new Set(seen);
      }
      if (dup) this.fail(`duplicate key ${JSON.stringify(k)} in one object (JSON readers disagree on which value counts)`, keyAt);
      if (k === "__proto__") Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      else o[k] = v;
      this.ws();
      const c = this.b[this.p];
      if (this.p < this.end && c === 0x2c) {
        this.p++;
        continue;
      }
      if (this.p < this.end && c === 0x7d) {
        this.p++;
        this.depth--;
        return o;
      }
      this.unexpected(`',' or '}' in an object`);
    }
  }

  array(): unknown[] {
    this.enter();
    this.p++;
    const a: unknown[] = [];
    this.ws();
    if (this.b[this.p] === 0x5d && this.p < this.end) {
      this.p++;
      this.depth--;
      return a;
    }
    for (;;) {
      a.push(this.value());
      this.ws();
      const c = this.b[this.p];
      if (this.p < this.end && c === 0x2c) {
        this.p++;
        continue;
      }
      if (this.p < this.end && c === 0x5d) {
        this.p++;
        this.depth--;
        return a;
      }
      this.unexpected(`',' or ']' in an array`);
    }
  }

  string(): string {
    const b = this.b;
    const start = ++this.p;
    let p = start;
    let h = 0;
    const end = this.end;
    // Fast path: plain ASCII without escapes (every key and enum value of a trace).
    while (p < end) {
      const c = b[p]!;
      if (c === 0x22) {
        this.p = p + 1;
        const n = p - start;
        if (n > MAX_INTERN) return latin1(b, start, p);
        h = (h ^ n) & (TABLE - 1);
        const hit = internBytes[h];
        if (hit !== undefined && hit.length === n) {
          let i = 0;
          while (i < n && hit[i] === b[start + i]) i++;
          if (i === n) return internStr[h]!;
        }
        const s = latin1(b, start, p);
        internBytes[h] = b.slice(start, p);
        internStr[h] = s;
        return s;
      }
      if (c === 0x5c || c < 0x20 || c >= 0x80) break;
      h = (Math.imul(h, 31) + c) | 0;
      p++;
    }
    return this.slowString(start, p);
  }

  /** Strings with escapes or non-ASCII bytes: checked for control characters and valid UTF-8. */
  private slowString(start: number, from: number): string {
    const b = this.b;
    let p = from;
    let out = "";
    let runStart = start;
    let nonAscii = false;
    const flush = (to: number) => {
      if (to > runStart) out += nonAscii ? this.decodeUtf8(runStart, to) : latin1(b, runStart, to);
      nonAscii = false;
    };
    while (p < this.end) {
      const c = b[p]!;
      if (c === 0x22) {
        flush(p);
        this.p = p + 1;
        return out;
      }
      if (c === 0) this.fail(`NUL byte inside a string (binary data, not NDJSON text)`, p);
      if (c < 0x20) this.fail(`control character U+${c.toString(16).padStart(4, "0").toUpperCase()} inside a string (must be escaped; binary data?)`, p);
      if (c >= 0x80) nonAscii = true;
      if (c === 0x5c) {
        flush(p);
        const e = b[p + 1];
        if (p + 1 >= this.end) break;
        switch (e) {
          case 0x22: out += '"'; break;
          case 0x5c: out += "\\"; break;
          case 0x2f: out += "/"; break;
          case 0x62: out += "\b"; break;
          case 0x66: out += "\f"; break;
          case 0x6e: out += "\n"; break;
          case 0x72: out += "\r"; break;
          case 0x74: out += "\t"; break;
          case 0x75: {
            let u = 0;
            for (let i = 2; i < 6; i++) {
              const d = p + i < this.end ? hexVal(b[p + i]!) : -1;
              if (d < 0) this.fail(`'\\u' must be followed by 4 hex digits`, p);
              u = u * 16 + d;
            }
            out += String.fromCharCode(u);
            p += 4;
            break;
          }
          default:
            this.fail(`invalid escape '\\${e !== undefined && e >= 0x21 && e <= 0x7e ? String.fromCharCode(e) : `x${(e ?? 0).toString(16)}`}' in a string`, p);
        }
        p += 2;
        runStart = p;
        continue;
      }
      p++;
    }
    this.fail(`unterminated string (no closing '"' before the end of the line)`, start - 1);
  }

  private decodeUtf8(from: number, to: number): string {
    try {
      return utf8.decode(this.b.subarray(from, to));
    } catch {
      // find the first bad byte for the message
      let p = from;
      while (p < to) {
        const c = this.b[p]!;
        const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
        if (n === 0) break;
        try {
          utf8.decode(this.b.subarray(p, p + n));
        } catch {
          break;
        }
        p += n;
      }
      return this.fail(`invalid UTF-8 in a string (byte 0x${this.b[p]!.toString(16)}); traces are UTF-8 text`, p);
    }
  }

  number(): number {
    const b = this.b;
    const start = this.p;
    let p = start;
    const end = this.end;
    let neg = false;
    if (b[p] === 0x2d) {
      neg = true;
      p++;
    }
    let c = p < end ? b[p]! : -1;
    if (c === 0x30) {
      p++;
      c = p < end ? b[p]! : -1;
      if (c >= 0x30 && c <= 0x39) this.fail(`a number must not have a leading zero`, start);
    } else if (c >= 0x31 && c <= 0x39) {
      let v = 0;
      let digits = 0;
      while (c >= 0x30 && c <= 0x39) {
        v = v * 10 + (c - 0x30);
        digits++;
        p++;
        c = p < end ? b[p]! : -1;
      }
      if (c !== 0x2e && c !== 0x65 && c !== 0x45 && digits <= 15) {
        this.p = p;
        return neg ? -v : v;
      }
    } else this.fail(`expected a digit after '-'`, p);
    if (c === 0x2e) {
      p++;
      c = p < end ? b[p]! : -1;
      if (!(c >= 0x30 && c <= 0x39)) this.fail(`expected a digit after the decimal point`, p);
      while (c >= 0x30 && c <= 0x39) c = ++p < end ? b[p]! : -1;
    }
    if (c === 0x65 || c === 0x45) {
      p++;
      c = p < end ? b[p]! : -1;
      if (c === 0x2b || c === 0x2d) c = ++p < end ? b[p]! : -1;
      if (!(c >= 0x30 && c <= 0x39)) this.fail(`expected a digit in the exponent`, p);
      while (c >= 0x30 && c <= 0x39) c = ++p < end ? b[p]! : -1;
    }
    this.p = p;
    const text = latin1(b, start, p);
    const v = Number(text);
    if (!Number.isFinite(v)) this.fail(`number ${text.length > 40 ? `${text.slice(0, 37)}...` : text} is too large to be a finite number`, start);
    return v;
  }
}

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

function latin1(b: Uint8Array, from: number, to: number): string {
  const n = to - from;
  if (n <= 16) {
    // short strings: cheaper than a call into Buffer's native decoder
    let s = "";
    for (let i = from; i < to; i++) s += String.fromCharCode(b[i]!);
    return s;
  }
  return Buffer.prototype.latin1Slice.call(b, from, to) as string;
}

/**
 * Parses `bytes[start, end)` as one JSON value (surrounding whitespace allowed). `column` in an
 * error is 1-based, counted in bytes from `start`.
 */
export function parseJsonLine(bytes: Uint8Array, start = 0, end = bytes.length, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ParseResult {
  if (bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf && end - start >= 3)
    return { ok: false, column: 1, message: "the line starts with a UTF-8 byte order mark (EF BB BF); traces are UTF-8 without a BOM (re-save the file without it)" };
  const ps = new Parser(bytes, start, end, limits.maxDepth);
  try {
    const v = ps.value();
    ps.ws();
    const at = ps.p;
    if (at < end) return { ok: false, column: at - start + 1, message: `expected the end of the line after the value, got ${showByte(bytes[at])}` };
    return { ok: true, value: v };
  } catch (e) {
    if (e instanceof ParseFail) return { ok: false, column: e.pos - start + 1, message: e.message };
    throw e;
  }
}
