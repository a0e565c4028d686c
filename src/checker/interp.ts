// The rules interpreter: compiles the Expr/Effect trees of a rules document (for one set of
// bounds) into closures and evaluates them exactly as docs/contracts.md section 2 defines:
// every expression is read in the pre-state, assignments are applied in document order (the
// last write to a cell wins), an out-of-domain index reads the variable's default and an
// out-of-domain write is a no-op, quantifiers range over 0..bound-1 of their domain.
// Compilation first types every expression (typing.ts, the mirror of Lean's `rules_wellTyped`)
// and resolves every name once, so an ill-typed or malformed rules file is rejected up front with
// the action and guard it concerns; EvalError is left as a guard against a bug in this file.
import type { TraceParams } from "../contract/trace/types.ts";
import type { ActionRule, Bounds, Effect, Expr, NamedExpr, RulesDoc, Scalar } from "../contract/rules/types.ts";
import type { Result } from "../contract/result.ts";
import { err, ok } from "../contract/result.ts";
import { buildLayout, domainSize, type Layout, type State } from "./layout.ts";
import { typecheckRules } from "./typing.ts";

/** A type error while evaluating a rule (a bug in the export, never in a trace). */
export class EvalError extends Error {}

type Env = number[];
type CExpr = (s: readonly Scalar[], env: Env) => Scalar;
/** Collect (slot, value) writes into `out` (flat pairs), reading only the pre-state. */
type CEffect = (s: readonly Scalar[], env: Env, out: Scalar[]) => void;

export interface CompiledParam {
  name: string;
  domain: string;
  bound: number;
}

export interface CompiledGuard {
  name: string;
  fn: CExpr;
}

export interface CompiledAction {
  rule: ActionRule;
  params: CompiledParam[];
  guards: CompiledGuard[];
  effects: CEffect[];
  envSize: number;
}

export interface Model {
  rules: RulesDoc;
  bounds: Bounds;
  layout: Layout;
  actions: Map<string, CompiledAction>;
  init: CompiledGuard[];
  invariants: CompiledGuard[];
}

interface Scope {
  vars: Map<string, number>;
  next: number;
  max: { n: number };
}

const isInt = (v: Scalar): v is number => typeof v === "number" && Number.isInteger(v);

function asBool(v: Scalar, what: string): boolean {
  if (typeof v !== "boolean") throw new EvalError(`${what}: expected a boolean, got ${JSON.stringify(v)}`);
  return v;
}
function asInt(v: Scalar, what: string): number {
  if (!isInt(v)) throw new EvalError(`${what}: expected an integer, got ${JSON.stringify(v)}`);
  return v;
}

class Compiler {
  constructor(
    readonly rules: RulesDoc,
    readonly bounds: Bounds,
    readonly layout: Layout,
  ) {}

  domain(d: string, path: string): number {
    const n = domainSize(this.rules, this.bounds, d);
    if (!n.ok) throw new CompileError(`${path}: ${n.error}`);
    return n.value;
  }

  /** Compile the index list of a cell reference to a slot-computing closure (-1: out of domain). */
  slot(name: string, idx: readonly Expr[] | undefined, scope: Scope, path: string): (s: readonly Scalar[], env: Env) => number {
    const v = this.layout.vars.get(name);
    if (v === undefined) throw new CompileError(`${path}: unknown variable '${name}'`);
    const ix = idx ?? [];
    if (ix.length !== v.dims.length)
      throw new CompileError(`${path}: '${name}' takes ${v.dims.length} index(es), got ${ix.length}`);
    const fs = ix.map((e, i) => this.expr(e, scope, `${path}.idx[${i}]`));
    const { offset, dims, strides } = v;
    if (fs.length === 0) return () => offset;
    if (fs.length === 1) {
      const f0 = fs[0]!, d0 = dims[0]!;
      return (s, env) => {
        const i = asInt(f0(s, env), `${path}.idx[0]`);
        return i >= 0 && i < d0 ? offset + i : -1;
      };
    }
    return (s, env) => {
      let slot = offset;
      for (let k = 0; k < fs.length; k++) {
        const i = asInt(fs[k]!(s, env), `${path}.idx[${k}]`);
        if (i < 0 || i >= dims[k]!) return -1;
        slot += i * strides[k]!;
      }
      return slot;
    };
  }

  expr(e: Expr, scope: Scope, path: string): CExpr {
    if ("lit" in e) {
      const v = e.lit;
      return () => v;
    }
    if ("param" in e) {
      const i = scope.vars.get(e.param);
      if (i === undefined) throw new CompileError(`${path}: unbound parameter '${e.param}'`);
      return (_s, env) => env[i]!;
    }
    if ("cell" in e) {
      const slot = this.slot(e.cell, e.idx, scope, path);
      const def = this.layout.vars.get(e.cell)!.decl.default;
      return (s, env) => {
        const k = slot(s, env);
        return k < 0 ? def : s[k]!;
      };
    }
    if ("op" in e) return this.op(e.op, e.args, scope, path);
    const isAll = "all" in e;
    const x = isAll ? e.all : e.any;
    const n = this.domain(e.domain, path);
    const inner: Scope = { vars: new Map(scope.vars).set(x, scope.next), next: scope.next + 1, max: scope.max };
    scope.max.n = Math.max(scope.max.n, inner.next);
    const body = this.expr(e.body, inner, `${path}.body`);
    const at = scope.next;
    return isAll
      ? (s, env) => {
          for (let i = 0; i < n; i++) {
            env[at] = i;
            if (!asBool(body(s, env), `${path}.body`)) return false;
          }
          return true;
        }
      : (s, env) => {
          for (let i = 0; i < n; i++) {
            env[at] = i;
            if (asBool(body(s, env), `${path}.body`)) return true;
          }
          return false;
        };
  }

  op(op: string, args: readonly Expr[], scope: Scope, path: string): CExpr {
    const fs = args.map((a, i) => this.expr(a, scope, `${path}.args[${i}]`));
    const arity = (n: number) => {
      if (fs.length !== n) throw new CompileError(`${path}: '${op}' takes ${n} argument(s), got ${fs.length}`);
    };
    const p = path;
    switch (op) {
      case "and":
        return (s, env) => {
          for (const f of fs) if (!asBool(f(s, env), p)) return false;
          return true;
        };
      case "or":
        return (s, env) => {
          for (const f of fs) if (asBool(f(s, env), p)) return true;
          return false;
        };
      case "not": {
        arity(1);
        const [a] = fs as [CExpr];
        return (s, env) => !asBool(a(s, env), p);
      }
      case "eq":
      case "ne": {
        arity(2);
        const [a, b] = fs as [CExpr, CExpr];
        return op === "eq" ? (s, env) => a(s, env) === b(s, env) : (s, env) => a(s, env) !== b(s, env);
      }
      case "lt":
      case "le":
      case "add":
      case "sub": {
        arity(2);
        const [a, b] = fs as [CExpr, CExpr];
        switch (op) {
          case "lt":
            return (s, env) => asInt(a(s, env), p) < asInt(b(s, env), p);
          case "le":
            return (s, env) => asInt(a(s, env), p) <= asInt(b(s, env), p);
          case "add":
            return (s, env) => asInt(a(s, env), p) + asInt(b(s, env), p);
          default:
            return (s, env) => asInt(a(s, env), p) - asInt(b(s, env), p);
        }
      }
      case "ite": {
        arity(3);
        const [c, a, b] = fs as [CExpr, CExpr, CExpr];
        return (s, env) => (asBool(c(s, env), p) ? a(s, env) : b(s, env));
      }
      default:
        throw new CompileError(`${path}: unknown operator '${op}'`);
    }
  }

  effects(es: readonly Effect[] | undefined, scope: Scope, path: string): CEffect[] {
    return (es ?? []).map((e, i) => this.effect(e, scope, `${path}[${i}]`));
  }

  effect(e: Effect, scope: Scope, path: string): CEffect {
    if ("set" in e) {
      const slot = this.slot(e.set, e.idx, scope, path);
      const value = this.expr(e.value, scope, `${path}.value`);
      return (s, env, out) => {
        const k = slot(s, env);
        if (k >= 0) out.push(k, value(s, env));
      };
    }
    if ("each" in e) {
      const n = this.domain(e.domain, path);
      const inner: Scope = { vars: new Map(scope.vars).set(e.each, scope.next), next: scope.next + 1, max: scope.max };
      scope.max.n = Math.max(scope.max.n, inner.next);
      const body = this.effects(e.do, inner, `${path}.do`);
      const at = scope.next;
      return (s, env, out) => {
        for (let i = 0; i < n; i++) {
          env[at] = i;
          for (const b of body) b(s, env, out);
        }
      };
    }
    const cond = this.expr(e.if, scope, `${path}.if`);
    const th = this.effects(e.then, scope, `${path}.then`);
    const el = this.effects(e.else, scope, `${path}.else`);
    return (s, env, out) => {
      for (const b of asBool(cond(s, env), `${path}.if`) ? th : el) b(s, env, out);
    };
  }

  named(list: readonly NamedExpr[] | undefined, scope: Scope, path: string): CompiledGuard[] {
    return (list ?? []).map((g, i) => ({ name: g.name, fn: this.expr(g.expr, scope, `${path}[${i}] (${g.name})`) }));
  }
}

class CompileError extends Error {}

function emptyScope(): Scope {
  return { vars: new Map(), next: 0, max: { n: 0 } };
}

/** Compile a rules document for the given bounds. Errors name the offending path. */
export function compileModel(rules: RulesDoc, bounds: Bounds): Result<Model> {
  const typed = typecheckRules(rules);
  if (!typed.ok) return typed;
  const layout = buildLayout(rules, bounds);
  if (!layout.ok) return layout;
  const c = new Compiler(rules, bounds, layout.value);
  try {
    const actions = new Map<string, CompiledAction>();
    rules.actions.forEach((rule, ai) => {
      const path = `actions[${ai}] (${rule.name})`;
      if (actions.has(rule.name)) throw new CompileError(`${path}: action declared twice`);
      const scope = emptyScope();
      const params = rule.params.map((p) => {
        if (scope.vars.has(p.name)) throw new CompileError(`${path}: parameter '${p.name}' declared twice`);
        scope.vars.set(p.name, scope.next++);
        return { name: p.name, domain: p.domain, bound: c.domain(p.domain, `${path}.params`) };
      });
      scope.max.n = scope.next;
      const guards = c.named(rule.guards, scope, `${path}.guards`);
      const effects = c.effects(rule.effects, scope, `${path}.effects`);
      actions.set(rule.name, { rule, params, guards, effects, envSize: Math.max(scope.max.n, 1) });
    });
    const init = c.named(rules.init, emptyScope(), "init");
    const invariants = c.named(rules.invariants, emptyScope(), "invariants");
    return ok({ rules, bounds, layout: layout.value, actions, init, invariants });
  } catch (e) {
    if (e instanceof CompileError || e instanceof EvalError) return err(e.message);
    throw e;
  }
}

/** Parameter environment for an action from a name->value binding (values already checked). */
export function bindEnv(a: CompiledAction, params: TraceParams, into?: Env): Env {
  const env = into ?? new Array<number>(a.envSize).fill(0);
  for (let i = 0; i < a.params.length; i++) env[i] = params[a.params[i]!.name]!;
  return env;
}

/** Name of the first guard conjunct that does not hold, or undefined when the action is enabled. */
export function firstFailedGuard(a: CompiledAction, s: readonly Scalar[], env: Env): string | undefined {
  for (const g of a.guards) if (!asBool(g.fn(s, env), `guard ${a.rule.name}.${g.name}`)) return g.name;
  return undefined;
}

/** Names of all guard conjuncts that do not hold. */
export function failedGuards(a: CompiledAction, s: readonly Scalar[], env: Env): string[] {
  return a.guards.filter((g) => !asBool(g.fn(s, env), `guard ${a.rule.name}.${g.name}`)).map((g) => g.name);
}

/** The writes of an action as flat (slot, value) pairs in document order; all read `s`. */
export function collectWrites(a: CompiledAction, s: readonly Scalar[], env: Env, out: Scalar[] = []): Scalar[] {
  for (const e of a.effects) e(s, env, out);
  return out;
}

/** The successor state (a fresh array): all effects read `s`, writes land in document order. */
export function successor(a: CompiledAction, s: readonly Scalar[], env: Env): State {
  const writes = collectWrites(a, s, env);
  const post = s.slice();
  for (let i = 0; i < writes.length; i += 2) post[writes[i] as number] = writes[i + 1]!;
  return post;
}

/** All parameter bindings of an action over its domains, in lexicographic order. */
export function* bindings(a: CompiledAction): Generator<Record<string, number>> {
  const cur = new Array<number>(a.params.length).fill(0);
  if (a.params.some((p) => p.bound === 0)) return;
  for (;;) {
    const b: Record<string, number> = {};
    a.params.forEach((p, i) => (b[p.name] = cur[i]!));
    yield b;
    let i = a.params.length - 1;
    while (i >= 0 && ++cur[i]! >= a.params[i]!.bound) cur[i--] = 0;
    if (i < 0) return;
  }
}

/** Failed invariant names for a state (each is proved in Lean for the variant). */
export function failedInvariants(m: Model, s: readonly Scalar[]): CompiledGuard[] {
  return m.invariants.filter((g) => !asBool(g.fn(s, []), `invariant ${g.name}`));
}

/** Failed init conjunct names for a state. */
export function failedInit(m: Model, s: readonly Scalar[]): string[] {
  return m.init.filter((g) => !asBool(g.fn(s, []), `init ${g.name}`)).map((g) => g.name);
}
