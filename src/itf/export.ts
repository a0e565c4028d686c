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

/**
 * The ITF document in pieces: `meta`/`vars` first, then one state per call, so a long trace can
 * be written state by state (streaming `check --to-itf`) as well as built whole (`toItf`).
 * `paramNames`: every parameter name a state's `params`/`mbt::nondetPicks` record carries (Quint
 * writes every nondet name, `None` when unused: one record shape for the whole trace).
 */
export class ItfEncoder {
  private readonly vars: Map<string, VarTree>;
  private readonly state: Map<string, Scalar>;
  private readonly names: string[];
  private readonly pnames: readonly string[];
  private i = 0;
  constructor(
    private readonly header: TraceHeader,
    private readonly source: string,
    paramNames: readonly string[],
  ) {
    this.vars = groupCells(Object.keys(header.init));
    this.state = new Map<string, Scalar>(Object.entries(header.init));
    this.names = [...this.vars.keys()];
    this.pnames = [...new Set(paramNames)].sort();
  }

  meta(): { [k: string]: ItfJson } {
    const h = this.header;
    const meta: { [k: string]: ItfJson } = {
      format: "ITF",
      "format-description": "https://apalache-mc.org/docs/adr/015adr-trace.html",
      source: this.source,
      description: "exported by electric-race-toolkit (check --to-itf); cells are the implementation's observed values",
      variant: h.variant,
      rulesFingerprint: h.rulesFingerprint,
      bounds: showBounds(h.bounds),
    };
    for (const k of ["seed", "scenario", "scheduler", "implementation"] as const) {
      const v = h[k];
      if (v !== undefined) meta[k] = typeof v === "string" ? v : JSON.stringify(v);
    }
    return meta;
  }

  varNames(): string[] {
    return [...this.names, "action", "process", "params", "outcome", "seq", "mbt::actionTaken", "mbt::nondetPicks"];
  }

  private snap(action: string, process: string, params: TraceParams, outcome: string): ItfJson {
    const st: { [k: string]: ItfJson } = { "#meta": { index: this.i } };
    for (const n of this.names) st[n] = encodeVar(this.vars.get(n)!, this.state);
    st.action = action;
    st.process = process;
    st.params = picks(this.pnames, params);
    st.outcome = outcome;
    st.seq = bigint(this.i);
    st["mbt::actionTaken"] = action;
    st["mbt::nondetPicks"] = picks(this.pnames, params);
    return st;
  }

  initState(): ItfJson {
    return this.snap("init", "init", {}, "ok");
  }

  /** The state after event `e` (the previous state overlaid with its observed post). */
  nextState(e: TraceEvent): ItfJson {
    for (const [k, v] of Object.entries(e.post)) this.state.set(k, v);
    this.i++;
    return this.snap(e.action, e.process, e.params, e.outcome);
  }

  /** The text before the first state; the document is prefix, states joined by ",", "]}". */
  prefix(): string {
    return `{"#meta":${JSON.stringify(this.meta())},"vars":${JSON.stringify(this.varNames())},"states":[`;
  }
}

/** `paramNames`: the parameter names of the variant's rules; default: the names the events use. */
export function toItf(header: TraceHeader, events: Iterable<TraceEvent>, source: string, paramNames?: readonly string[]): ItfJson {
  const evs = [...events];
  const enc = new ItfEncoder(header, source, paramNames ?? evs.flatMap((e) => Object.keys(e.params)));
  const states: ItfJson[] = [enc.initState()];
  for (const e of evs) states.push(enc.nextState(e));
  return { "#meta": enc.meta(), vars: enc.varNames(), states };
}

/** Writes the ITF document of a trace state by state; memory is one state, not the trace. */
export async function writeItf(write: (chunk: string) => Promise<void>, header: TraceHeader, events: AsyncIterable<TraceEvent>, source: string, paramNames: readonly string[]): Promise<void> {
  const enc = new ItfEncoder(header, source, paramNames);
  await write(enc.prefix() + JSON.stringify(enc.initState()));
  for await (const e of events) await write("," + JSON.stringify(enc.nextState(e)));
  await write("]}\n");
}

