// Reading one trace record: a structural validator whose messages say which field was wrong and
// what was expected, turning a parsed line into the typed records of types.ts. The JSON Schema in
// traces/schema/ is applied as well when present (schema.ts).
import { TRACE_FORMAT, type TraceEvent, type TraceHeader } from "./types.ts";
import type { CellValue } from "../vocabulary.ts";
import type { Result } from "../result.ts";
import { err, ok } from "../result.ts";

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is CellValue =>
  typeof v === "boolean" || typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
export const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

export function parseHeader(v: unknown): Result<TraceHeader> {
  if (!isObj(v)) return err(`expected the header object, got ${show(v)}`);
  if (v.kind !== "header") return err(`expected the header (an object with "kind":"header") on the first line, got kind ${show(v.kind)}`);
  if (v.format !== TRACE_FORMAT) return err(`field 'format': expected ${show(TRACE_FORMAT)}, got ${show(v.format)}`);
  if (typeof v.variant !== "string" || v.variant === "") return err(`field 'variant': expected a variant name, got ${show(v.variant)}`);
  if (typeof v.rulesFingerprint !== "string") return err(`field 'rulesFingerprint': expected a string, got ${show(v.rulesFingerprint)}`);
  if (!isObj(v.bounds)) return err(`field 'bounds': expected an object like {"H":1,"C":1,"K":1,"T":1}, got ${show(v.bounds)}`);
  for (const [k, n] of Object.entries(v.bounds))
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0) return err(`field 'bounds': '${k}' must be a non-negative integer, got ${show(n)}`);
  // init values are type-checked against the rules' declarations when the state is built
  if (!isObj(v.init)) return err(`field 'init': expected an object of cell -> value, got ${show(v.init)}`);
  return ok(v as unknown as TraceHeader);
}

export function parseEvent(v: unknown): Result<TraceEvent> {
  if (!isObj(v)) return err(`expected an event object, got ${show(v)}`);
  if (v.kind !== "event") return err(`field 'kind': expected "event", got ${show(v.kind)}`);
  if (typeof v.seq !== "number" || !Number.isInteger(v.seq) || v.seq < 1) return err(`field 'seq': expected a positive integer, got ${show(v.seq)}`);
  if (typeof v.process !== "string") return err(`field 'process': expected a string, got ${show(v.process)}`);
  if (typeof v.action !== "string") return err(`field 'action': expected an action label (string), got ${show(v.action)}`);
  const params = v.params === undefined ? {} : v.params;
  if (!isObj(params)) return err(`field 'params': expected an object of parameter -> integer, got ${show(params)}`);
  for (const k in params) {
    const x = params[k];
    if (typeof x !== "number" || !Number.isInteger(x)) return err(`field 'params': '${k}' must be an integer, got ${show(x)}`);
  }
  if (v.outcome !== "ok" && v.outcome !== "crash") return err(`field 'outcome': expected "ok" or "crash", got ${show(v.outcome)}`);
  // post values are type-checked by the checker while it compares them (one pass, not two)
  if (!isObj(v.post)) return err(`field 'post': expected an object of cell -> value, got ${show(v.post)}`);
  if (v.params === undefined) return ok({ ...(v as unknown as TraceEvent), params: {} });
  return ok(v as unknown as TraceEvent);
}
