// Import an ITF trace (ours, or Quint's `run --out-itf [--mbt]`) into our trace form so the
// ordinary checker replays it. Variables are taken from the state keys (Quint may qualify them
// as `module::var` and list extras in `vars`); a model variable indexed by domains may be a
// #map (int keys, or #tup keys for two indices), a list/#tup, or — for booleans — a #set of the
// indices that are true. Enum values may be strings or Quint variants ({tag, value}), matched
// case- and underscore-insensitively; Option ints (Some(x)/None) map to x / -1.
import { checkBounds, withDefaults, type InputLimits } from "../contract/limits.ts";
import type { Model } from "../checker/interp.ts";
import type { RulesCache } from "../checker/rules.ts";
import type { TraceEvent, TraceHeader, TraceParams } from "../contract/trace/types.ts";
import { TRACE_FORMAT } from "../contract/trace/types.ts";
import { cellKey, type VarLayout } from "../checker/layout.ts";
import { rulesFingerprint } from "../contract/rules/fingerprint.ts";
import type { RulesDoc, Scalar, VariableDecl } from "../contract/rules/types.ts";
import type { Result } from "../contract/result.ts";
import { err, ok } from "../contract/result.ts";
import { processName } from "../checker/process.ts";
import { decode, describe, type Decoded } from "./value.ts";

export interface ItfImportOptions {
  rules: RulesCache;
  limits?: Partial<InputLimits>;
  variant?: string;
  bounds?: Record<string, number>;
}

export interface ImportedTrace {
  header: TraceHeader;
  events: TraceEvent[];
  model: Model;
  warnings: string[];
}

/** `state` is the index into `states` (-1: the document itself). `usage`: the document is
 * fine but the caller must say more (no variant anywhere): a usage error, not a failed check. */
export interface ItfError {
  state: number;
  message: string;
  usage?: boolean;
}

const META_VARS = new Set(["action", "params", "process", "outcome", "seq", "mbt::actionTaken", "mbt::nondetPicks"]);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const norm = (s: string) => s.toLowerCase().replace(/[_\-\s]/g, "");
const plainName = (k: string) => (k.startsWith("mbt::") || !k.includes("::") ? k : k.slice(k.lastIndexOf("::") + 2));

function stateVars(st: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(st)) if (!k.startsWith("#") && !k.startsWith("__")) out.set(plainName(k), v);
  return out;
}

function toScalar(decl: VariableDecl, d: Decoded, at: string): Result<Scalar> {
  const t = decl.type;
  if (d.k === "variant" && (d.tag === "Some" || d.tag === "None") && !("enum" in t)) {
    if (d.tag === "None") return "int" in t ? ok(-1) : err(`${at}: None for a non-integer variable`);
    return toScalar(decl, d.value, at);
  }
  if ("bool" in t) return d.k === "bool" ? ok(d.v) : err(`${at}: expected a boolean, got ${describe(d)}`);
  if ("int" in t) return d.k === "int" ? ok(d.v) : err(`${at}: expected an integer, got ${describe(d)}`);
  const name = d.k === "str" ? d.v : d.k === "variant" ? d.tag : undefined;
  if (name === undefined) return err(`${at}: expected one of ${t.enum.join("|")}, got ${describe(d)}`);
  const hit = t.enum.find((e) => e === name) ?? t.enum.find((e) => norm(e) === norm(name));
  return hit !== undefined ? ok(hit) : err(`${at}: ${JSON.stringify(name)} is not one of ${t.enum.join("|")}`);
}

/** Flatten one ITF variable value into cell keys of `out`. */
function flatten(v: VarLayout, d: Decoded, at: string, out: Record<string, Scalar>): string | undefined {
  const { decl, dims } = v;
  const put = (idx: number[], x: Decoded, where: string): string | undefined => {
    for (let i = 0; i < idx.length; i++)
      if (!Number.isInteger(idx[i]) || idx[i]! < 0 || idx[i]! >= dims[i]!)
        return `${where}: index ${idx[i]} of '${decl.name}' is outside its domain ${decl.index[i]} = 0..${dims[i]! - 1}`;
    const s = toScalar(decl, x, where);
    if (!s.ok) return s.error;
    out[cellKey(decl.name, idx)] = s.value;
    return undefined;
  };
  const walk = (prefix: number[], x: Decoded, where: string): string | undefined => {
    const depth = prefix.length;
    if (depth === dims.length) return put(prefix, x, where);
    const rest = dims.length - depth;
    if (x.k === "map") {
      for (const [k, val] of x.entries) {
        if (k.k === "int") {
          const e = walk([...prefix, k.v], val, `${where}[${k.v}]`);
          if (e) return e;
        } else if (k.k === "tup" && k.items.length <= rest && k.items.every((i) => i.k === "int")) {
          const e = walk([...prefix, ...k.items.map((i) => (i as { v: number }).v)], val, `${where}[${k.items.map((i) => (i as { v: number }).v).join("][")}]`);
          if (e) return e;
        } else return `${where}: '${decl.name}' map keys must be integers (or #tup of integers), got ${describe(k)}`;
      }
      return undefined;
    }
    if (x.k === "list" || x.k === "tup") {
      for (let i = 0; i < x.items.length; i++) {
        const e = walk([...prefix, i], x.items[i]!, `${where}[${i}]`);
        if (e) return e;
      }
      return undefined;
    }
    if (x.k === "set" && "bool" in decl.type) {
      // a set of indices (or index tuples): members true, everything else false
      for (let s = 0; s < v.size; s++) {
        const idx = dims.map((_, i) => Math.floor(s / v.strides[i]!) % dims[i]!);
        if (idx.slice(0, depth).every((n, i) => n === prefix[i])) out[cellKey(decl.name, idx)] = false;
      }
      for (const m of x.items) {
        const idx = m.k === "int" ? [m.v] : m.k === "tup" && m.items.every((i) => i.k === "int") ? m.items.map((i) => (i as { v: number }).v) : undefined;
        if (!idx || idx.length !== rest) return `${where}: '${decl.name}' set members must be ${rest === 1 ? "integers" : `#tup of ${rest} integers`}, got ${describe(m)}`;
        const e = put([...prefix, ...idx], { k: "bool", v: true }, `${where}{${idx.join(",")}}`);
        if (e) return e;
      }
      return undefined;
    }
    return `${where}: '${decl.name}' is indexed by ${decl.index.slice(depth).join(", ")}; expected a #map, list or ${"bool" in decl.type ? "#set" : "#tup"}, got ${describe(x)}`;
  };
  return walk([], d, at);
}

/** Bounds from the largest index state 0 shows, over every encoding the importer reads: #map
 * keys (int, or #tup of ints for several indices), lists and #tup by length, and #set members
 * of a boolean variable (ints, or #tup of ints). A domain no variable shows stays 0. */
export function inferBounds(rules: RulesDoc, st: Map<string, unknown>): Record<string, number> {
  const b: Record<string, number> = {};
  const bump = (domain: string | undefined, n: number) => {
    if (domain === undefined) return;
    const name = rules.domains[domain] ?? domain;
    b[name] = Math.max(b[name] ?? 0, n);
  };
  const bumpTuple = (decl: VariableDecl, depth: number, items: Decoded[]) =>
    items.forEach((it, j) => { if (it.k === "int") bump(decl.index[depth + j], it.v + 1); });
  for (const decl of rules.variables) {
    if (decl.index.length === 0 || !st.has(decl.name)) continue;
    const d = decode(st.get(decl.name), decl.name);
    if (!d.ok) continue;
    const visit = (x: Decoded, depth: number) => {
      if (depth >= decl.index.length) return;
      const dom = decl.index[depth]!;
      if (x.k === "map")
        for (const [k, val] of x.entries) {
          if (k.k === "int") { bump(dom, k.v + 1); visit(val, depth + 1); }
          else if (k.k === "tup") { bumpTuple(decl, depth, k.items); visit(val, depth + k.items.length); }
        }
      else if (x.k === "list" || x.k === "tup") { bump(dom, x.items.length); x.items.forEach((i) => visit(i, depth + 1)); }
      else if (x.k === "set")
        for (const m of x.items) {
          if (m.k === "int") bump(dom, m.v + 1);
          else if (m.k === "tup") bumpTuple(decl, depth, m.items);
        }
    };
    visit(d.value, 0);
  }
  for (const bound of Object.values(rules.domains)) b[bound] ??= 0;
  return b;
}

/** `#meta.bounds`: our string form "H=1,C=1,K=1,T=1" (string-valued #meta, as the Rust itf
 * crate reads it), or the object form older exports wrote. */
export function parseBounds(v: unknown): Result<Record<string, number>> | undefined {
  if (v === undefined) return undefined;
  if (isObj(v) && Object.values(v).every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) return ok(v as Record<string, number>);
  if (typeof v === "string") {
    const b: Record<string, number> = {};
    for (const part of v.split(",")) {
      const m = /^\s*([A-Za-z_]\w*)\s*=\s*(\d+)\s*$/.exec(part);
      if (!m) return err(`bounds: expected NAME=N[,NAME=N...], got ${JSON.stringify(v)}`);
      b[m[1]!] = Number(m[2]);
    }
    return ok(b);
  }
  return err(`bounds: expected a string like "H=1,C=1,K=1,T=1", got ${JSON.stringify(v)}`);
}

const showBounds = (b: Record<string, number>) => Object.entries(b).map(([k, v]) => `${k}=${v}`).join(",");

function intOf(d: Decoded): number | undefined {
  if (d.k === "int") return d.v;
  if (d.k === "variant" && d.tag === "Some" && d.value.k === "int") return d.value.v;
  return undefined;
}

export async function importItf(doc: unknown, source: string, opts: ItfImportOptions): Promise<Result<ImportedTrace, ItfError>> {
  const top = (message: string) => err<ItfError>({ state: -1, message });
  if (!isObj(doc)) return top("expected an ITF trace object with 'vars' and 'states'");
  const states = doc.states;
  if (!Array.isArray(states) || states.length === 0) return top("field 'states': expected a non-empty array of states");
  const meta = isObj(doc["#meta"]) ? doc["#meta"] : {};
  const variant = opts.variant ?? (typeof meta.variant === "string" ? meta.variant : undefined);
  if (variant === undefined)
    return err({ state: -1, usage: true, message: "no variant: the ITF '#meta' has no 'variant' field (Quint does not write one) and no --variant was given; pass --variant <Variant>" });
  const rd = await opts.rules.doc(variant);
  if (!rd.ok) return top(rd.error);
  const warnings: string[] = [];
  const st0 = states[0];
  if (!isObj(st0)) return err({ state: 0, message: "expected a state object" });
  let bounds = opts.bounds;
  if (!bounds) {
    const mb = parseBounds(meta.bounds);
    if (mb && !mb.ok) return top(`#meta.${mb.error}`);
    bounds = mb?.value;
  }
  // An error after inference says which bounds were inferred: they are the likely cause.
  let inferred = "";
  if (!bounds) {
    bounds = inferBounds(rd.value, stateVars(st0));
    inferred = `bounds inferred from state 0: ${showBounds(bounds)}`;
    warnings.push(inferred);
  }
  const withInferred = <T>(r: Result<T, ItfError>): Result<T, ItfError> =>
    r.ok || !inferred ? r : err({ ...r.error, message: `${r.error.message} (${inferred}; pass --bounds to override)` });
  // The bounds (given, from #meta, or inferred from the largest index) decide the size of the
  // layout: check them before it is built.
  const tooBig = checkBounds(rd.value, bounds, withDefaults(opts.limits));
  if (tooBig) return withInferred(top(`bounds: ${tooBig}`));
  const m = await opts.rules.model(variant, bounds);
  if (!m.ok) return withInferred(top(m.error));
  const model = m.value;
  const L = model.layout;
  const unknownVars = new Set<string>();
  let defaulted = 0;

  const flat = (i: number): Result<{ cells: Record<string, Scalar>; vars: Map<string, unknown> }, ItfError> => {
    const st = states[i];
    if (!isObj(st)) return err({ state: i, message: "expected a state object" });
    const vars = stateVars(st);
    const cells: Record<string, Scalar> = {};
    for (const [name, raw] of vars) {
      if (META_VARS.has(name)) continue;
      const v = L.vars.get(name);
      if (!v) {
        unknownVars.add(name);
        continue;
      }
      const d = decode(raw, name);
      if (!d.ok) return err({ state: i, message: d.error });
      const e = flatten(v, d.value, name, cells);
      if (e) return err({ state: i, message: e });
    }
    for (let s = 0; s < L.size; s++)
      if (!(L.keys[s]! in cells)) {
        cells[L.keys[s]!] = L.owner[s]!.default;
        defaulted++;
      }
    return ok({ cells, vars });
  };

  const s0 = withInferred(flat(0));
  if (!s0.ok) return s0;
  const fp = typeof meta.rulesFingerprint === "string" ? meta.rulesFingerprint : undefined;
  if (fp === undefined) warnings.push("the ITF trace carries no rulesFingerprint; checked against the current rules");
  const header: TraceHeader = {
    kind: "header", format: TRACE_FORMAT, variant, bounds, init: s0.value.cells,
    rulesFingerprint: fp ?? model.rules.rulesFingerprint ?? rulesFingerprint(model.rules),
    scenario: meta.scenario, seed: typeof meta.seed === "string" && /^\d+$/.test(meta.seed) ? Number(meta.seed) : meta.seed, scheduler: meta.scheduler, implementation: meta.implementation ?? meta.source,
  };
  const events: TraceEvent[] = [];
  let derivedOutcome = false;
  let derivedProcess = false;
  for (let i = 1; i < states.length; i++) {
    const s = withInferred(flat(i));
    if (!s.ok) return s;
    const vars = s.value.vars;
    const actRaw = vars.get("action") ?? vars.get("mbt::actionTaken");
    if (typeof actRaw !== "string") return err({ state: i, message: "no action label: expected a string variable 'action' (or Quint's 'mbt::actionTaken')" });
    const params: Record<string, number> = {};
    const pRaw = vars.has("params") ? vars.get("params") : vars.get("mbt::nondetPicks");
    if (pRaw !== undefined) {
      const pd = decode(pRaw, "params");
      if (!pd.ok) return err({ state: i, message: pd.error });
      if (pd.value.k !== "record") return err({ state: i, message: `params: expected a record of parameter -> integer, got ${describe(pd.value)}` });
      for (const [k, v] of pd.value.fields) {
        if (v.k === "variant" && v.tag === "None") continue;
        const n = intOf(v);
        if (n === undefined) return err({ state: i, message: `params.${k}: expected an integer, got ${describe(v)}` });
        params[k] = n;
      }
    }
    const rule = model.actions.get(actRaw);
    let outcome: "ok" | "crash";
    const oRaw = vars.get("outcome");
    if (oRaw === "ok" || oRaw === "crash") outcome = oRaw;
    else if (oRaw !== undefined) return err({ state: i, message: `outcome: expected "ok" or "crash", got ${JSON.stringify(oRaw)}` });
    else {
      // No outcome recorded (e.g. Quint): take the one the rules declare for the action; the
      // crash itself is still checked, through the cells it changes (slc, crashes, ...).
      derivedOutcome = true;
      outcome = rule?.rule.outcome ?? "ok";
    }
    const pr = vars.get("process");
    let proc: string;
    if (typeof pr === "string") proc = pr;
    else {
      derivedProcess = true;
      proc = (rule && processName(rule.rule, params)) ?? rule?.rule.process ?? "unknown";
    }
    const sq = vars.get("seq");
    const seqD = sq === undefined ? undefined : decode(sq, "seq");
    const seq = seqD && seqD.ok && seqD.value.k === "int" ? seqD.value.v : i;
    events.push({ kind: "event", seq, process: proc, action: actRaw, params, outcome, post: s.value.cells });
  }
  if (unknownVars.size) warnings.push(`ignored ITF variables not in the ${variant} rules: ${[...unknownVars].join(", ")}`);
  if (defaulted) warnings.push(`${defaulted} cell value(s) absent from the ITF states were taken as the variable's default`);
  if (derivedOutcome) warnings.push("no 'outcome' variable: each step's outcome taken from the outcome its rule declares (the crash cells are still checked)");
  if (derivedProcess) warnings.push("no 'process' variable: each step's process taken from the process its rule declares");
  return ok({ header, events, model, warnings });
}
