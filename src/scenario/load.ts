// Loading and validating YAML scenarios. Every problem becomes a ScenarioError naming the file,
// the field and (where yaml knows it) the line; nothing here throws on bad user input.
import { readFileSync, statSync } from "node:fs";
import { basename, extname } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { Document } from "yaml";
import { ACTION_LABELS, VARIANTS, isVariant } from "../contract/vocabulary.ts";
import type { Bounds, Variant } from "../contract/vocabulary.ts";
import type { ConsumerState } from "../impl/consumer.ts";
import type { ShapeInit, SystemInit } from "../impl/system.ts";
import type { Scenario, ScenarioError } from "./types.ts";

export type LoadResult = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly errors: readonly ScenarioError[] };

const TOP_KEYS = ["name", "description", "variant", "bounds", "shapes", "transactions", "removals", "environment", "schedule", "maxSteps"];
const CONSUMER_STATES: readonly ConsumerState[] = ["starting", "running", "dead_cleanup", "dead_suspend", "dead_crash", "dead_killed", "dead_shutdown"];
const MAX_BOUND = 8;
const PROCESS_RE = /^(api|batcher|slc|shapecache|replication|supervisor|cleaner:(0|[1-9][0-9]*)|consumer:(0|[1-9][0-9]*))( [A-Za-z]+)?$/;

type Path = (string | number)[];

class Ctx {
  readonly errors: ScenarioError[] = [];
  constructor(readonly file: string, private readonly doc: Document, private readonly lc: LineCounter) {}

  error(path: Path, message: string): void {
    this.errors.push({ file: this.file, field: fieldName(path), line: this.line(path), message });
  }

  private line(path: Path): number | undefined {
    for (let p = path; ; p = p.slice(0, -1)) {
      const node: unknown = p.length === 0 ? this.doc.contents : this.doc.getIn(p, true);
      if (node && typeof node === "object" && "range" in node) {
        const r = (node as { range?: [number, number, number] }).range;
        if (r) return this.lc.linePos(r[0]).line;
      }
      if (p.length === 0) return undefined;
    }
  }
}

function fieldName(path: Path): string {
  let s = "";
  for (const p of path) s += typeof p === "number" ? `[${p}]` : s === "" ? p : `.${p}`;
  return s;
}

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function int(ctx: Ctx, path: Path, v: unknown, lo: number, hi: number): number | undefined {
  if (typeof v !== "number" || !Number.isInteger(v)) {
    ctx.error(path, `expected an integer, got ${show(v)}`);
    return undefined;
  }
  if (v < lo || v > hi) {
    ctx.error(path, `expected an integer in ${lo}..${hi}, got ${v}`);
    return undefined;
  }
  return v;
}

function oneOf<T extends string>(ctx: Ctx, path: Path, v: unknown, allowed: readonly T[]): T | undefined {
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  ctx.error(path, `expected one of ${allowed.join(", ")}, got ${show(v)}`);
  return undefined;
}

function bool(ctx: Ctx, path: Path, v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  ctx.error(path, `expected true or false, got ${show(v)}`);
  return undefined;
}

function unknownKeys(ctx: Ctx, path: Path, o: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) ctx.error([...path, k], `unknown field (allowed: ${allowed.join(", ")})`);
}

/** A scenario is a page of YAML; anything far larger is not one (and would be costly to parse). */
export const MAX_SCENARIO_BYTES = 1 << 20;
/** Alias expansions allowed while building the document (yaml's own default is 100). */
const MAX_ALIAS_COUNT = 100;

export function loadScenarioFile(file: string): LoadResult {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_SCENARIO_BYTES) return { ok: false, errors: [{ file, field: "", line: undefined, message: `the file is ${size} bytes, over the ${MAX_SCENARIO_BYTES}-byte limit for a scenario` }] };
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    return { ok: false, errors: [{ file, field: "", line: undefined, message: `cannot read the file (${code})` }] };
  }
  return parseScenario(text, file);
}

export function parseScenario(text: string, file: string): LoadResult {
  const whole = (message: string): LoadResult => ({ ok: false, errors: [{ file, field: "", line: undefined, message }] });
  if (text.length > MAX_SCENARIO_BYTES) return whole(`the text is ${text.length} characters, over the ${MAX_SCENARIO_BYTES} limit for a scenario`);
  if (text.includes("\u0000")) return whole("NUL character: this is binary data, not a YAML scenario");
  const lc = new LineCounter();
  let doc: Document;
  let raw: unknown;
  try {
    // The yaml library works on the user's text: its exceptions (an alias bomb tripping its
    // guard, nesting deep enough to exhaust the stack) are problems of this file.
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      return { ok: false, errors: doc.errors.map((e) => ({ file, field: "", line: e.linePos?.[0].line ?? lc.linePos(e.pos[0]).line, message: `YAML syntax: ${e.message.split("\n")[0] ?? e.code}` })) };
    }
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    if (/alias/i.test(m)) return whole(`YAML aliases expand beyond ${MAX_ALIAS_COUNT} references (an alias bomb?): ${m.split("\n")[0]}`);
    if (e instanceof RangeError) return whole(`YAML nesting is too deep to read (${m})`);
    return whole(`YAML could not be read: ${m.split("\n")[0]}`);
  }
  const ctx = new Ctx(file, doc, lc);
  if (!isObj(raw)) {
    ctx.error([], "expected a mapping at the top level");
    return { ok: false, errors: ctx.errors };
  }
  unknownKeys(ctx, [], raw, TOP_KEYS);

  const name = raw.name === undefined ? basename(file, extname(file)) : typeof raw.name === "string" && raw.name.length > 0 ? raw.name : (ctx.error(["name"], "expected a non-empty string"), "");
  const description = raw.description === undefined ? "" : typeof raw.description === "string" ? raw.description : (ctx.error(["description"], "expected a string"), "");
  let variant: Variant | undefined;
  if (raw.variant !== undefined) {
    if (isVariant(raw.variant)) variant = raw.variant;
    else ctx.error(["variant"], `expected one of ${VARIANTS.join(", ")}, got ${show(raw.variant)}`);
  }

  // bounds
  let bounds: Bounds | undefined;
  if (!isObj(raw.bounds)) ctx.error(["bounds"], raw.bounds === undefined ? "missing (a mapping with H, C, K, T)" : "expected a mapping with H, C, K, T");
  else {
    unknownKeys(ctx, ["bounds"], raw.bounds, ["H", "C", "K", "T"]);
    const b: Partial<Record<"H" | "C" | "K" | "T", number>> = {};
    for (const k of ["H", "C", "K", "T"] as const) {
      if (raw.bounds[k] === undefined) ctx.error(["bounds", k], "missing");
      else b[k] = int(ctx, ["bounds", k], raw.bounds[k], 1, MAX_BOUND);
    }
    if (b.H !== undefined && b.C !== undefined && b.K !== undefined && b.T !== undefined) bounds = { H: b.H, C: b.C, K: b.K, T: b.T };
  }
  const H = bounds?.H ?? MAX_BOUND;
  const C = bounds?.C ?? MAX_BOUND;
  const K = bounds?.K ?? MAX_BOUND;
  const T = bounds?.T ?? MAX_BOUND;

  // shapes
  const shapes: ShapeInit[] = [];
  if (raw.shapes !== undefined && !Array.isArray(raw.shapes)) ctx.error(["shapes"], "expected a list");
  const seenHandles = new Set<number>();
  let consumerCount = 0;
  (Array.isArray(raw.shapes) ? raw.shapes : []).forEach((s: unknown, i: number) => {
    const p: Path = ["shapes", i];
    if (!isObj(s)) return ctx.error(p, "expected a mapping");
    unknownKeys(ctx, p, s, ["handle", "status", "router", "storage", "consumer"]);
    const h = s.handle === undefined ? (ctx.error([...p, "handle"], "missing"), undefined) : int(ctx, [...p, "handle"], s.handle, 0, H - 1);
    if (h !== undefined) {
      if (seenHandles.has(h)) ctx.error([...p, "handle"], `handle ${h} is listed twice`);
      seenHandles.add(h);
    }
    const status = s.status === undefined ? "present" : oneOf(ctx, [...p, "status"], s.status, ["present", "absent", "tombstoned"] as const);
    const router = s.router === undefined ? status === "present" : bool(ctx, [...p, "router"], s.router);
    const storage = s.storage === undefined ? (status === "present" ? "present" : "absent") : oneOf(ctx, [...p, "storage"], s.storage, ["absent", "present", "cleaned"] as const);
    let consumer: ShapeInit["consumer"] = null;
    const cv = s.consumer;
    if (cv === undefined || cv === "none" || cv === null) consumer = null;
    else if (typeof cv === "string") {
      const st = oneOf(ctx, [...p, "consumer"], cv, ["none", ...CONSUMER_STATES]);
      if (st !== undefined && st !== "none") consumer = { state: st, registered: true };
    } else if (isObj(cv)) {
      unknownKeys(ctx, [...p, "consumer"], cv, ["state", "registered"]);
      const st = oneOf(ctx, [...p, "consumer", "state"], cv.state, CONSUMER_STATES);
      const reg = cv.registered === undefined ? true : bool(ctx, [...p, "consumer", "registered"], cv.registered);
      if (st !== undefined && reg !== undefined) consumer = { state: st, registered: reg };
    } else ctx.error([...p, "consumer"], `expected none, a consumer state or {state, registered}, got ${show(cv)}`);
    if (consumer !== null) {
      consumerCount++;
      if (consumerCount > C) ctx.error([...p, "consumer"], `more initial consumers than the bound C=${C}`);
    }
    if (h !== undefined && status !== undefined && router !== undefined && storage !== undefined) shapes.push({ h, status, router, storage, consumer });
  });

  // transactions
  const touches: boolean[][] = Array.from({ length: T }, () => Array.from({ length: H }, () => false));
  if (raw.transactions !== undefined && !Array.isArray(raw.transactions)) ctx.error(["transactions"], "expected a list");
  const txns: unknown[] = Array.isArray(raw.transactions) ? raw.transactions : [];
  if (txns.length > T) ctx.error(["transactions"], `${txns.length} transactions but the bound T=${T}`);
  txns.forEach((t: unknown, i: number) => {
    const p: Path = ["transactions", i];
    if (!isObj(t)) return ctx.error(p, "expected a mapping with touches: [handles]");
    unknownKeys(ctx, p, t, ["touches"]);
    if (!Array.isArray(t.touches)) return ctx.error([...p, "touches"], "expected a list of handles");
    t.touches.forEach((h: unknown, j: number) => {
      const v = int(ctx, [...p, "touches", j], h, 0, H - 1);
      const row = touches[i];
      if (v !== undefined && row !== undefined) row[v] = true;
    });
  });

  // removals
  const removals: { h: number; k: number; by: string }[] = [];
  if (raw.removals !== undefined && !Array.isArray(raw.removals)) ctx.error(["removals"], "expected a list");
  const usedSlots = new Set<number>();
  (Array.isArray(raw.removals) ? raw.removals : []).forEach((r: unknown, i: number) => {
    const p: Path = ["removals", i];
    if (!isObj(r)) return ctx.error(p, "expected a mapping with handle, chain, by");
    unknownKeys(ctx, p, r, ["handle", "chain", "by"]);
    const h = r.handle === undefined ? (ctx.error([...p, "handle"], "missing"), undefined) : int(ctx, [...p, "handle"], r.handle, 0, H - 1);
    const k = r.chain === undefined ? (ctx.error([...p, "chain"], "missing"), undefined) : int(ctx, [...p, "chain"], r.chain, 0, K - 1);
    if (k !== undefined) {
      if (usedSlots.has(k)) ctx.error([...p, "chain"], `chain slot ${k} is used by two removals (each slot is used at most once)`);
      usedSlots.add(k);
    }
    const by = r.by === undefined ? "api" : oneOf(ctx, [...p, "by"], r.by, ["api", "expiry", "relation", "schema", "slc", "shapecache"] as const);
    if (h !== undefined && k !== undefined && by !== undefined) removals.push({ h, k, by });
  });

  // environment
  const env = { suspend: false, crash: false, selfClean: false, kill: false, slcFail: false, startFail: false };
  if (raw.environment !== undefined) {
    if (!isObj(raw.environment)) ctx.error(["environment"], "expected a mapping of suspend, crash, selfClean, kill, slcFail, startFail to true/false");
    else {
      unknownKeys(ctx, ["environment"], raw.environment, Object.keys(env));
      for (const key of Object.keys(env) as (keyof typeof env)[]) {
        const v = raw.environment[key];
        if (v !== undefined) {
          const b = bool(ctx, ["environment", key], v);
          if (b !== undefined) env[key] = b;
        }
      }
    }
  }

  // schedule
  let schedule: string[] | undefined;
  if (raw.schedule !== undefined) {
    if (!Array.isArray(raw.schedule)) ctx.error(["schedule"], "expected a list of process names");
    else {
      schedule = [];
      raw.schedule.forEach((s: unknown, i: number) => {
        const idx = typeof s === "string" ? /^(cleaner|consumer):(\d+)( |$)/.exec(s) : null;
        const label = typeof s === "string" ? s.split(" ")[1] : undefined;
        if (label !== undefined && !(ACTION_LABELS as readonly string[]).includes(label)) {
          ctx.error(["schedule", i], `unknown action label ${label}`);
          return;
        }
        const limit = idx?.[1] === "cleaner" ? K : C;
        if (idx && Number(idx[2]) >= limit) ctx.error(["schedule", i], `${String(s)} is outside the bound ${idx[1] === "cleaner" ? "K" : "C"}=${limit}`);
        else if (typeof s === "string" && PROCESS_RE.test(s)) schedule?.push(s);
        else ctx.error(["schedule", i], `expected a process name (api, cleaner:K, batcher, slc, shapecache, consumer:C, replication, supervisor), optionally followed by an action label, got ${show(s)}`);
      });
    }
  }
  const maxSteps = raw.maxSteps === undefined ? 200 : int(ctx, ["maxSteps"], raw.maxSteps, 1, 100000) ?? 200;

  if (ctx.errors.length > 0 || bounds === undefined) {
    if (ctx.errors.length === 0) ctx.error(["bounds"], "invalid");
    return { ok: false, errors: ctx.errors };
  }
  return { ok: true, scenario: { name, description, file, variant, bounds, shapes, touches, removals, env: { ...env }, schedule, maxSteps } };
}

/** Combine a scenario with the variant to run; a few fields depend on the variant. */
export function toSystemInit(s: Scenario, variant: Variant): { ok: true; init: SystemInit } | { ok: false; errors: ScenarioError[] } {
  const errors: ScenarioError[] = [];
  s.shapes.forEach((sh, i) => {
    if (sh.status === "tombstoned" && variant !== "FixC" && variant !== "SerializedRemoval") errors.push({ file: s.file, field: `shapes[${i}].status`, line: undefined, message: `tombstoned exists only in variants FixC and SerializedRemoval (running ${variant})` });
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, init: { variant, bounds: s.bounds, shapes: s.shapes, touches: s.touches, removals: s.removals.map((r) => ({ h: r.h, k: r.k })), env: s.env } };
}

