// Trace mutations over NDJSON lines (header at index 0). Pure: lines in, lines out.
import type { Scalar } from "../../src/contract/rules/types.ts";

type Obj = Record<string, unknown> & { seq: number; action: string; params: Record<string, number>; outcome: string; post: Record<string, Scalar> };
export const parse = (l: string) => JSON.parse(l) as Obj;

/** Renumber seq of events from 1 (index 0 is the header). */
export function renumber(lines: string[]): string[] {
  return lines.map((l, i) => (i === 0 ? l : JSON.stringify({ ...parse(l), seq: i })));
}
export function dropEvent(lines: string[], i: number, keepSeq = true): string[] {
  const out = lines.filter((_, j) => j !== i);
  return keepSeq ? out : renumber(out);
}
export function swapEvents(lines: string[], i: number, j: number): string[] {
  const out = lines.slice();
  [out[i], out[j]] = [out[j]!, out[i]!];
  return renumber(out);
}
export function editEvent(lines: string[], i: number, f: (e: Obj) => Obj): string[] {
  const out = lines.slice();
  out[i] = JSON.stringify(f(parse(out[i]!)));
  return out;
}
export function editHeader(lines: string[], f: (h: Record<string, unknown>) => Record<string, unknown>): string[] {
  const out = lines.slice();
  out[0] = JSON.stringify(f(JSON.parse(out[0]!) as Record<string, unknown>));
  return out;
}
/** A different value of the same type (enum values from `enumOf`). */
export function otherValue(v: Scalar, alternatives: readonly Scalar[] = []): Scalar {
  if (typeof v === "boolean") return !v;
  if (typeof v === "number") return v + 1;
  return alternatives.find((a) => a !== v) ?? `${v}_x`;
}
