// Contract state cells (docs/contracts.md §1): keys, canonical order, and the value type.
import type { Bounds } from "../impl/types.ts";
import { range } from "../impl/types.ts";

export type CellValue = string | number | boolean;
export type Cells = Map<string, CellValue>;

export const key1 = (name: string, i: number): string => `${name}[${i}]`;
export const key2 = (name: string, i: number, j: number): string => `${name}[${i}][${j}]`;

/** Every cell key for the bounds, in the contract table's order (indices ascending). This order
 * is the order of `init` in trace headers and of `post` in events. */
export function cellKeys(b: Bounds): string[] {
  const keys: string[] = [];
  const perHandle = ["status", "router", "registry", "storage", "pendingRemove", "batchRemove", "removeNow", "pubState", "pubConsumer"];
  for (const name of perHandle) for (const h of range(b.H)) keys.push(key1(name, h));
  for (const t of range(b.T)) for (const h of range(b.H)) keys.push(key2("touches", t, h));
  for (const name of ["cons", "owner", "applied"]) for (const c of range(b.C)) keys.push(key1(name, c));
  keys.push("nextConsumer");
  for (const name of ["chainHandle", "chainPc"]) for (const k of range(b.K)) keys.push(key1(name, k));
  keys.push("mbox", "slc", "pubTxn", "sc", "scHandle", "nextTxn", "unacked", "crashes", "crashCause", "orphanDelivery");
  return keys;
}

/** A cell key's index order rank, so `post` objects list keys in the canonical order. */
export function keyOrder(b: Bounds): Map<string, number> {
  return new Map(cellKeys(b).map((k, i) => [k, i]));
}

export const CELL_KEY_PATTERN = "^[A-Za-z][A-Za-z0-9]*(\\[(0|[1-9][0-9]*)\\]){0,2}$";
