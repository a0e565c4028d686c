// ITF values (Apalache ADR-015 plus Quint's additions), decoded into a small tagged form.
// Encoding we write: integers as {"#bigint":"n"}, booleans and strings (our enum values) as JSON,
// per-index cells as {"#map":[[index, value], ...]} (nested for two indices), records as objects.
import type { Scalar } from "../contract/rules/types.ts";
import type { Result } from "../contract/result.ts";
import { err, ok } from "../contract/result.ts";

export type ItfJson = null | boolean | number | string | ItfJson[] | { [k: string]: ItfJson };

export type Decoded =
  | { k: "bool"; v: boolean }
  | { k: "int"; v: number }
  | { k: "str"; v: string }
  | { k: "list"; items: Decoded[] }
  | { k: "tup"; items: Decoded[] }
  | { k: "set"; items: Decoded[] }
  | { k: "map"; entries: [Decoded, Decoded][] }
  | { k: "record"; fields: Map<string, Decoded> }
  | { k: "variant"; tag: string; value: Decoded }
  | { k: "unserializable"; v: string };

export const bigint = (n: number): ItfJson => ({ "#bigint": String(n) });

export function encodeScalar(v: Scalar): ItfJson {
  return typeof v === "number" ? bigint(v) : v;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Decode an ITF value; `at` names the place for error messages. */
export function decode(v: unknown, at: string): Result<Decoded> {
  if (typeof v === "boolean") return ok({ k: "bool", v });
  if (typeof v === "string") return ok({ k: "str", v });
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) return err(`${at}: number ${v} is not a safe integer (ITF integers beyond ±(2^53-1) must be {"#bigint":...})`);
    return ok({ k: "int", v });
  }
  if (Array.isArray(v)) return list(v, at, "list");
  if (!isObj(v)) return err(`${at}: expected an ITF value, got ${JSON.stringify(v)}`);
  if ("#bigint" in v) {
    const s = v["#bigint"];
    if (typeof s !== "string" || !/^-?[0-9]+$/.test(s)) return err(`${at}: #bigint must be a decimal string, got ${JSON.stringify(s)}`);
    const n = Number(s);
    if (!Number.isSafeInteger(n)) return err(`${at}: #bigint ${s} is out of the supported range`);
    return ok({ k: "int", v: n });
  }
  if ("#tup" in v) return Array.isArray(v["#tup"]) ? list(v["#tup"], `${at}.#tup`, "tup") : err(`${at}: #tup must be an array`);
  if ("#set" in v) return Array.isArray(v["#set"]) ? list(v["#set"], `${at}.#set`, "set") : err(`${at}: #set must be an array`);
  if ("#map" in v) {
    const m = v["#map"];
    if (!Array.isArray(m)) return err(`${at}: #map must be an array of [key, value] pairs`);
    const entries: [Decoded, Decoded][] = [];
    for (let i = 0; i < m.length; i++) {
      const pair = m[i];
      if (!Array.isArray(pair) || pair.length !== 2) return err(`${at}.#map[${i}]: expected a [key, value] pair`);
      const key = decode(pair[0], `${at}.#map[${i}][0]`);
      if (!key.ok) return key;
      const val = decode(pair[1], `${at}.#map[${i}][1]`);
      if (!val.ok) return val;
      entries.push([key.value, val.value]);
    }
    return ok({ k: "map", entries });
  }
  if ("#unserializable" in v) return ok({ k: "unserializable", v: String(v["#unserializable"]) });
  const keys = Object.keys(v);
  if (keys.length === 2 && "tag" in v && "value" in v && typeof v.tag === "string") {
    const val = decode(v.value, `${at}.value`);
    return val.ok ? ok({ k: "variant", tag: v.tag, value: val.value }) : val;
  }
  const fields = new Map<string, Decoded>();
  for (const key of keys) {
    if (key.startsWith("#")) return err(`${at}: unknown ITF form '${key}'`);
    const f = decode(v[key], `${at}.${key}`);
    if (!f.ok) return f;
    fields.set(key, f.value);
  }
  return ok({ k: "record", fields });
}

function list(a: unknown[], at: string, k: "list" | "tup" | "set"): Result<Decoded> {
  const items: Decoded[] = [];
  for (let i = 0; i < a.length; i++) {
    const d = decode(a[i], `${at}[${i}]`);
    if (!d.ok) return d;
    items.push(d.value);
  }
  return ok({ k, items });
}

export function describe(d: Decoded): string {
  switch (d.k) {
    case "bool": case "int": case "str": return JSON.stringify(d.v);
    case "variant": return `variant ${d.tag}`;
    default: return `a ${d.k}`;
  }
}
