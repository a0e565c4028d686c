import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { augmentForAudit, composeAxioms, deniedAxioms, parsePrintAxioms, printAxiomsFile, takeAuditResults, unmangle, type ModuleAudit } from "../../src/prover/axiom-audit.ts";
import { parseJsonMessages } from "../../src/prover/diagnostics.ts";

describe("axiom audit", () => {
  it("appends the walker without moving any original line", () => {
    const src = "module\n\npublic import A\n\ntheorem t : True := trivial\n";
    const aug = augmentForAudit(src);
    const before = src.split("\n");
    const after = aug.source.split("\n");
    expect(after[0]).toBe("module import Lean.Util.CollectAxioms import Lean.CoreM");
    expect(after.slice(1, before.length)).toEqual(before.slice(1));
    expect(aug.originalLines).toBe(before.length);
    expect(aug.source).toContain("env.constants.map₂.root");
  });

  it("unmangles private names", () => {
    expect(unmangle("_private.P.T.0.P.uses_sorry")).toBe("P.uses_sorry");
    expect(unmangle("Foo.bar")).toBe("Foo.bar");
  });

  it("reads the walker's records from recorded engine output (AxD imports AxA, whose lemma rests on an axiom)", () => {
    const { diagnostics } = parseJsonMessages(readFileSync(join(import.meta.dirname, "fixtures", "recorded", "closure-audit.stdout.jsonl"), "utf8"));
    const { audit, found, rest } = takeAuditResults(diagnostics);
    expect(found).toBe(true);
    expect(rest.map((d) => d.kind)).toEqual(["hasSorry"]);
    // every declaration of the module, private ones too; the walker's own helpers left out
    expect(Object.keys(audit.decls)).toEqual(expect.arrayContaining(["P.double_two", "P.via_other", "P.classical", "_private.AxD.0.P.uses_sorry"]));
    expect(Object.keys(audit.decls).some((n) => n.includes("axiomAudit"))).toBe(false);
    expect(audit.decls["P.via_other"]!.refs).toContainEqual({ name: "viaLemma", module: "AxA", kind: "a" });
    expect(audit.decls["P.double_two"]!.refs).toContainEqual({ name: "of_decide_eq_true", module: "Init.Prelude", kind: "a" });
    expect(audit.library["Classical.em"]).toEqual(["Classical.em"]);
    const sorry = composeAxioms("_private.AxD.0.P.uses_sorry", "AxD", new Map([["AxD", audit]]));
    expect(sorry.axioms).toEqual(["sorryAx"]);
  });

  const rec = (decls: ModuleAudit["decls"], library: ModuleAudit["library"] = {}): ModuleAudit => ({ decls, library });
  const A = rec(
    {
      "A.lemma": { kind: "t", refs: [{ name: "_private.A.0.A.cheat", module: null, kind: "a" }, { name: "Iff.mp", module: "Init.Core", kind: "a" }] },
      "_private.A.0.A.cheat": { kind: "a", refs: [{ name: "False", module: "Init.Prelude", kind: "i" }] },
      "A.clean": { kind: "t", refs: [{ name: "propext", module: "Init.Core", kind: "a" }, { name: "A.helper", module: null, kind: "d" }] },
      "A.helper": { kind: "d", refs: [{ name: "Classical.propDecidable", module: "Init.Classical", kind: "d" }] },
    },
    { "Iff.mp": ["Iff.mp"], propext: ["propext"], False: [], "Classical.propDecidable": ["Classical.choice"] },
  );
  const B = rec({
    "B.headline": { kind: "t", refs: [{ name: "A.lemma", module: "A", kind: "a" }] },
    "B.good": { kind: "t", refs: [{ name: "A.clean", module: "A", kind: "a" }, { name: "of_decide_eq_true", module: "Init.Prelude", kind: "a" }] },
    "B.lost": { kind: "t", refs: [{ name: "A.gone", module: "A", kind: "a" }] },
  }, { of_decide_eq_true: ["of_decide_eq_true"] });
  const audits = new Map([["A", A], ["B", B]]);

  it("follows a lemma of another project module to the axiom declared there", () => {
    const c = composeAxioms("B.headline", "B", audits);
    expect(c.axioms).toEqual(["_private.A.0.A.cheat"]);
    expect(c.projectAxioms).toEqual(["_private.A.0.A.cheat"]);
    expect(c.trustedLibrary).toEqual(["Iff.mp"]);
    expect(deniedAxioms(c.axioms)).toEqual(["_private.A.0.A.cheat"]);
  });

  it("keeps only real axioms: library axioms by name (also behind library definitions), body-less library theorems as trusted", () => {
    const c = composeAxioms("B.good", "B", audits);
    expect(c.axioms).toEqual(["Classical.choice", "propext"]);
    expect(c.trustedLibrary).toEqual(["of_decide_eq_true"]);
    expect(c.unresolved).toEqual([]);
    expect(deniedAxioms(c.axioms)).toEqual([]);
  });

  it("reports a project constant missing from its module's record as unresolved", () => {
    expect(composeAxioms("B.lost", "B", audits).unresolved).toEqual(["A.gone (A)"]);
    expect(composeAxioms("B.nope", "B", audits).unresolved).toEqual(["B.nope (B)"]);
  });

  it("denies everything but the standard three", () => {
    expect(deniedAxioms(["propext", "Classical.choice", "Quot.sound"])).toEqual([]);
    expect(deniedAxioms(["propext", "Bad.cheat", "sorryAx"])).toEqual(["Bad.cheat", "sorryAx"]);
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
