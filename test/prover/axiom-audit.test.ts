import { describe, expect, it } from "vitest";
import { augmentForAudit, deniedAxioms, parsePrintAxioms, printAxiomsFile, unmangle } from "../../src/prover/axiom-audit.ts";

describe("axiom audit", () => {
  it("appends the audit without moving any original line", () => {
    const src = "module\n\npublic import A\n\ntheorem t : True := trivial\n";
    const aug = augmentForAudit(src, ["N.t", "N.u"]);
    const before = src.split("\n");
    const after = aug.source.split("\n");
    expect(after[0]).toBe("module import Lean.Util.CollectAxioms import Lean.CoreM");
    expect(after.slice(1, before.length)).toEqual(before.slice(1));
    expect(aug.originalLines).toBe(before.length);
    expect(aug.source).toContain("for n in [``N.t, ``N.u] do");
  });

  it("unmangles private names", () => {
    expect(unmangle("_private.P.T.0.P.uses_sorry")).toBe("P.uses_sorry");
    expect(unmangle("Foo.bar")).toBe("Foo.bar");
  });

  it("deny-list: escape hatches and project-private axioms fail, library theorems pass", () => {
    const axs = ["of_decide_eq_true", "sorryAx", "Lean.ofReduceBool", "_private.Bad.Axiom.0.Bad.cheat", "_private.Init.Foo.0.x"];
    expect(deniedAxioms(axs, "deny-list", ["Bad.Axiom"])).toEqual(["sorryAx", "Lean.ofReduceBool", "_private.Bad.Axiom.0.Bad.cheat"]);
    expect(deniedAxioms(["propext", "of_decide_eq_true"], "deny-list", [])).toEqual([]);
  });

  it("allow-list for #print axioms: only the standard three", () => {
    expect(deniedAxioms(["propext", "Classical.choice", "Quot.sound"], "print-axioms", [])).toEqual([]);
    expect(deniedAxioms(["propext", "Bad.cheat", "sorryAx"], "print-axioms", [])).toEqual(["Bad.cheat", "sorryAx"]);
  });

  it("parses #print axioms output, wrapped lines included", () => {
    const out = "'A.t' depends on axioms: [propext,\n Classical.choice, Quot.sound]\n'A.u' does not depend on any axioms\n'A.v' depends on axioms: [sorryAx]\n";
    const m = parsePrintAxioms(out);
    expect(m.get("A.t")).toEqual(["propext", "Classical.choice", "Quot.sound"]);
    expect(m.get("A.u")).toEqual([]);
    expect(m.get("A.v")).toEqual(["sorryAx"]);
    expect(printAxiomsFile(["A"], ["A.t"])).toBe("import A\n\n#print axioms A.t\n");
  });
});
