// Guards and effects of the exported rules as text an auditor reads at a glance
// (status[h] = present ∧ chainPc[k] = status), with just the parentheses precedence needs.
import type { Effect, Expr, Scalar } from "../../contract/rules/types.ts";

const PREC: Readonly<Record<string, number>> = { ite: 0, or: 1, and: 2, not: 3, eq: 4, ne: 4, lt: 4, le: 4, add: 5, sub: 5 };
const INFIX: Readonly<Record<string, string>> = { or: " ∨ ", and: " ∧ ", eq: " = ", ne: " ≠ ", lt: " < ", le: " ≤ ", add: " + ", sub: " − " };

const lit = (v: Scalar): string => (typeof v === "string" ? v : JSON.stringify(v));

function cellRef(name: string, idx: readonly Expr[]): string {
  return name + idx.map((i) => `[${exprText(i)}]`).join("");
}

/** `e` printed inside a context of precedence `outer`. */
function sub(e: Expr, outer: number): string {
  const s = exprText(e);
  const p = "op" in e ? PREC[e.op]! : "all" in e || "any" in e ? 0 : 9;
  return p <= outer ? `(${s})` : s;
}

export function exprText(e: Expr): string {
  if ("lit" in e) return lit(e.lit);
  if ("param" in e) return e.param;
  if ("cell" in e) return cellRef(e.cell, e.idx);
  if ("all" in e) return `∀ ${e.all} ∈ ${e.domain}, ${exprText(e.body)}`;
  if ("any" in e) return `∃ ${e.any} ∈ ${e.domain}, ${exprText(e.body)}`;
  const p = PREC[e.op]!;
  switch (e.op) {
    case "not":
      return `¬${sub(e.args[0]!, 8)}`; // only atoms go unparenthesised after ¬
    case "ite":
      return `if ${exprText(e.args[0]!)} then ${exprText(e.args[1]!)} else ${exprText(e.args[2]!)}`;
    case "and":
    case "or":
      if (e.args.length === 0) return e.op === "and" ? "true" : "false";
      return e.args.map((a) => sub(a, p)).join(INFIX[e.op]);
    default:
      // binary operators are not associative for printing purposes: parenthesise equal precedence
      return `${sub(e.args[0]!, p)}${INFIX[e.op]}${sub(e.args[1]!, p)}`;
  }
}

/** One line per assignment; `each` and `if` indent their bodies by two spaces. */
export function effectLines(effects: readonly Effect[], indent = ""): string[] {
  const out: string[] = [];
  for (const f of effects) {
    if ("set" in f) out.push(`${indent}${cellRef(f.set, f.idx)} := ${exprText(f.value)}`);
    else if ("each" in f) {
      out.push(`${indent}for each ${f.each} ∈ ${f.domain}:`);
      out.push(...effectLines(f.do, indent + "  "));
    } else {
      out.push(`${indent}if ${exprText(f.if)}:`);
      out.push(...(f.then.length ? effectLines(f.then, indent + "  ") : [`${indent}  (nothing)`]));
      if (f.else.length) {
        out.push(`${indent}else:`);
        out.push(...effectLines(f.else, indent + "  "));
      }
    }
  }
  return out;
}
