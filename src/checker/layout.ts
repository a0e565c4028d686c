// Cell layout: a state is a flat array of scalars, one slot per cell key ("name", "name[i]",
// "name[i][j]"). Slots make the replay loop allocation-light; keys appear only at the edges
// (trace I/O, reports).
import type { Bounds, RulesDoc, Scalar, VariableDecl } from "../contract/rules/types.ts";
import type { Result } from "../contract/result.ts";
import { err, ok } from "../contract/result.ts";

export interface VarLayout {
  decl: VariableDecl;
  offset: number;
  dims: number[];
  strides: number[];
  size: number;
}

export interface Layout {
  vars: Map<string, VarLayout>;
  /** slot -> cell key */
  keys: string[];
  /** slot -> the variable declaration owning it */
  owner: VariableDecl[];
  slotOf: Map<string, number>;
  size: number;
}

export type State = Scalar[];

/** The size of a domain ("handle") under given bounds, via the rules' domain->bound map. */
export function domainSize(rules: RulesDoc, bounds: Bounds, domain: string): Result<number> {
  const boundName = rules.domains[domain] ?? domain;
  const n = bounds[boundName];
  if (n === undefined) return err(`bounds has no '${boundName}' (needed for domain '${domain}')`);
  if (!Number.isInteger(n) || n < 0) return err(`bound '${boundName}' must be a non-negative integer, got ${JSON.stringify(n)}`);
  return ok(n);
}

export function cellKey(name: string, idx: readonly number[]): string {
  let k = name;
  for (const i of idx) k += `[${i}]`;
  return k;
}

export function buildLayout(rules: RulesDoc, bounds: Bounds): Result<Layout> {
  const vars = new Map<string, VarLayout>();
  const keys: string[] = [];
  const owner: VariableDecl[] = [];
  const slotOf = new Map<string, number>();
  let offset = 0;
  for (const decl of rules.variables) {
    if (vars.has(decl.name)) return err(`variable '${decl.name}' declared twice`);
    const dims: number[] = [];
    for (const d of decl.index) {
      const n = domainSize(rules, bounds, d);
      if (!n.ok) return err(`variable '${decl.name}': ${n.error}`);
      dims.push(n.value);
    }
    const strides = new Array<number>(dims.length).fill(1);
    for (let i = dims.length - 2; i >= 0; i--) strides[i] = strides[i + 1]! * dims[i + 1]!;
    const size = dims.reduce((a, b) => a * b, 1);
    vars.set(decl.name, { decl, offset, dims, strides, size });
    // enumerate index tuples in row-major order with an odometer (no per-cell closures)
    const idx = new Array<number>(dims.length).fill(0);
    for (let s = 0; s < size; s++) {
      let key = decl.name;
      for (let d = 0; d < idx.length; d++) key += "[" + idx[d] + "]";
      keys.push(key);
      owner.push(decl);
      slotOf.set(key, offset + s);
      for (let d = idx.length - 1; d >= 0; d--) {
        if (++idx[d]! < dims[d]!) break;
        idx[d] = 0;
      }
    }
    offset += size;
  }
  return ok({ vars, keys, owner, slotOf, size: offset });
}

/** The index tuple of a slot's cell. */
export function indicesOf(layout: Layout, slot: number): number[] {
  const v = layout.vars.get(layout.owner[slot]!.name)!;
  const rel = slot - v.offset;
  return v.dims.map((d, i) => Math.floor(rel / v.strides[i]!) % d);
}

/** Does `v` belong to the declared type? (int ranges are not enforced: they depend on bounds.) */
export function typeError(decl: VariableDecl, v: unknown): string | undefined {
  const t = decl.type;
  if ("bool" in t) return typeof v === "boolean" ? undefined : "a boolean";
  if ("int" in t) return typeof v === "number" && Number.isInteger(v) ? undefined : "an integer";
  return typeof v === "string" && t.enum.includes(v) ? undefined : `one of ${t.enum.map((e) => JSON.stringify(e)).join(", ")}`;
}

export function stateToRecord(layout: Layout, s: readonly Scalar[]): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (let i = 0; i < layout.size; i++) out[layout.keys[i]!] = s[i]!;
  return out;
}

/**
 * Incremental (Zobrist-style) state hashing: the hash is the XOR of a per-(slot, value) code,
 * so a step updates it in O(cells written) instead of rehashing the whole state.
 */
const strCodes = new Map<string, number>();
function valueCode(v: Scalar): number {
  if (typeof v === "boolean") return v ? 0x9e3779b1 : 0x7f4a7c15;
  if (typeof v === "number") return Math.imul(v | 0, 0x85ebca6b) ^ 0x27d4eb2f;
  let c = strCodes.get(v);
  if (c === undefined) {
    c = 0x811c9dc5;
    for (let i = 0; i < v.length; i++) c = Math.imul(c ^ v.charCodeAt(i), 16777619);
    strCodes.set(v, c);
  }
  return c;
}
function mix(x: number, seed: number): number {
  x = Math.imul(x ^ seed, 0xcc9e2d51);
  x = (x << 15) | (x >>> 17);
  x = Math.imul(x, 0x1b873593);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}
export function cellCode1(slot: number, v: Scalar): number {
  return mix(valueCode(v) ^ Math.imul(slot + 1, 0x9e3779b1), 0x1234567);
}
export function cellCode2(slot: number, v: Scalar): number {
  return mix(valueCode(v) + Math.imul(slot + 7, 0x632be5ab), 0x7654321);
}
export class StateHasher {
  h1 = 0;
  h2 = 0;
  reset(s: readonly Scalar[]): void {
    this.h1 = 0;
    this.h2 = 0;
    for (let i = 0; i < s.length; i++) this.toggle(i, s[i]!);
  }
  toggle(slot: number, v: Scalar): void {
    this.h1 ^= cellCode1(slot, v);
    this.h2 ^= cellCode2(slot, v);
  }
  /** A 53-bit number usable as a Set key. */
  get value(): number {
    return (this.h1 >>> 0) + (this.h2 & 0x1fffff) * 4294967296;
  }
}
