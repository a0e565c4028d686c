// Fixed-layout bit packing into 32-bit words, so that an explored state is a few words instead
// of an object graph or a key string. Fields are at most 31 bits wide and span at most two words.

/** Bits needed to store the values 0..n-1 (none when there is only one value). */
export function bitsFor(n: number): number {
  return n <= 1 ? 0 : 32 - Math.clz32(n - 1);
}

/** Writes fields into a scratch buffer of fixed size; `begin` clears it. */
export class BitWriter {
  readonly buf: Uint32Array;
  private pos = 0;

  constructor(words: number) {
    this.buf = new Uint32Array(words);
  }

  begin(): void {
    this.buf.fill(0);
    this.pos = 0;
  }

  /** Write 0 <= v < 2^width. A layout that overflows its buffer is a codec bug: throw. */
  put(v: number, width: number): void {
    if (width === 0) return;
    if (v >>> width !== 0 || v < 0) throw new RangeError(`bit packing: value ${v} does not fit in ${width} bits`);
    const w = this.pos >>> 5;
    const off = this.pos & 31;
    if (((this.pos + width - 1) >>> 5) >= this.buf.length) throw new RangeError("bit packing: the layout exceeds its word count");
    this.buf[w] = (this.buf[w]! | (v << off)) >>> 0;
    if (off + width > 32) this.buf[w + 1] = (this.buf[w + 1]! | (v >>> (32 - off))) >>> 0;
    this.pos += width;
  }

  get bits(): number {
    return this.pos;
  }
}

/** Reads fields back in the order they were written, from any word array at any offset. */
export class BitReader {
  private src: Uint32Array = new Uint32Array(0);
  private base = 0;
  private pos = 0;

  begin(src: Uint32Array, base: number): void {
    this.src = src;
    this.base = base;
    this.pos = 0;
  }

  get(width: number): number {
    if (width === 0) return 0;
    const w = this.base + (this.pos >>> 5);
    const off = this.pos & 31;
    let v = this.src[w]! >>> off;
    if (off + width > 32) v |= this.src[w + 1]! << (32 - off);
    this.pos += width;
    return v & ((1 << width) - 1);
  }
}
