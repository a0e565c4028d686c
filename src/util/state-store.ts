// The explorer's visited-state store: every distinct state once, as `words` packed 32-bit
// words in one dense typed array (insertion order = BFS order, so a state's number is its
// place in the queue), an open-addressing hash index over it, and per state the parent number
// and which enabled action led there (enough to replay the path). About 4*words + 13 bytes per
// state instead of the object graphs and key strings of a Set<string> and a frontier of systems.

/** What the store costs and holds; the figures the explorer reports. */
export interface StoreStats {
  readonly states: number;
  readonly bytes: number;
}

const EMPTY = 0;
const MIN_CAPACITY = 1 << 12;

function hashWords(src: Uint32Array, at: number, words: number): number {
  let h = 0x811c9dc5 ^ words;
  for (let i = 0; i < words; i++) {
    let k = src[at + i]!;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class StateStore {
  private keys: Uint32Array;
  private parents: Int32Array;
  private via: Uint16Array;
  /** index + 1 of the state in each slot; 0 = empty. Load factor kept at or below 1/2. */
  private index: Int32Array;
  private mask: number;
  private n = 0;

  /** `limit` bounds every allocation: the store never grows past it (insert reports "full"). */
  constructor(readonly words: number, readonly limit: number) {
    if (!Number.isInteger(words) || words < 1) throw new RangeError(`state store: words must be a positive integer, got ${words}`);
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`state store: limit must be a positive integer, got ${limit}`);
    const cap = Math.min(MIN_CAPACITY, limit);
    this.keys = new Uint32Array(cap * words);
    this.parents = new Int32Array(cap);
    this.via = new Uint16Array(cap);
    const slots = nextPow2(cap * 2);
    this.index = new Int32Array(slots);
    this.mask = slots - 1;
  }

  get size(): number {
    return this.n;
  }

  /**
   * Add the state in `src[at .. at+words)`. Returns its number if it is new, -1 if it was
   * already there, -2 if the store is full (`limit` states).
   */
  insert(src: Uint32Array, at: number, parent: number, via: number): number {
    const w = this.words;
    let slot = hashWords(src, at, w) & this.mask;
    for (;;) {
      const e = this.index[slot]!;
      if (e === EMPTY) break;
      if (this.equals(e - 1, src, at)) return -1;
      slot = (slot + 1) & this.mask;
    }
    if (this.n >= this.limit) return -2;
    if (this.n === this.parents.length) this.grow();
    const id = this.n++;
    this.keys.set(src.subarray(at, at + w), id * w);
    this.parents[id] = parent;
    this.via[id] = via;
    if (this.n * 2 > this.index.length) this.rehash();
    else this.index[slot] = id + 1;
    return id;
  }

  /** The packed words of state `id` live in `buffer()` at `id * words`. */
  buffer(): Uint32Array {
    return this.keys;
  }

  parent(id: number): number {
    return this.parents[id]!;
  }

  viaIndex(id: number): number {
    return this.via[id]!;
  }

  stats(): StoreStats {
    return { states: this.n, bytes: this.keys.byteLength + this.parents.byteLength + this.via.byteLength + this.index.byteLength };
  }

  private equals(id: number, src: Uint32Array, at: number): boolean {
    const w = this.words;
    const base = id * w;
    for (let i = 0; i < w; i++) if (this.keys[base + i] !== src[at + i]) return false;
    return true;
  }

  private grow(): void {
    const cap = Math.min(this.limit, this.parents.length * 2);
    const keys = new Uint32Array(cap * this.words);
    keys.set(this.keys);
    this.keys = keys;
    const parents = new Int32Array(cap);
    parents.set(this.parents);
    this.parents = parents;
    const via = new Uint16Array(cap);
    via.set(this.via);
    this.via = via;
  }

  private rehash(): void {
    const slots = this.index.length * 2;
    const index = new Int32Array(slots);
    const mask = slots - 1;
    for (let id = 0; id < this.n; id++) {
      let slot = hashWords(this.keys, id * this.words, this.words) & mask;
      while (index[slot] !== EMPTY) slot = (slot + 1) & mask;
      index[slot] = id + 1;
    }
    this.index = index;
    this.mask = mask;
  }
}

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
