// Static typing of a rules document, the checker-side mirror of Lean's `Expr.kind` and
// `Effect.wellTyped` (lean/ElectricRace/Spec/WellFormed.lean, theorem `rules_wellTyped`).
// Every expression gets one kind when the rules are loaded: bool, int, or one named enum. A
// document in which a comparison, assignment or condition joins two kinds is refused with the
// action and guard it occurs in, so at run time no comparison can be true in TypeScript that
// is false in Lean (a ShapeStatus "absent" never meets a storage "absent").
import type { Effect, Expr, RulesDoc, VariableDecl } from "../contract/rules/types.ts";
import type { Result } from "../contract/result.ts";
import { err, ok } from "../contract/result.ts";

/** "bool", "int" or "enum:<name>". */
export type Kind = string;

class TypeErr extends Error {}

const enumKind = (name: string): Kind => `enum:${name}`;
const showKind = (k: Kind): string => (k.startsWith("enum:") ? `enum ${k.slice(5)}` : k);

export function varKind(decl: VariableDecl): Kind {
  const t = decl.type;
  if ("bool" in t) return "bool";
  if ("int" in t) return "int";
  return enumKind(t.enumType);
}

interface Ctx {
  vars: Map<string, VariableDecl>;
  enums: Map<string, readonly string[]>;
}

function exprKind(e: Expr, scope: ReadonlySet<string>, c: Ctx, path: string): Kind {
  if ("lit" in e) {
    const v = e.lit;
    if (typeof v === "boolean") {
      if ("enum" in e) throw new TypeErr(`${path}: boolean literal tagged with enum '${String(e.enum)}'`);
      return "bool";
    }
    if (typeof v === "number") {
      if (!Number.isInteger(v)) throw new TypeErr(`${path}: literal ${v} is not an integer`);
      if ("enum" in e) throw new TypeErr(`${path}: integer literal tagged with enum '${String(e.enum)}'`);
      return "int";
    }
    if (!("enum" in e) || typeof e.enum !== "string")
      throw new TypeErr(`${path}: string literal ${JSON.stringify(v)} carries no enum type (expected {"lit": ..., "enum": "<type>"})`);
    const members = c.enums.get(e.enum);
    if (members === undefined) throw new TypeErr(`${path}: unknown enum type '${e.enum}' (no variable declares it)`);
    if (!members.includes(v)) throw new TypeErr(`${path}: ${JSON.stringify(v)} is not a member of enum ${e.enum} (${members.join(", ")})`);
    return enumKind(e.enum);
  }
  if ("param" in e) {
    if (!scope.has(e.param)) throw new TypeErr(`${path}: unbound parameter '${e.param}'`);
    return "int";
  }
  if ("cell" in e) {
    const d = c.vars.get(e.cell);
    if (d === undefined) throw new TypeErr(`${path}: unknown variable '${e.cell}'`);
    indices(d, e.idx ?? [], scope, c, path);
    return varKind(d);
  }
  if ("op" in e) {
    const ks = e.args.map((a, i) => exprKind(a, scope, c, `${path}.args[${i}]`));
    const need = (n: number): void => {
      if (ks.length !== n) throw new TypeErr(`${path}: '${e.op}' takes ${n} argument(s), got ${ks.length}`);
    };
    const all = (k: Kind): void => {
      ks.forEach((x, i) => {
        if (x !== k) throw new TypeErr(`${path}.args[${i}]: '${e.op}' needs ${showKind(k)}, got ${showKind(x)}`);
      });
    };
    switch (e.op) {
      case "and":
      case "or":
        all("bool");
        return "bool";
      case "not":
        need(1);
        all("bool");
        return "bool";
      case "eq":
      case "ne":
        need(2);
        if (ks[0] !== ks[1]) throw new TypeErr(`${path}: '${e.op}' compares ${showKind(ks[0]!)} with ${showKind(ks[1]!)}`);
        return "bool";
      case "lt":
      case "le":
        need(2);
        all("int");
        return "bool";
      case "add":
      case "sub":
        need(2);
        all("int");
        return "int";
      case "ite":
        need(3);
        if (ks[0] !== "bool") throw new TypeErr(`${path}.args[0]: 'ite' condition must be bool, got ${showKind(ks[0]!)}`);
        if (ks[1] !== ks[2]) throw new TypeErr(`${path}: 'ite' branches have kinds ${showKind(ks[1]!)} and ${showKind(ks[2]!)}`);
        return ks[1]!;
      default:
        throw new TypeErr(`${path}: unknown operator '${String(e.op)}'`);
    }
  }
  const x = "all" in e ? e.all : e.any;
  const b = exprKind(e.body, new Set(scope).add(x), c, `${path}.body`);
  if (b !== "bool") throw new TypeErr(`${path}.body: a quantifier body must be bool, got ${showKind(b)}`);
  return "bool";
}

function indices(d: VariableDecl, idx: readonly Expr[], scope: ReadonlySet<string>, c: Ctx, path: string): void {
  if (idx.length !== d.index.length) throw new TypeErr(`${path}: '${d.name}' takes ${d.index.length} index(es), got ${idx.length}`);
  idx.forEach((i, n) => {
    const k = exprKind(i, scope, c, `${path}.idx[${n}]`);
    if (k !== "int") throw new TypeErr(`${path}.idx[${n}]: an index must be int, got ${showKind(k)}`);
  });
}

function boolExpr(e: Expr, scope: ReadonlySet<string>, c: Ctx, path: string): void {
  const k = exprKind(e, scope, c, path);
  if (k !== "bool") throw new TypeErr(`${path}: must be bool, got ${showKind(k)}`);
}

function effect(e: Effect, scope: ReadonlySet<string>, c: Ctx, path: string): void {
  if ("set" in e) {
    const d = c.vars.get(e.set);
    if (d === undefined) throw new TypeErr(`${path}: unknown variable '${e.set}'`);
    indices(d, e.idx ?? [], scope, c, path);
    const k = exprKind(e.value, scope, c, `${path}.value`);
    if (k !== varKind(d)) throw new TypeErr(`${path}.value: '${d.name}' holds ${showKind(varKind(d))}, the value is ${showKind(k)}`);
    return;
  }
  if ("each" in e) {
    const inner = new Set(scope).add(e.each);
    e.do.forEach((x, i) => effect(x, inner, c, `${path}.do[${i}]`));
    return;
  }
  boolExpr(e.if, scope, c, `${path}.if`);
  e.then.forEach((x, i) => effect(x, scope, c, `${path}.then[${i}]`));
  (e.else ?? []).forEach((x, i) => effect(x, scope, c, `${path}.else[${i}]`));
}

/** The enum types the variables declare; one member list per enum name. */
function enumTable(doc: RulesDoc): Map<string, readonly string[]> {
  const enums = new Map<string, readonly string[]>();
  for (const v of doc.variables) {
    if (!("enum" in v.type)) continue;
    const prev = enums.get(v.type.enumType);
    if (prev !== undefined && prev.join("\u0000") !== v.type.enum.join("\u0000"))
      throw new TypeErr(`variables (${v.name}): enum ${v.type.enumType} is declared with two member lists`);
    enums.set(v.type.enumType, v.type.enum);
  }
  return enums;
}

/**
 * Type every expression of a rules document. The error names where: the action and the guard
 * (or effect, init conjunct, invariant) and a path into it.
 */
export function typecheckRules(doc: RulesDoc): Result<void> {
  try {
    const c: Ctx = { vars: new Map(doc.variables.map((v) => [v.name, v])), enums: enumTable(doc) };
    doc.actions.forEach((a, ai) => {
      const where = `actions[${ai}] (${a.name})`;
      const scope = new Set(a.params.map((p) => p.name));
      if (a.processParam !== null && !scope.has(a.processParam))
        throw new TypeErr(`${where}: processParam '${a.processParam}' is not a parameter of the action (${[...scope].join(", ") || "none"})`);
      a.guards.forEach((g, gi) => boolExpr(g.expr, scope, c, `${where}.guards[${gi}] (${g.name})`));
      a.effects.forEach((e, ei) => effect(e, scope, c, `${where}.effects[${ei}]`));
    });
    doc.init.forEach((g, i) => boolExpr(g.expr, new Set(), c, `init[${i}] (${g.name})`));
    (doc.invariants ?? []).forEach((g, i) => boolExpr(g.expr, new Set(), c, `invariants[${i}] (${g.name})`));
    return ok(undefined);
  } catch (e) {
    if (e instanceof TypeErr) return err(`ill-typed rules: ${e.message}`);
    throw e;
  }
}
