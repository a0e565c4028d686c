// Export one of our traces to ITF. ITF states are full states, so each state is the previous
// observed state overlaid with the event's observed `post` (what the implementation saw, not
// what the rules predict: the export must not hide a divergence).
// Per state: one ITF variable per model variable (scalars as ITF scalars, indexed variables
// as #map from index to value, nested for two indices), plus `action` (label; "init" for state
// 0), `params`, `process`, `outcome`, `seq`, and Quint's MBT pair `mbt::actionTaken` /
// `mbt::nondetPicks` so quint-connect style tools read it. Shapes are Quint's: `params` and
// `mbt::nondetPicks` have the same record fields in every state (every parameter name,
// `Some(n)` or `None`), as a typed Quint value must; `#meta` values are strings, as the Rust
// `itf` crate reads them.
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

const NONE: ItfJson = { tag: "None", value: { "#tup": [] } };

/** Every parameter name, each `Some(n)` or `None`: one record shape for the whole trace. */
function picks(names: readonly string[], p: TraceParams): ItfJson {
  return Object.fromEntries(names.map((k) => {
    const v = p[k];
    return [k, v === undefined ? NONE : { tag: "Some", value: bigint(v) }];
  }));
}

const showBounds = (b: Readonly<Record<string, number>>) => Object.entries(b).map(([k, v]) => `${k}=${v}`).join(",");

/** `paramNames`: the parameter names of the variant's rules (Quint writes every nondet name);
 * default: the names the trace's events use. */
export function toItf(header: TraceHeader, events: Iterable<TraceEvent>, source: string, paramNames?: readonly string[]): ItfJson {
  const evs = [...events];
  const pnames = [...new Set(paramNames ?? evs.flatMap((e) => Object.keys(e.params)))].sort();
  const vars = groupCells(Object.keys(header.init));
  const state = new Map<string, Scalar>(Object.entries(header.init));
  const names = [...vars.keys()];
  const states: ItfJson[] = [];
  const snap = (i: number, action: string, process: string, params: TraceParams, outcome: string): void => {
    const st: { [k: string]: ItfJson } = { "#meta": { index: i } };
    for (const n of names) st[n] = encodeVar(vars.get(n)!, state);
    st.action = action;
    st.process = process;
    st.params = picks(pnames, params);
    st.outcome = outcome;
    st.seq = bigint(i);
    st["mbt::actionTaken"] = action;
    st["mbt::nondetPicks"] = picks(pnames, params);
    states.push(st);
  };
  snap(0, "init", "init", {}, "ok");
  let i = 0;
  for (const e of evs) {
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
    bounds: showBounds(header.bounds),
  };
  for (const k of ["seed", "scenario", "scheduler", "implementation"] as const) {
    const v = header[k];
    if (v !== undefined) meta[k] = typeof v === "string" ? v : JSON.stringify(v);
  }
  return { "#meta": meta, vars: [...names, "action", "process", "params", "outcome", "seq", "mbt::actionTaken", "mbt::nondetPicks"], states };
}
