// The conformance check of one trace: linear replay of its events against the compiled rules.
// Push-based (header first, then one event at a time) so that NDJSON streams and ITF imports
// share it; memory is the model state plus fixed-size ring buffers, never the trace. What a
// divergence report holds is in divergence.ts, what coverage counts in coverage.ts.
import type { Expr, Scalar } from "../contract/rules/types.ts";
import type { LineItem } from "../contract/trace/lines.ts";
import { parseJsonLine } from "../contract/trace/json-line.ts";
import { escapeControls } from "../contract/escape.ts";
import { checkBounds, LIMIT_FLAGS, showBytes, withDefaults, type InputLimits } from "../contract/limits.ts";
import { parseEvent, parseHeader, show } from "../contract/trace/parse.ts";
import type { TraceEvent, TraceHeader, TraceParams } from "../contract/trace/types.ts";
import { bindEnv, collectWrites, EvalError, failedInit, failedInvariants, firstFailedGuard, type CompiledAction, type Model } from "./interp.ts";
import { processName } from "./process.ts";
import { StateHasher, typeError, type State } from "./layout.ts";
import { rulesFingerprint } from "../contract/rules/fingerprint.ts";
import type { RulesCache } from "./rules.ts";
import type { LineValidator } from "../contract/trace/schema.ts";
import { HashSet64 } from "./hashset64.ts";
import { cellsRead, EventRing, LAST_EVENTS, type CellDiff, type Divergence, type DivergenceKind, type HandleContext } from "./divergence.ts";
import { MAX_STATES, type TraceCoverage } from "./coverage.ts";

export interface TraceResult {
  file: string;
  ok: boolean;
  variant?: string;
  events: number;
  divergence?: Divergence;
  coverage?: TraceCoverage;
  model?: Model;
  warnings: string[];
}

export interface CheckOptions {
  rules: RulesCache;
  validateLine?: LineValidator;
  /** ITF imports have no fingerprint of their own: accept the rules' fingerprint. */
  unit?: "line" | "state";
  /** input limits (contract/limits.ts); unset fields take the documented defaults */
  limits?: Partial<InputLimits>;
}

export class TraceChecker {
  private model: Model | undefined;
  private state: State = [];
  private nextSeq = 1;
  private events = 0;
  private result: Divergence | undefined;
  private ring = new EventRing(LAST_EVENTS);
  private handleRings = new Map<number, EventRing>();
  private slotHandle: Int32Array = new Int32Array(0);
  private handleDomain = "handle";
  private coverage: TraceCoverage | undefined;
  private variant: string | undefined;
  private headerSeen = false;
  private hasher = new StateHasher();
  private stamps: Int32Array = new Int32Array(0);
  private stampNo = 0;
  private finalVal: Scalar[] = [];
  private uniq: number[] = [];
  private handles: number[] = [];
  private envs: Record<string, number[]> = {};
  readonly warnings: string[] = [];
  readonly unit: "line" | "state";
  readonly limits: InputLimits;

  constructor(
    readonly file: string,
    readonly opts: CheckOptions,
  ) {
    this.unit = opts.unit ?? "line";
    this.limits = withDefaults(opts.limits);
  }

  get done(): boolean {
    return this.result !== undefined;
  }
  get needsHeader(): boolean {
    return !this.headerSeen;
  }

  /** Feed one NDJSON line (header or event). Await only matters for the header. */
  async line(item: LineItem): Promise<void> {
    if (this.done) return;
    const v = this.parseLine(item);
    if (v === undefined) return;
    if (!this.headerSeen) await this.header(v.value, item.line);
    else this.event(v.value, item.line);
  }

  /** Synchronous path for event lines (after the header). */
  eventLine(item: LineItem): void {
    if (this.done) return;
    const v = this.parseLine(item);
    if (v !== undefined) this.event(v.value, item.line);
  }

  private parseLine(item: LineItem): { value: unknown } | undefined {
    if ("tooLong" in item) {
      const lim = this.limits;
      this.fail(item.line, "too-long", item.line === 1
        ? `header line is ${item.tooLong} bytes long, over the ${showBytes(lim.maxHeaderBytes)} limit for the header (raise it with ${LIMIT_FLAGS.maxHeaderBytes})`
        : `line is ${item.tooLong} bytes long, over the ${showBytes(lim.maxLineBytes)} limit for one trace record (raise it with ${LIMIT_FLAGS.maxLineBytes})`);
      return undefined;
    }
    const r = parseJsonLine(item.bytes, item.start, item.end, this.limits);
    if (r.ok) return r;
    const what = this.headerSeen ? "an event" : "the header";
    let blank = true;
    for (let i = item.start; i < item.end && blank; i++) blank = item.bytes[i] === 0x20 || item.bytes[i] === 0x09;
    if (blank) this.fail(item.line, "empty", `empty line: expected a JSON object (${what})`);
    else this.fail(item.line, "malformed", `malformed JSON at column ${r.column}: ${r.message}; expected ${what} object`);
    return undefined;
  }

  fail(line: number, kind: DivergenceKind, message: string, extra: Partial<Divergence> = {}): void {
    if (this.result) return;
    // Messages quote the input (action names, keys, values): escape what a terminal would obey,
    // here once, so that every report (text, JSON, audit) carries the escaped form.
    this.result = {
      file: this.file, line, unit: this.unit, kind, message: escapeControls(message), cells: [], theorems: [],
      lastEvents: this.ring.toArray(), handles: [], ...extra,
    };
  }

  async header(value: unknown, line: number): Promise<void> {
    this.headerSeen = true;
    const schemaErr = this.opts.validateLine?.(value, line);
    const h = parseHeader(value);
    if (!h.ok) return this.fail(line, "header", h.error);
    if (schemaErr) return this.fail(line, "schema", `header ${schemaErr}`);
    this.variant = h.value.variant;
    // Bounds decide the size of everything built next: check them before building anything.
    const doc = await this.opts.rules.doc(h.value.variant);
    if (!doc.ok) return this.fail(line, "rules", `cannot check variant '${h.value.variant}': ${doc.error}`);
    const tooBig = checkBounds(doc.value, h.value.bounds, this.limits);
    if (tooBig) return this.fail(line, "header", `field 'bounds': ${tooBig}`);
    const m = await this.opts.rules.model(h.value.variant, h.value.bounds);
    if (!m.ok) return this.fail(line, "rules", `cannot check variant '${h.value.variant}': ${m.error}`);
    this.setup(m.value, h.value, line);
  }

  /** Start from a header whose rules are already compiled (ITF import path). */
  setup(model: Model, h: TraceHeader, line: number): void {
    this.headerSeen = true;
    this.variant = h.variant;
    const rules = model.rules;
    const fp = rules.rulesFingerprint ?? rulesFingerprint(rules);
    if (h.rulesFingerprint !== fp)
      return this.fail(line, "fingerprint",
        `header rulesFingerprint ${show(h.rulesFingerprint)} does not match the rules of variant '${rules.variant}' (${fp}): ` +
          (h.rulesFingerprint === "unavailable"
          ? `the trace was written before lean/rules/${rules.variant}.json existed; regenerate it (npm run simulate) now that the rules are exported`
          : `the trace was written against other rules; re-run the implementation against the current lean/rules/${rules.variant}.json`));
    if (rules.variant !== h.variant)
      return this.fail(line, "rules", `header variant '${h.variant}' but the rules file is for '${rules.variant}'`);
    const L = model.layout;
    const s: State = new Array<Scalar>(L.size);
    const seen = new Uint8Array(L.size);
    const init = h.init;
    for (const k in init) {
      const v = init[k]!;
      const slot = L.slotOf.get(k);
      if (slot === undefined) return this.fail(line, "init", `init: unknown cell '${k}' (not a cell of ${rules.variant} under bounds ${show(h.bounds)})`);
      const te = typeError(L.owner[slot]!, v);
      if (te) return this.fail(line, "init", `init: cell '${k}' must be ${te}, got ${show(v)}`);
      s[slot] = v;
      seen[slot] = 1;
    }
    const missing = L.keys.filter((_, i) => !seen[i]);
    if (missing.length > 0)
      return this.fail(line, "init", `init must give every cell; missing ${missing.length}: ${missing.slice(0, 8).join(", ")}${missing.length > 8 ? ", ..." : ""}`);
    let failed: string[];
    try {
      failed = failedInit(model, s);
    } catch (e) {
      if (e instanceof EvalError) return this.fail(line, "eval", `rules evaluation error in init: ${e.message}`);
      throw e;
    }
    if (failed.length > 0)
      return this.fail(line, "init", `init violates the rules' init conjunct '${failed[0]}'${failed.length > 1 ? ` (and ${failed.slice(1).join(", ")})` : ""}`, {
        failedGuard: failed[0]!, guardCells: this.cellsOf(model, rules.init.find((g) => g.name === failed[0])!.expr, s),
      });
    const broken = this.brokenInvariant(model, s);
    if (broken)
      return this.fail(line, "invariant", `init violates invariant '${broken.name}'${broken.theorems.length ? ` (proved in Lean by ${broken.theorems.join(", ")})` : ""}`, {
        failedGuard: broken.name, guardCells: this.cellsOf(model, broken.expr, s), theorems: broken.theorems,
      });
    this.model = model;
    this.state = s;
    this.slotHandle = new Int32Array(L.size).fill(-1);
    for (const v of L.vars.values()) {
      const d = v.decl.index.indexOf(this.handleDomain);
      if (d < 0) continue;
      for (let r = 0; r < v.size; r++) this.slotHandle[v.offset + r] = Math.floor(r / v.strides[d]!) % v.dims[d]!;
    }
    this.stamps = new Int32Array(L.size);
    this.finalVal = new Array<Scalar>(L.size).fill(false);
    this.hasher.reset(s);
    this.coverage = { variant: rules.variant, actions: new Map(), perHandle: new Map(), states: new HashSet64(), statesSaturated: false };
    this.coverage.states.add(this.hasher.h1, this.hasher.h2);
  }

  private cellsOf(model: Model, e: Expr, s: readonly Scalar[]): Record<string, Scalar> {
    const names = cellsRead(e, new Set());
    const out: Record<string, Scalar> = {};
    let n = 0;
    for (const name of names) {
      const v = model.layout.vars.get(name);
      if (!v) continue;
      for (let i = 0; i < v.size && n < 24; i++, n++) out[model.layout.keys[v.offset + i]!] = s[v.offset + i]!;
    }
    return out;
  }

  private handleContext(model: Model, handles: Iterable<number>, s: readonly Scalar[]): HandleContext[] {
    const out: HandleContext[] = [];
    for (const h of handles) {
      const cells: Record<string, Scalar> = {};
      for (let i = 0; i < model.layout.size; i++) if (this.slotHandle[i] === h) cells[model.layout.keys[i]!] = s[i]!;
      out.push({ handle: h, cells, lastEvents: this.handleRings.get(h)?.toArray() ?? [] });
    }
    return out;
  }

  event(value: unknown, line: number): void {
    const model = this.model;
    if (!model || this.done) return;
    const ev = parseEvent(value);
    if (!ev.ok) return this.fail(line, "malformed", `event: ${ev.error}`);
    const schemaErr = this.opts.validateLine?.(value, line);
    const e = ev.value;
    if (schemaErr) return this.fail(line, "schema", `event ${e.action}${showParams(e.params)} ${schemaErr}`, { seq: e.seq, rule: e.action, params: e.params });
    if (e.seq !== this.nextSeq)
      return this.fail(line, "seq", `seq ${e.seq} where ${this.nextSeq} was expected (seq starts at 1 and increases by 1; an event is missing, duplicated or reordered)`, { seq: e.seq, rule: e.action, params: e.params });
    const a = model.actions.get(e.action);
    if (!a)
      return this.fail(line, "unknown-action",
        `unknown action '${e.action}' for variant ${model.rules.variant}; the rules define: ${[...model.actions.keys()].join(", ")}`, { seq: e.seq, rule: e.action, params: e.params });
    const theorems = a.rule.theorems ?? [];
    const pErr = this.checkParams(a, e);
    if (pErr) return this.fail(line, "params", `${e.action}: ${pErr}`, { seq: e.seq, rule: e.action, params: e.params, theorems });
    const proc = processName(a.rule, e.params);
    if (e.process !== proc) {
      const how = a.rule.processParam === null ? "" : ` (the rules name the instance by parameter '${a.rule.processParam}')`;
      return this.fail(line, "process", `${e.action}${showParams(e.params)} is performed by process '${proc}'${how}, but the event says '${e.process}'`, { seq: e.seq, rule: e.action, params: e.params, theorems });
    }
    const pre = this.state;
    const env = bindEnv(a, e.params, (this.envs[a.rule.name] ??= new Array<number>(a.envSize).fill(0)));
    const handles = this.handles;
    handles.length = 0;
    for (const p of a.params) if (p.domain === this.handleDomain) addUnique(handles, e.params[p.name]!);
    let failed: string | undefined;
    // The successor as its final writes (last write per cell wins, found by walking the writes
    // backwards with a per-event stamp): a step costs the cells written, not the state size.
    const stamp = ++this.stampNo;
    const uniq = this.uniq;
    let nu = 0;
    try {
      failed = firstFailedGuard(a, pre, env);
      if (failed === undefined) {
        const w: Scalar[] = []; // young-generation garbage is cheaper than truncating a reused array
        collectWrites(a, pre, env, w);
        for (let i = w.length - 2; i >= 0; i -= 2) {
          const slot = w[i] as number;
          if (this.stamps[slot] === stamp) continue;
          this.stamps[slot] = stamp;
          this.finalVal[slot] = w[i + 1]!;
          uniq[nu++] = slot;
        }
      }
    } catch (err) {
      if (err instanceof EvalError) return this.fail(line, "eval", `rules evaluation error in ${e.action}: ${err.message}`, { seq: e.seq, rule: e.action, params: e.params, theorems });
      throw err;
    }
    if (failed !== undefined) {
      const g = a.rule.guards.find((x) => x.name === failed)!;
      return this.fail(line, "guard", `${e.action}${showParams(e.params)} is not enabled: guard conjunct '${failed}' is false in the reconstructed state`, {
        seq: e.seq, rule: e.action, params: e.params, failedGuard: failed, guardCells: this.cellsOf(model, g.expr, pre), theorems,
        handles: this.handleContext(model, handles, pre),
      });
    }
    // Compare every reported cell, then require every changed cell to be reported.
    const L = model.layout;
    let diffs: CellDiff[] | undefined;
    const post = e.post;
    for (const k in post) {
      const slot = L.slotOf.get(k);
      if (slot === undefined)
        return this.fail(line, "post", `post reports unknown cell '${k}' (not a cell of ${model.rules.variant} under the header's bounds)`, { seq: e.seq, rule: e.action, params: e.params, theorems });
      const obs = post[k]!;
      if (typeof obs === "object" || (typeof obs === "number" && !Number.isFinite(obs)))
        return this.fail(line, "malformed", `event: field 'post': cell '${k}' must be a boolean, integer or string, got ${show(obs)}`, { seq: e.seq, rule: e.action, params: e.params });
      // Every observed value has its cell's type, so no comparison can join two kinds.
      const te = typeError(L.owner[slot]!, obs);
      if (te) return this.fail(line, "post", `${e.action}${showParams(e.params)}: post cell '${k}' must be ${te}, got ${show(obs)}`, { seq: e.seq, rule: e.action, params: e.params, theorems });
      const exp = this.postOf(slot);
      if (obs !== exp) (diffs ??= []).push({ cell: k, before: pre[slot]!, expected: exp, observed: obs });
      const hs = this.slotHandle[slot]!;
      if (hs >= 0) addUnique(handles, hs);
    }
    for (let u = 0; u < nu; u++) {
      const slot = uniq[u]!;
      const v = this.finalVal[slot]!;
      if (v !== pre[slot] && !(L.keys[slot]! in post)) {
        (diffs ??= []).push({ cell: L.keys[slot]!, before: pre[slot]!, expected: v, observed: null });
        const hs = this.slotHandle[slot]!;
        if (hs >= 0) addUnique(handles, hs);
      }
    }
    // The rules declare which actions crash the collector (Lean: `rules_declarations_ok`).
    const crash = a.rule.outcome === "crash";
    const outcomeBad = (e.outcome === "crash") !== crash;
    if (outcomeBad || diffs !== undefined) {
      const ds = diffs ?? [];
      const parts: string[] = [];
      if (outcomeBad)
        parts.push(crash ? `the rules predict an SLC crash in ${e.action}, but the event reports outcome "ok"` : `outcome "crash" reported, but ${e.action} does not crash the SLC under the rules`);
      const wrong = ds.filter((d) => d.observed !== null);
      const unrep = ds.filter((d) => d.observed === null);
      if (wrong.length) parts.push(`observed post differs from the rule's successor on ${wrong.map((d) => `${d.cell} (expected ${show(d.expected)}, observed ${show(d.observed)})`).join(", ")}`);
      if (unrep.length) parts.push(`cells changed by the rule but not reported in post: ${unrep.map((d) => `${d.cell} (${show(d.before)} -> ${show(d.expected)})`).join(", ")}`);
      return this.fail(line, outcomeBad ? "outcome" : "post", `${e.action}${showParams(e.params)}: ${parts.join("; ")}`, {
        seq: e.seq, rule: e.action, params: e.params, cells: ds, theorems, handles: this.handleContext(model, handles, pre),
      });
    }
    // Accepted: advance in place.
    for (let u = 0; u < nu; u++) {
      const slot = uniq[u]!;
      const v = this.finalVal[slot]!;
      if (v !== pre[slot]) {
        this.hasher.toggle(slot, pre[slot]!);
        this.hasher.toggle(slot, v);
        pre[slot] = v;
      }
    }
    const broken = this.brokenInvariant(model, pre);
    if (broken)
      return this.fail(line, "invariant", `after ${e.action}${showParams(e.params)} the reconstructed state violates invariant '${broken.name}'${broken.theorems.length ? `, proved in Lean by ${broken.theorems.join(", ")}` : ""}: no execution of the ${model.rules.variant} rules reaches this state`, {
        seq: e.seq, rule: e.action, params: e.params, failedGuard: broken.name, guardCells: this.cellsOf(model, broken.expr, pre), theorems: broken.theorems,
        handles: this.handleContext(model, handles, pre),
      });
    this.nextSeq++;
    this.events++;
    // The parsed event itself is kept (no copy), with its line, in the rings.
    this.ring.push(e, line);
    for (const h of handles) {
      let r = this.handleRings.get(h);
      if (!r) this.handleRings.set(h, (r = new EventRing(LAST_EVENTS)));
      r.push(e, line);
    }
    const cov = this.coverage!;
    cov.actions.set(e.action, (cov.actions.get(e.action) ?? 0) + 1);
    for (const p of a.params)
      if (p.domain === this.handleDomain) {
        let m = cov.perHandle.get(e.action);
        if (!m) cov.perHandle.set(e.action, (m = new Map()));
        const hv = e.params[p.name]!;
        m.set(hv, (m.get(hv) ?? 0) + 1);
      }
    if (cov.states.size < MAX_STATES) cov.states.add(this.hasher.h1, this.hasher.h2);
    else if (!cov.states.has(this.hasher.h1, this.hasher.h2)) cov.statesSaturated = true;
  }

  /** The first exported invariant the state violates (evaluated on every reconstructed state). */
  private brokenInvariant(model: Model, s: readonly Scalar[]): { name: string; expr: Expr; theorems: string[] } | undefined {
    if (model.invariants.length === 0) return undefined;
    const bad = failedInvariants(model, s)[0];
    if (bad === undefined) return undefined;
    const inv = model.rules.invariants.find((i) => i.name === bad.name)!;
    return { name: inv.name, expr: inv.expr, theorems: inv.theorems ?? [] };
  }

  /** The successor's value of a cell during the current event. */
  private readonly postOf = (slot: number): Scalar => (this.stamps[slot] === this.stampNo ? this.finalVal[slot]! : this.state[slot]!);

  private checkParams(a: CompiledAction, e: TraceEvent): string | undefined {
    for (const p of a.params) {
      const v = e.params[p.name];
      if (v === undefined) return `parameter '${p.name}' (${p.domain}) is missing`;
      if (v < 0 || v >= p.bound) return `parameter ${p.name}=${v} is outside its domain ${p.domain} = 0..${p.bound - 1}`;
    }
    for (const k in e.params)
      if (!a.params.some((p) => p.name === k)) return `unexpected parameter '${k}' (the rule takes ${a.params.length ? a.params.map((p) => p.name).join(", ") : "none"})`;
    return undefined;
  }

  finish(lastLine: number): TraceResult {
    if (!this.headerSeen && !this.done) this.fail(Math.max(lastLine, 1), "empty", "empty trace: expected a header line");
    const ok = this.result === undefined;
    return {
      file: this.file, ok, variant: this.variant, events: this.events, warnings: this.warnings,
      ...(this.result ? { divergence: this.result } : {}),
      ...(ok && this.coverage ? { coverage: this.coverage } : {}),
      ...(this.model ? { model: this.model } : {}),
    };
  }
}

function addUnique(xs: number[], x: number): void {
  if (!xs.includes(x)) xs.push(x);
}

function showParams(p: TraceParams): string {
  const ks = Object.keys(p);
  return ks.length ? `(${ks.map((k) => `${k}=${p[k]}`).join(", ")})` : "";
}
