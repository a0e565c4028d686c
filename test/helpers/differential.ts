// Differential check against the Lean model's exhaustive transition table
// (lean/rules/<Variant>.table.json, format electric-race-table/1): every state the
// implementation reaches and every step it takes must be one the rules allow; the rules'
// steps the implementation never takes from its own reachable states are listed, so each
// restriction can be explained.
import type { Action } from "../../src/contract/vocabulary.ts";
import { System } from "../../src/impl/system.ts";
import type { SystemInit } from "../../src/impl/system.ts";
import type { CellValue } from "../../src/contract/vocabulary.ts";
import { cellKeys } from "../../src/contract/vocabulary.ts";

export interface TableTransition {
  readonly action: string;
  readonly from: number;
  readonly params: Readonly<Record<string, number>>;
  readonly to?: number;
  readonly failed?: readonly string[];
}

export interface Table {
  readonly format: string;
  readonly variant: string;
  readonly init: number;
  readonly states: readonly Readonly<Record<string, CellValue>>[];
  readonly transitions: readonly TableTransition[];
}

export interface Untaken {
  readonly action: string;
  readonly params: Readonly<Record<string, number>>;
  readonly from: Readonly<Record<string, CellValue>>;
}

export interface DiffResult {
  readonly implStates: number;
  readonly implTransitions: number;
  readonly tableStates: number;
  readonly tableTransitions: number;
  /** Projected impl states the table does not have. */
  readonly statesNotInTable: readonly Readonly<Record<string, CellValue>>[];
  /** Impl steps the table does not allow (from a table state). */
  readonly stepsNotInTable: readonly string[];
  /** Table steps out of impl-reachable states that the impl never takes. */
  readonly untaken: readonly Untaken[];
  readonly initMatches: boolean;
}

function paramsOf(a: Action): Record<string, number> {
  const p: Record<string, number> = {};
  for (const k of ["h", "c", "k", "t"] as const) {
    const v = a.params[k];
    if (v !== undefined) p[k] = v;
  }
  return p;
}

export function diffAgainstTable(init: SystemInit, table: Table): DiffResult {
  const order = cellKeys(init.bounds);
  const keyOf = (get: (k: string) => CellValue | undefined): string => order.map((k) => JSON.stringify(get(k))).join(",");
  const index = new Map(table.states.map((s, i) => [keyOf((k) => s[k]), i]));
  const enabled = new Set<string>();
  for (const t of table.transitions) if (t.to !== undefined) enabled.add(`${t.from}|${t.action}|${JSON.stringify(t.params)}|${t.to}`);

  const root = System.create(init);
  const rootCells = root.project();
  const initIdx = index.get(keyOf((k) => rootCells.get(k)));
  const seen = new Set<string>([root.stateKey()]);
  const stack: System[] = [root];
  const reached = new Set<number>();
  const taken = new Set<string>();
  const statesNotInTable: Record<string, CellValue>[] = [];
  const stepsNotInTable: string[] = [];
  let implTransitions = 0;
  while (stack.length > 0) {
    const s = stack.pop();
    if (s === undefined) break;
    const cells = s.project();
    const from = index.get(keyOf((k) => cells.get(k)));
    if (from === undefined) statesNotInTable.push(Object.fromEntries(order.map((k) => [k, cells.get(k) ?? null])) as Record<string, CellValue>);
    else reached.add(from);
    for (const a of s.enabled()) {
      const c = s.clone();
      c.apply(a);
      implTransitions++;
      const after = c.project();
      const to = index.get(keyOf((k) => after.get(k)));
      const p = JSON.stringify(paramsOf(a));
      if (from !== undefined) {
        taken.add(`${from}|${a.label}|${p}`);
        if (to === undefined || !enabled.has(`${from}|${a.label}|${p}|${to}`)) stepsNotInTable.push(`${a.label} ${p} from table state ${from} to ${to ?? "a state not in the table"}`);
      }
      const k = c.stateKey();
      if (!seen.has(k)) {
        seen.add(k);
        stack.push(c);
      }
    }
  }
  const untaken: Untaken[] = [];
  for (const t of table.transitions) {
    if (t.to === undefined || !reached.has(t.from)) continue;
    if (taken.has(`${t.from}|${t.action}|${JSON.stringify(t.params)}`)) continue;
    untaken.push({ action: t.action, params: t.params, from: table.states[t.from] ?? {} });
  }
  return {
    implStates: seen.size, implTransitions, tableStates: table.states.length,
    tableTransitions: enabled.size, statesNotInTable, stepsNotInTable, untaken, initMatches: initIdx === table.init,
  };
}

/**
 * The implementation's documented choice (src/impl/README.md, "Choices where the contract does
 * not say") that explains why it does not take a step the rules allow from state `from`, or
 * undefined when none does.
 */
export function implRestriction(action: string, params: Readonly<Record<string, number>>, from: Readonly<Record<string, unknown>>): string | undefined {
  const some = (name: string, pred: (i: number, v: unknown) => boolean): boolean =>
    Object.entries(from).some(([k, v]) => k.startsWith(`${name}[`) && pred(Number(k.slice(name.length + 1, -1)), v));
  if ((action === "SlcBroadcast" || action === "CleanerStop") && some("cons", (_, v) => v === "starting"))
    return "choice 3: calls queue behind {:initialize_shape} of a starting consumer";
  if (action === "CleanerRouterRemove" && from["slc"] === "down") return "choice 2 (FixB; choice 11, SerializedRemoval): the router request waits while the SLC is down";
  if ((action === "SlcResolveAsk" || action === "SlcResolveRegistered") && some("pubState", (h, v) => h < params["h"]! && v === "pending"))
    return "choice 4: publish resolves handles in ascending order";
  if ((action === "ConsumerCrash" || action === "ConsumerSelfClean" || action === "CacheStartFail") && some("chainPc", (k, v) => k < params["k"]! && v === "idle"))
    return "choice 8 (and 15, clean_shape's chain): an environment chain takes the lowest idle slot";
  return undefined;
}
