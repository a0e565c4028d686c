// Seeded trace mutants for the reliability fuzz suite (issue 9). Pure: a valid trace's text in,
// one mutant's bytes out, with what the checker must do with it:
//   mustReject  the mutant is invalid by construction (a changed post value, a dropped changed
//               cell, a flipped outcome, a wrong process, a duplicate key with the wrong value
//               first, a BOM, a NUL, a non-finite number, invalid UTF-8, nesting beyond the
//               limit, bounds beyond the limit, a truncated line); accepting it is a false accept
//   otherwise   random damage that may or may not leave a valid trace; the checker must only
//               answer (no exception), quickly, with a located, escaped message.

export type Scalar = boolean | number | string;
type Obj = Record<string, unknown>;

export interface Mutant {
  kind: string;
  mustReject: boolean;
  bytes: Buffer;
}

// The same seeded mulberry32 the checker's trace generator uses.
export { rng } from "../../src/checker/generate.ts";

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: () => number, n: number): number => Math.floor(r() * n);

/** A parsed valid trace: its lines, and the state before each event (index i: before line i). */
export interface Seed {
  name: string;
  lines: string[];
  header: Obj;
  events: Obj[];
  /** values each cell takes anywhere in the trace, to pick realistic wrong values */
  values: Map<string, Scalar[]>;
  /** pre[i] = state before events[i] */
  pre: Record<string, Scalar>[];
}

export function seedOf(name: string, text: string): Seed {
  const lines = text.split("\n").filter((l) => l !== "");
  const header = JSON.parse(lines[0]!) as Obj;
  const events = lines.slice(1).map((l) => JSON.parse(l) as Obj);
  const values = new Map<string, Scalar[]>();
  const note = (k: string, v: Scalar) => {
    const base = k.replace(/\[.*$/, "");
    const vs = values.get(base) ?? [];
    if (!vs.includes(v)) vs.push(v);
    values.set(base, vs);
  };
  let s = { ...(header.init as Record<string, Scalar>) };
  for (const [k, v] of Object.entries(s)) note(k, v);
  const pre: Record<string, Scalar>[] = [];
  for (const e of events) {
    pre.push(s);
    s = { ...s, ...(e.post as Record<string, Scalar>) };
    for (const [k, v] of Object.entries(e.post as Record<string, Scalar>)) note(k, v);
  }
  return { name, lines, header, events, values, pre };
}

/** A value of the same type as `v` that differs from it. */
function otherValue(r: () => number, seed: Seed, cell: string, v: Scalar): Scalar {
  if (typeof v === "boolean") return !v;
  if (typeof v === "number") return v + 1 + int(r, 2);
  const alts = (seed.values.get(cell.replace(/\[.*$/, "")) ?? []).filter((x) => x !== v && typeof x === "string");
  return alts.length > 0 ? pick(r, alts) : `${v}x`;
}

const join = (lines: string[]): Buffer => Buffer.from(lines.join("\n") + "\n");
const withLine = (lines: string[], i: number, text: string): string[] => lines.map((l, j) => (j === i ? text : l));
const eventIndexes = (s: Seed, f: (e: Obj, i: number) => boolean): number[] => s.events.map((e, i) => (f(e, i) ? i : -1)).filter((i) => i >= 0);

function deep(n: number): string {
  return "[".repeat(n) + "]".repeat(n);
}

/** Every mutation: kind, whether it must be rejected, and how to make it (undefined: not applicable). */
export const NDJSON_MUTATIONS: { kind: string; mustReject: boolean; make: (s: Seed, r: () => number) => Buffer | undefined }[] = [
  {
    kind: "post-value", mustReject: true,
    make: (s, r) => {
      const idx = eventIndexes(s, (e) => Object.keys(e.post as Obj).length > 0);
      if (idx.length === 0) return undefined;
      const i = pick(r, idx);
      const post = { ...(s.events[i]!.post as Record<string, Scalar>) };
      const k = pick(r, Object.keys(post));
      post[k] = otherValue(r, s, k, post[k]!);
      return join(withLine(s.lines, i + 1, JSON.stringify({ ...s.events[i], post })));
    },
  },
  {
    kind: "drop-changed-cell", mustReject: true,
    make: (s, r) => {
      const changed = (i: number) => Object.entries(s.events[i]!.post as Record<string, Scalar>).filter(([k, v]) => s.pre[i]![k] !== v).map(([k]) => k);
      const idx = eventIndexes(s, (_, i) => changed(i).length > 0);
      if (idx.length === 0) return undefined;
      const i = pick(r, idx);
      const post = { ...(s.events[i]!.post as Record<string, Scalar>) };
      delete post[pick(r, changed(i))];
      return join(withLine(s.lines, i + 1, JSON.stringify({ ...s.events[i], post })));
    },
  },
  {
    kind: "flip-outcome", mustReject: true,
    make: (s, r) => {
      if (s.events.length === 0) return undefined;
      const i = int(r, s.events.length);
      const e = s.events[i]!;
      return join(withLine(s.lines, i + 1, JSON.stringify({ ...e, outcome: e.outcome === "ok" ? "crash" : "ok" })));
    },
  },
  {
    // Pending issue 9 finding 1 (exact process matching, owned by another change): counted apart.
    kind: "wrong-process", mustReject: true,
    make: (s, r) => {
      if (s.events.length === 0) return undefined;
      const i = int(r, s.events.length);
      const e = s.events[i]!;
      const p = String(e.process);
      const m = /^(cleaner|consumer):(\d+)$/.exec(p);
      const others = ["api", "batcher", "slc", "shapecache", "replication", "supervisor"].filter((x) => x !== p);
      const wrong = m && r() < 0.7 ? `${m[1]}:${Number(m[2]) + 1 + int(r, 2)}` : pick(r, others);
      return join(withLine(s.lines, i + 1, JSON.stringify({ ...e, process: wrong })));
    },
  },
  {
    kind: "duplicate-key-wrong-first", mustReject: true,
    make: (s, r) => {
      const idx = eventIndexes(s, (e) => Object.keys(e.post as Obj).length > 0);
      if (idx.length === 0) return undefined;
      const i = pick(r, idx);
      const post = s.events[i]!.post as Record<string, Scalar>;
      const k = pick(r, Object.keys(post));
      const line = s.lines[i + 1]!;
      const at = line.indexOf(`"post":{`) + `"post":{`.length;
      const dup = `${JSON.stringify(k)}:${JSON.stringify(otherValue(r, s, k, post[k]!))},`;
      return join(withLine(s.lines, i + 1, line.slice(0, at) + dup + line.slice(at)));
    },
  },
  {
    kind: "bom", mustReject: true,
    make: (s, r) => {
      const i = r() < 0.5 ? 0 : int(r, s.lines.length);
      return join(withLine(s.lines, i, "\ufeff" + s.lines[i]));
    },
  },
  {
    kind: "control-byte", mustReject: true,
    make: (s, r) => {
      const i = int(r, s.lines.length);
      const b = Buffer.from(s.lines[i]!);
      const at = 1 + int(r, b.length - 1);
      const c = pick(r, [0x00, 0x01, 0x08, 0x1b, 0x1f, 0x7f]);
      // inside a string a raw control byte is invalid JSON; outside, any of these is
      const out = Buffer.concat([b.subarray(0, at), Buffer.from([c]), b.subarray(at)]);
      if (c === 0x7f && !insideString(b, at)) return Buffer.concat([Buffer.from(s.lines.slice(0, i).map((l) => l + "\n").join("")), out, Buffer.from("\n" + s.lines.slice(i + 1).map((l) => l + "\n").join(""))]);
      if (c === 0x7f) return undefined; // DEL inside a string is legal JSON
      return Buffer.concat([Buffer.from(s.lines.slice(0, i).map((l) => l + "\n").join("")), out, Buffer.from("\n" + s.lines.slice(i + 1).map((l) => l + "\n").join(""))]);
    },
  },
  {
    kind: "non-finite-number", mustReject: true,
    make: (s, r) => {
      const i = int(r, s.lines.length);
      const nums = [...s.lines[i]!.matchAll(/:(-?\d+)(?=[,}])/g)];
      if (nums.length === 0) return undefined;
      const m = pick(r, nums);
      const line = s.lines[i]!;
      return join(withLine(s.lines, i, line.slice(0, m.index! + 1) + pick(r, ["1e999", "-1e999", "123e400"]) + line.slice(m.index! + 1 + m[1]!.length)));
    },
  },
  {
    kind: "invalid-utf8", mustReject: true,
    make: (s, r) => {
      const i = int(r, s.lines.length);
      const b = Buffer.from(s.lines[i]!);
      const quotes = [...b.keys()].filter((j) => b[j] === 0x22 && insideString(b, j + 1));
      if (quotes.length === 0) return undefined;
      const at = pick(r, quotes) + 1;
      const bad = pick(r, [[0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80]]);
      const out = Buffer.concat([b.subarray(0, at), Buffer.from(bad), b.subarray(at)]);
      return Buffer.concat([Buffer.from(s.lines.slice(0, i).map((l) => l + "\n").join("")), out, Buffer.from("\n" + s.lines.slice(i + 1).map((l) => l + "\n").join(""))]);
    },
  },
  {
    kind: "deep-nesting", mustReject: true,
    make: (s, r) => {
      const i = int(r, s.lines.length);
      const line = s.lines[i]!;
      const n = pick(r, [40, 1000, 5000, 100000]);
      const at = line.indexOf(r() < 0.5 ? `"post":` : `"kind":`);
      if (at < 0) return undefined;
      return join(withLine(s.lines, i, `${line.slice(0, at)}"x":${deep(n)},${line.slice(at)}`));
    },
  },
  {
    kind: "huge-bounds", mustReject: true,
    make: (s, r) => {
      const b = { ...(s.header.bounds as Record<string, number>) };
      b[pick(r, Object.keys(b))] = pick(r, [100_000_000, 750_016, 2 ** 31, 2 ** 53 - 1, 10_001]);
      return join(withLine(s.lines, 0, JSON.stringify({ ...s.header, bounds: b })));
    },
  },
  {
    kind: "truncated-line", mustReject: true,
    make: (s, r) => {
      const i = int(r, s.lines.length);
      const line = s.lines[i]!;
      return join(withLine(s.lines, i, line.slice(0, 1 + int(r, line.length - 2))));
    },
  },
  {
    kind: "byte-damage", mustReject: false,
    make: (s, r) => {
      const b = join(s.lines);
      for (let n = 1 + int(r, 3); n > 0; n--) b[int(r, b.length)] = int(r, 256);
      return b;
    },
  },
  {
    kind: "line-shuffle", mustReject: false,
    make: (s, r) => {
      const ls = s.lines.slice();
      const op = int(r, 3);
      const i = int(r, ls.length);
      if (op === 0) ls.splice(i, 1);
      else if (op === 1) ls.splice(i, 0, ls[int(r, ls.length)]!);
      else {
        const j = int(r, ls.length);
        [ls[i], ls[j]] = [ls[j]!, ls[i]!];
      }
      return join(ls);
    },
  },
  {
    kind: "junk-insert", mustReject: false,
    make: (s, r) => {
      const text = join(s.lines).toString("utf8");
      const at = int(r, text.length);
      const junk = pick(r, ["{", "}", ",", '"', "\\", "\n", " ", "null", '"__proto__":{"x":1},', '"constructor":{"prototype":{"y":1}},', "\u001b]0;pwned\u0007", "\\u001b[2J", "[", "0", "-", "1e5", "\r\n"]);
      return Buffer.from(text.slice(0, at) + junk + text.slice(at));
    },
  },
];

/** True when byte `at` of a JSON line is inside a string literal. */
function insideString(b: Uint8Array, at: number): boolean {
  let inside = false;
  for (let i = 0; i < at; i++) {
    if (b[i] === 0x5c && inside) i++;
    else if (b[i] === 0x22) inside = !inside;
  }
  return inside;
}

export function ndjsonMutant(s: Seed, r: () => number): Mutant {
  for (;;) {
    const m = pick(r, NDJSON_MUTATIONS);
    const bytes = m.make(s, r);
    if (bytes) return { kind: m.kind, mustReject: m.mustReject, bytes };
  }
}

// ---- ITF ----

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Paths to every boolean and #bigint in states[i] (i >= 1) outside the meta variables. */
function itfLeaves(doc: { states: Json[] }, meta: Set<string>): { state: number; path: (string | number)[] }[] {
  const out: { state: number; path: (string | number)[] }[] = [];
  const walk = (v: Json, state: number, path: (string | number)[]) => {
    if (typeof v === "boolean") out.push({ state, path });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, state, [...path, i]));
    else if (v !== null && typeof v === "object") {
      if (typeof v["#bigint"] === "string") out.push({ state, path });
      else for (const [k, x] of Object.entries(v)) if (!(path.length === 0 && (meta.has(k) || k.startsWith("#") || k.startsWith("mbt::")))) walk(x, state, [...path, k]);
    }
  };
  doc.states.forEach((st, i) => {
    if (i > 0) walk(st, i, []);
  });
  // A changed map key or set member moves a value to another index, which may be legal.
  const isKey = (p: (string | number)[]) => p.includes("#set") || p.some((x, j) => x === "#map" && p[j + 2] === 0);
  return out.filter((l) => !isKey(l.path));
}

function getAt(v: Json, path: (string | number)[]): Json {
  let x = v;
  for (const p of path) x = (x as Record<string | number, Json>)[p]!;
  return x;
}
function setAt(v: Json, path: (string | number)[], value: Json): void {
  const parent = getAt(v, path.slice(0, -1)) as Record<string | number, Json>;
  parent[path.at(-1)!] = value;
}

const ITF_META = new Set(["action", "params", "process", "outcome", "seq"]);

export const ITF_MUTATIONS: { kind: string; mustReject: boolean; make: (text: string, r: () => number) => Buffer | undefined }[] = [
  {
    // A state holds every cell, so any changed boolean or integer in a later state is wrong.
    kind: "itf-state-value", mustReject: true,
    make: (text, r) => {
      const doc = JSON.parse(text) as { states: Json[] };
      const leaves = itfLeaves(doc, ITF_META);
      if (leaves.length === 0) return undefined;
      const l = pick(r, leaves);
      const st = doc.states[l.state]!;
      const v = getAt(st, l.path);
      setAt(st, l.path, typeof v === "boolean" ? !v : { "#bigint": String(Number((v as { "#bigint": string })["#bigint"]) + 1) });
      return Buffer.from(JSON.stringify(doc));
    },
  },
  {
    kind: "itf-deep-nesting", mustReject: true,
    make: (text, r) => {
      const n = pick(r, [1000, 5000, 100000]);
      const at = text.indexOf(`"states":[`) + `"states":[`.length;
      return Buffer.from(`${text.slice(0, at)}{"x":${"[".repeat(n)}${"]".repeat(n)}},${text.slice(at)}`);
    },
  },
  {
    kind: "itf-huge-map-key", mustReject: true,
    make: (text, r) => {
      const doc = JSON.parse(text) as { states: Record<string, Json>[]; "#meta"?: Record<string, Json> };
      if (doc["#meta"]) delete doc["#meta"].bounds; // bounds inferred from the states
      const st = doc.states[0]!;
      const maps = Object.keys(st).filter((k) => typeof st[k] === "object" && st[k] !== null && "#map" in (st[k] as object));
      if (maps.length === 0) return undefined;
      const k = pick(r, maps);
      const m = (st[k] as { "#map": Json[][] })["#map"];
      m.push([{ "#bigint": String(pick(r, [20_000_000, 2 ** 40, 65_536])) }, m[0]?.[1] ?? false]);
      return Buffer.from(JSON.stringify(doc));
    },
  },
  {
    kind: "itf-byte-damage", mustReject: false,
    make: (text, r) => {
      const b = Buffer.from(text);
      for (let n = 1 + int(r, 3); n > 0; n--) b[int(r, b.length)] = int(r, 256);
      return b;
    },
  },
];

export function itfMutant(text: string, r: () => number): Mutant {
  for (;;) {
    const m = pick(r, ITF_MUTATIONS);
    const bytes = m.make(text, r);
    if (bytes) return { kind: m.kind, mustReject: m.mustReject, bytes };
  }
}

/** Raw control characters a message must never carry to a terminal (C0 but tab, DEL, C1). */
export const UNESCAPED = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\ufeff]/;
