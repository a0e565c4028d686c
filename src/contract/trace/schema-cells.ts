// The trace schema's `cells` definition (init and post: an object whose keys must match
// `propertyNames`, whose values are constrained by every `patternProperties` pattern their key
// matches, with no other keys) validated key by key with a memo: which value schemas apply to
// a key is decided once per distinct key instead of running every pattern on every line. Same
// verdict as ajv on the whole object; used only when the definition has exactly this shape.
import type { Ajv, ErrorObject, ValidateFunction } from "ajv";

interface CellsSchema {
  type?: unknown;
  propertyNames?: { pattern?: unknown };
  patternProperties?: Record<string, unknown>;
  additionalProperties?: unknown;
}

/** An error like ajv's (path, message), for ajvMessage. */
export type CellsError = Pick<ErrorObject, "instancePath" | "message" | "keyword" | "params" | "schemaPath">;
export type CellsValidator = (cells: unknown, path: string) => CellsError[] | undefined;

const MEMO_MAX = 1 << 16; // distinct keys remembered (a trace has one per cell; the rest is noise)

const jsonPointer = (k: string) => k.replace(/~/g, "~0").replace(/\//g, "~1");

/** A validator for `schema`, or undefined when it is not of the supported shape. */
export function compileCells(ajv: Ajv, schema: unknown): CellsValidator | undefined {
  const s = schema as CellsSchema;
  if (typeof s !== "object" || s === null || s.type !== "object" || s.additionalProperties !== false) return undefined;
  const known = new Set(["type", "propertyNames", "patternProperties", "additionalProperties"]);
  if (Object.keys(s).some((k) => !known.has(k))) return undefined;
  const namePattern = typeof s.propertyNames?.pattern === "string" ? new RegExp(s.propertyNames.pattern, "u") : undefined;
  if (s.propertyNames !== undefined && (namePattern === undefined || Object.keys(s.propertyNames).length !== 1)) return undefined;
  const pats: { re: RegExp; v: ValidateFunction; pattern: string }[] = [];
  for (const [p, sub] of Object.entries(s.patternProperties ?? {})) {
    if (JSON.stringify(sub).includes('"$ref"')) return undefined;
    pats.push({ re: new RegExp(p, "u"), v: ajv.compile(sub as object), pattern: p });
  }
  const memo = new Map<string, ValidateFunction[] | CellsError>();
  const plan = (k: string, path: string): ValidateFunction[] | CellsError => {
    let m = memo.get(k);
    if (m !== undefined) return m;
    if (namePattern && !namePattern.test(k))
      m = { instancePath: path, keyword: "pattern", message: `property name must match pattern "${namePattern.source}"`, params: {}, schemaPath: "#/propertyNames/pattern" };
    else {
      const vs = pats.filter((x) => x.re.test(k)).map((x) => x.v);
      m = vs.length > 0 ? vs : { instancePath: path, keyword: "additionalProperties", message: "must NOT have additional properties", params: { additionalProperty: k }, schemaPath: "#/additionalProperties" };
    }
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(k, m);
    return m;
  };
  return (cells, path) => {
    if (typeof cells !== "object" || cells === null || Array.isArray(cells))
      return [{ instancePath: path, keyword: "type", message: "must be object", params: {}, schemaPath: "#/type" }];
    for (const k in cells) {
      const p = plan(k, path);
      if (!Array.isArray(p)) return [{ ...p, instancePath: path }];
      const v = (cells as Record<string, unknown>)[k];
      for (const f of p)
        if (!f(v)) return (f.errors ?? []).map((e) => ({ ...e, instancePath: `${path}/${jsonPointer(k)}${e.instancePath}` }));
    }
    return undefined;
  };
}
