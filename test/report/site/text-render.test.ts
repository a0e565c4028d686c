import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { effectLines, exprText } from "../../../src/report/site/expr-text.ts";
import { highlightLean, tokenizeLean } from "../../../src/report/site/lean-highlight.ts";
import type { Expr } from "../../../src/contract/rules/types.ts";

const cell = (name: string, ...idx: Expr[]): Expr => ({ cell: name, idx });
const p = (x: string): Expr => ({ param: x });

describe("guards and effects as text", () => {
  it("prints cells, comparisons and connectives", () => {
    expect(exprText({ op: "and", args: [{ op: "eq", args: [cell("status", cell("chainHandle", p("k"))), { lit: "present" }] }, { op: "not", args: [cell("router", p("h"))] }] }))
      .toBe("status[chainHandle[k]] = present ∧ ¬router[h]");
    expect(exprText({ any: "h", domain: "handle", body: cell("touches", p("t"), p("h")) })).toBe("∃ h ∈ handle, touches[t][h]");
    expect(exprText({ op: "and", args: [] })).toBe("true");
  });
  it("parenthesises only where precedence needs it", () => {
    const or: Expr = { op: "or", args: [cell("a"), cell("b")] };
    expect(exprText({ op: "and", args: [or, cell("c")] })).toBe("(a ∨ b) ∧ c");
    expect(exprText({ op: "or", args: [{ op: "and", args: [cell("a"), cell("b")] }, cell("c")] })).toBe("a ∧ b ∨ c");
    expect(exprText({ op: "sub", args: [cell("x"), { op: "sub", args: [cell("y"), { lit: 1 }] }] })).toBe("x − (y − 1)");
    expect(exprText({ op: "not", args: [{ op: "eq", args: [cell("x"), { lit: true }] }] })).toBe("¬(x = true)");
  });
  it("indents loops and conditionals", () => {
    expect(effectLines([
      { each: "h", domain: "handle", do: [{ if: cell("pendingRemove", p("h")), then: [{ set: "router", idx: [p("h")], value: { lit: false } }], else: [] }] },
      { set: "mbox", idx: [], value: { lit: "empty" } },
    ])).toEqual(["for each h ∈ handle:", "  if pendingRemove[h]:", "    router[h] := false", "mbox := empty"]);
  });
});

describe("Lean highlighting", () => {
  it("never loses or reorders a character", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => {
      expect(tokenizeLean(s).map((t) => t.text).join("")).toBe(s);
    }), { numRuns: 500 });
  });
  it("classes docstrings, nested comments, keywords, strings and numbers", () => {
    const src = '/-- doc -/\ntheorem foo /- a /- b -/ c -/ : ∀ n, n + 1 ≠ "x" := by\n  simp -- end';
    const kinds = tokenizeLean(src).filter((t) => t.kind !== "space").map((t) => `${t.kind}:${t.text}`);
    expect(kinds).toEqual(["doc:/-- doc -/", "keyword:theorem", "name:foo", "comment:/- a /- b -/ c -/", "symbol::", "keyword:∀", "name:n", "symbol:,", "name:n", "symbol:+", "number:1", "symbol:≠", 'string:"x"', "symbol::", "symbol:=", "keyword:by", "name:simp", "comment:-- end"]);
    expect(highlightLean("theorem a<b")).toBe('<span class="k">theorem</span> a<span class="o">&lt;</span>b');
  });
});
