import { describe, expect, it } from "vitest";
import { blankCommentsAndStrings, lintSource } from "../../src/prover/source-lint.ts";

describe("source lint", () => {
  it("finds each forbidden word with its line and column", () => {
    const src = [
      "module",
      "theorem oops : False := sorry",
      "axiom cheat : False",
      "theorem t : 2 = 2 := by native_decide",
      "@[implemented_by foo] def f := 1",
      "@[extern \"c\"] opaque g : Nat",
      "unsafe def u := 1",
      "theorem v : True := by admit",
      "example : 1 = 1 := by decide +native",
    ].join("\n");
    const found = lintSource("F.lean", src).map((f) => `${f.line}:${f.column}:${f.word}`);
    expect(found).toEqual(["2:24:sorry", "3:0:axiom", "4:24:native_decide", "5:2:implemented_by", "6:2:extern", "7:0:unsafe", "8:23:admit", "9:22:decide +native"]);
  });

  it("ignores comments, docstrings, strings and longer identifiers", () => {
    const src = [
      "-- sorry, this axiom is only a comment",
      "/-- docstring: no `sorry` here /- nested axiom -/ still comment -/",
      'def s := "sorry axiom unsafe"',
      "theorem sorry_free : True := trivial",
      "def axioms' := 1",
      "#print axioms foo",
      "def c := 'a'",
      "theorem x' : True := trivial -- admit",
      "#eval toString (constructor hasOwnProperty valueOf)",
    ].join("\n");
    expect(lintSource("F.lean", src)).toEqual([]);
  });

  it("keeps positions when blanking", () => {
    const src = 'a -- c\n"str" b /- x\ny -/ sorry';
    const blanked = blankCommentsAndStrings(src);
    expect(blanked.length).toBe(src.length);
    expect(blanked.split("\n").map((l) => l.trimEnd())).toEqual(["a", "      b", "     sorry"]);
  });
});
