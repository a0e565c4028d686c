// Export one of our traces to ITF. ITF states are full states, so each state is the previous
// observed state overlaid with the event's observed `post` (what the implementation saw, not
// what the rules predict: the export must not hide a divergence).
// Per state: one ITF variable per model variable (scalars as ITF scalars, indexed variables
// as #map from index to value, nested for two indices), plus `action` (label; "init" for state
// 0), `params` (record of #bigint), `process`, `outcome`, `seq`, and Quint's MBT pair
// `mbt::actionTaken` / `mbt::nondetPicks` (Option-encoded) so quint-connect style tools read it.
import type { Scalar } from "../contract/rules/types.ts";
import type { TraceEvent, TraceHeader, TraceParams } from "../contract/trace/types.ts";
import { bigint, encodeScalar, type ItfJson } from "./value.ts";

const KEY = /^([^[\]]+)((?:\[\d+\])*)$/;

interface VarTree {
  name: string;
  dims: number;
  /** cell key -> index tuple */
  cells: Map<string, number[]>;
}

export function groupCells(keys: Iterable<string>): Map<string, VarTree> {
  const vars = new Map<string, VarTree>();
  for (const key of keys) {
    const m = KEY.exec(key);
    if (!m) continue;
    const idx = m[2] ? [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1])) : [];
    let v = vars.get(m[1]!);
    if (!v) vars.set(m[1]!, (v = { name: m[1]!, dims: idx.length, cells: new Map() }));
    v.cells.set(key, idx);
  }
  return vars;
}

function encodeVar(v: VarTree, s: ReadonlyMap<string, Scalar>): ItfJson {
  if (v.dims === 0) return encodeScalar(s.get(v.name)!);
  // build nested index -> ... -> value, then emit maps sorted by index
  type Node = Map<number, Node | Scalar>;
  const root: Node = new Map();
  for (const [key, idx] of v.cells) {
    let n = root;
    for (let d = 0; d < idx.length - 1; d++) {
      let c = n.get(idx[d]!) as Node | undefined;
      if (!c) n.set(idx[d]!, (c = new Map()));
      n = c;
    }
    n.set(idx[idx.length - 1]!, s.get(key)!);
  }
  const emit = (n: Node): ItfJson => ({
    "#map": [...n.entries()].sort((a, b) => a[0] - b[0]).map(([i, x]) => [bigint(i), x instanceof Map ? emit(x) : encodeScalar(x)]),
  });
  return emit(root);
}

/** The parameters that are present (a parsed event has no undefined ones; the type allows them). */
function paramEntries(p: TraceParams): [string, number][] {
  return Object.entries(p).filter((kv): kv is [string, number] => kv[1] !== undefined);
}

function paramsRecord(p: TraceParams): ItfJson {
  return Object.fromEntries(paramEntries(p).map(([k, v]) => [k, bigint(v)]));
}

export function toItf(header: TraceHeader, events: Iterable<TraceEvent>, source: string): ItfJson {
  const vars = groupCells(Object.keys(header.init));
  const state = new Map<string, Scalar>(Object.entries(header.init));
  const names = [...vars.keys()];
  const states: ItfJson[] = [];
  const snap = (i: number, action: string, process: string, params: TraceParams, outcome: string): void => {
    const st: { [k: string]: ItfJson } = { "#meta": { index: i } };
    for (const n of names) st[n] = encodeVar(vars.get(n)!, state);
    st.action = action;
    st.process = process;
    st.params = paramsRecord(params);
    st.outcome = outcome;
    st.seq = bigint(i);
    st["mbt::actionTaken"] = action;
    st["mbt::nondetPicks"] = Object.fromEntries(paramEntries(params).map(([k, v]) => [k, { tag: "Some", value: bigint(v) }]));
    states.push(st);
  };
  snap(0, "init", "init", {}, "ok");
  let i = 0;
  for (const e of events) {
    for (const [k, v] of Object.entries(e.post)) state.set(k, v);
    snap(++i, e.action, e.process, e.params, e.outcome);
  }
  const meta: { [k: string]: ItfJson } = {
    format: "ITF",
    "format-description": "https://apalache-mc.org/docs/adr/015adr-trace.html",
    source,
    description: "exported by electric-race-toolkit (check --to-itf); cells are the implementation's observed values",
    variant: header.variant,
    rulesFingerprint: header.rulesFingerprint,
    bounds: header.bounds as { [k: string]: ItfJson },
  };
  for (const k of ["seed", "scenario", "scheduler", "implementation"] as const)
    if (header[k] !== undefined) meta[k] = header[k] as ItfJson;
  return { "#meta": meta, vars: [...names, "action", "process", "params", "outcome", "seq", "mbt::actionTaken", "mbt::nondetPicks"], states };
}
