// A Lean witness schedule replayed through the exported rules (the checker's interpreter), so
// its diagram shows what each step changed. Lean has already checked the schedule; if the
// interpreter disagrees (a step not enabled), the diagram marks that step and the replay says
// so: that is a drift between Lean and the checker, never hidden.
import type { Diagram, DiagramStep } from "../../diagram/types.ts";
import { crashText } from "../../diagram/from-events.ts";
import { processName } from "../../diagram/arrows.ts";
import { bindEnv, compileModel, EvalError, failedGuards, failedInit, successor, type Model } from "../../checker/interp.ts";
import type { Expr, RulesDoc, Scalar } from "../../contract/rules/types.ts";
import type { Result } from "../../contract/result.ts";
import type { VerdictTheorem } from "./verdicts.ts";

export interface WitnessReplay {
  diagram: Diagram;
  /** set when the replay disagrees with Lean's check of the schedule */
  problem?: string;
}

/**
 * The named initial states of the Lean model (Spec/Model.lean): `restored` is the reproduction
 * recipe at any bounds (every handle a restored shape: status present, router true, storage
 * present, every transaction touching it; all else default); null means every cell at its
 * default. The result must satisfy the exported init conjuncts, which checks this against Lean.
 */
export function initialState(m: Model, name: string | null): Result<Scalar[]> {
  const s = m.layout.owner.map((d) => d.default);
  if (name === "restored") {
    const set = (v: string, val: Scalar): void => {
      const vl = m.layout.vars.get(v);
      if (vl) for (let i = 0; i < vl.size; i++) s[vl.offset + i] = val;
    };
    set("status", "present");
    set("router", true);
    set("storage", "present");
    set("touches", true);
  } else if (name !== null) return { ok: false, error: `unknown initial state '${name}' (known: restored, or null for the defaults)` };
  const bad = failedInit(m, s);
  if (bad.length) return { ok: false, error: `initial state '${name ?? "defaults"}' fails the exported init conjunct(s) ${bad.join(", ")}` };
  return { ok: true, value: s };
}


/**
 * The verdict export's invariants write enum literals untyped (`{"lit": "sendNil"}`) while the
 * rules format types them (`{"lit": "sendNil", "enum": "crashCause"}`), which the interpreter
 * requires. A string literal compared (eq/ne) with a cell of an enum variable gets that
 * variable's enum type; anything else is left as it is, for the interpreter to judge.
 */
export function typeLiterals(e: Expr, rules: RulesDoc): Expr {
  const enumOf = (x: Expr): string | undefined => {
    if (!("cell" in x)) return undefined;
    const t = rules.variables.find((v) => v.name === x.cell)?.type;
    return t && "enum" in t ? t.enumType : undefined;
  };
  const fix = (x: Expr): Expr => {
    if ("op" in x) {
      const args = x.args.map(fix);
      if ((x.op === "eq" || x.op === "ne") && args.length === 2) {
        for (const [i, j] of [[0, 1], [1, 0]] as const) {
          const lit = args[i]!;
          const ty = enumOf(args[j]!);
          if (ty && "lit" in lit && typeof lit.lit === "string" && lit.enum === undefined) args[i] = { lit: lit.lit, enum: ty };
        }
      }
      return { op: x.op, args };
    }
    if ("all" in x) return { all: x.all, domain: x.domain, body: fix(x.body) };
    if ("any" in x) return { any: x.any, domain: x.domain, body: fix(x.body) };
    if ("cell" in x) return { cell: x.cell, idx: x.idx.map(fix) };
    return x;
  };
  return fix(e);
}

/** Replay `t.schedule` for `t.variant` from its initial state; `property` marks where it is reached. */
export function replayWitness(rules: RulesDoc, t: VerdictTheorem, property: { name: string; expr: unknown } | null): Result<WitnessReplay> {
  try {
    return replay(rules, t, property);
  } catch (e) {
    if (e instanceof EvalError) return { ok: false, error: `witness ${t.name}: ${e.message}` };
    throw e;
  }
}

function replay(rules: RulesDoc, t: VerdictTheorem, property: { name: string; expr: unknown } | null): Result<WitnessReplay> {
  const where = `witness ${t.name}`;
  if (!t.schedule) return { ok: false, error: `${where}: no schedule` };
  const bounds = t.bounds ?? (rules.bounds as VerdictTheorem["bounds"]);
  const doc: RulesDoc = property ? { ...rules, invariants: [{ name: property.name, expr: typeLiterals(property.expr as Expr, rules), theorems: [] }] } : { ...rules, invariants: [] };
  const compiled = compileModel(doc, bounds ?? rules.bounds);
  if (!compiled.ok) return { ok: false, error: `${where}: rules of ${rules.variant}${property ? ` with the ${property.name} invariant` : ""}: ${compiled.error}` };
  const m = compiled.value;
  const init = initialState(m, t.initial);
  if (!init.ok) return { ok: false, error: `${where}: ${init.error}` };
  let s = init.value;
  const holds = (st: readonly Scalar[]): boolean => m.invariants.every((g) => g.fn(st, []) === true);
  if (property && !holds(s)) return { ok: false, error: `${where}: the ${property.name} invariant is already false in the initial state (a witness claim must be false there)` };

  const steps: DiagramStep[] = [];
  let problem: string | undefined;
  let reached = false;
  for (const [i, st] of t.schedule.entries()) {
    const seq = i + 1;
    const a = m.actions.get(st.action);
    if (!a) return { ok: false, error: `${where}: step ${seq}: ${st.action} is not an action of ${rules.variant}` };
    if (st.args.length !== a.params.length) return { ok: false, error: `${where}: step ${seq}: ${st.action} takes ${a.params.length} argument(s) (${a.params.map((p) => p.name).join(", ")}), the schedule gives ${st.args.length}` };
    const params: Record<string, number> = {};
    for (const [j, p] of a.params.entries()) {
      const v = st.args[j]!;
      if (v >= p.bound) return { ok: false, error: `${where}: step ${seq}: ${st.action} argument ${p.name}=${v} is outside 0..${p.bound - 1}` };
      params[p.name] = v;
    }
    const env = bindEnv(a, params);
    const failed = failedGuards(a, s, env);
    const process = processName(a.rule, params);
    if (failed.length) {
      problem = `step ${seq}: ${st.action} is not enabled in the checker's interpretation (failed guard conjunct(s): ${failed.join(", ")}), but Lean checked this schedule`;
      steps.push({ seq, process, action: st.action, params, changes: [], mark: { kind: "divergence", text: `not enabled here: ${failed.join(", ")}` } });
      break;
    }
    const post = successor(a, s, env);
    const changes = post.flatMap((v, slot) => (v === s[slot] ? [] : [{ cell: m.layout.keys[slot]!, before: s[slot]!, after: v }]));
    const crash = a.rule.outcome === "crash"; // the rules declare which steps crash the SLC
    const crashCause = post[m.layout.slotOf.get("crashCause") ?? -1];
    let mark: DiagramStep["mark"];
    if (crash) mark = { kind: "crash", text: crashText(crashCause) };
    else if (property && !reached && !holds(post)) mark = { kind: "violation", text: `${property.name} reached` };
    if (property && !holds(post)) reached = true;
    steps.push({ seq, process, action: st.action, params, changes, ...(mark ? { mark } : {}) });
    s = post;
  }
  if (!problem && property && !reached) problem = `the schedule never makes the ${property.name} invariant false in the checker's interpretation`;
  const b = m.bounds;
  return {
    ok: true,
    value: {
      diagram: { id: `witness-${t.name}`, title: `${t.variant ?? ""} witness: ${t.name}`, note: `from ${t.initial ?? "the default"} state, H=${b.H} C=${b.C} K=${b.K} T=${b.T}; ${steps.length} steps`, steps },
      ...(problem ? { problem } : {}),
    },
  };
}
