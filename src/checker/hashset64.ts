/**
 * A set of 64-bit hashes given as two int32 halves, stored in one Int32Array with linear
 * probing: no per-entry allocation (a JS Set of 53-bit numbers boxes each one as a heap number,
 * which dominated the replay loop when a trace visits ~10^5 distinct states).
 */
export class HashSet64 {
  private table: Int32Array;
  private used: Uint8Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.table = new Int32Array(n * 2);
    this.used = new Uint8Array(n);
    this.mask = n - 1;
  }

  /** Adds (a, b); returns true when it was not present. */
  add(a: number, b: number): boolean {
    if ((this.size + 1) * 2 > this.used.length) this.grow();
    let i = (Math.imul(a ^ (b >>> 7), 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      if (!this.used[i]) {
        this.used[i] = 1;
        this.table[2 * i] = a;
        this.table[2 * i + 1] = b;
        this.size++;
        return true;
      }
      if (this.table[2 * i] === (a | 0) && this.table[2 * i + 1] === (b | 0)) return false;
      i = (i + 1) & this.mask;
    }
  }

  has(a: number, b: number): boolean {
    let i = (Math.imul(a ^ (b >>> 7), 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      if (!this.used[i]) return false;
      if (this.table[2 * i] === (a | 0) && this.table[2 * i + 1] === (b | 0)) return true;
      i = (i + 1) & this.mask;
    }
  }

  /** Adds every entry of `other`. */
  addAll(other: HashSet64): void {
    other.forEach((a, b) => this.add(a, b));
  }

  forEach(f: (a: number, b: number) => void): void {
    for (let i = 0; i < this.used.length; i++) if (this.used[i]) f(this.table[2 * i]!, this.table[2 * i + 1]!);
  }

  private grow(): void {
    const oldT = this.table, oldU = this.used;
    const n = oldU.length * 2;
    this.table = new Int32Array(n * 2);
    this.used = new Uint8Array(n);
    this.mask = n - 1;
    this.size = 0;
    for (let i = 0; i < oldU.length; i++) if (oldU[i]) this.add(oldT[2 * i]!, oldT[2 * i + 1]!);
  }
}
