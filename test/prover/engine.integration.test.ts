// End-to-end runs of the real bundled Lean engine over small fixture packages. Each module
// costs one engine start (~10 s and ~1.5 GB on an idle 2-core machine), so the fixtures are
// grouped: one good package (2 modules), one bad package (6 modules) and one timeout.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prove, type ProveResult } from "../../src/prover/prove.ts";
import { findOnPath } from "../../src/prover/native-backend.ts";

const projectRoot = resolve(import.meta.dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "engine-it-"));
const copy = (name: string, as = name): string => {
  const to = join(work, as);
  cpSync(join(import.meta.dirname, "fixtures", name), to, { recursive: true });
  return to;
};
const wasm = (leanRoot: string, extra: { lint?: boolean; timeoutSeconds?: number } = {}): Promise<ProveResult> =>
  prove({ leanRoot, projectRoot, displayRoot: work, engine: "wasm", reportPath: join(leanRoot, "proof-report.json"), ...extra });

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("bundled engine end to end", () => {
  // If a native lake appears, these tests still force --engine wasm; say so in the output.
  if (findOnPath("lake") !== undefined) console.log("note: lake is on PATH; engine tests still force the bundled engine");

  describe("good package", () => {
    let pkg: string;
    let first: ProveResult;
    beforeAll(async () => {
      pkg = copy("good");
      first = await wasm(pkg);
    }, 900_000);

    it("checks both modules in import order and audits the headline theorems", () => {
      expect(first.errors).toEqual([]);
      expect(first.ok).toBe(true);
      expect(first.engine.kind).toBe("wasm");
      expect(first.modules.map((m) => [m.name, m.status])).toEqual([
        ["Good.Base", "checked"],
        ["Good.UsesBase", "checked"],
      ]);
      for (const m of first.modules) expect(m.maxRssBytes).toBeGreaterThan(500 * 2 ** 20);
      const t = first.theorems.find((x) => x.name === "Good.double_two")!;
      expect(t).toMatchObject({ status: "checked", audit: "closure", denied: [], axioms: [] });
      // a library theorem is not an axiom: it is listed as a trusted statement
      expect(t.trustedLibrary).toContain("of_decide_eq_true");
    });

    it("skips modules whose source and imports are unchanged", async () => {
      const again = await wasm(pkg);
      expect(again.ok).toBe(true);
      expect(again.modules.map((m) => m.status)).toEqual(["cached", "cached"]);
      expect(again.theorems.map((t) => t.status)).toEqual(["checked", "checked"]);
    });

    it("re-checks only the module that changed", async () => {
      appendFileSync(join(pkg, "Good", "UsesBase.lean"), "\n-- touched\n");
      const third = await wasm(pkg);
      expect(third.ok).toBe(true);
      expect(third.modules.map((m) => m.status)).toEqual(["cached", "checked"]);
    }, 900_000);
  });

  describe("bad package, source lint off so that the engine and the audit must catch each problem alone", () => {
    let r: ProveResult;
    beforeAll(async () => {
      r = await wasm(copy("bad"), { lint: false });
    }, 900_000);
    const mod = (name: string) => r.modules.find((m) => m.name === name)!;

    it("fails overall", () => {
      expect(r.ok).toBe(false);
    });

    it("a false theorem fails with its file, line and column", () => {
      expect(mod("Bad.FalseThm").status).toBe("failed");
      expect(mod("Bad.FalseThm").diagnostics[0]).toMatchObject({ file: "bad/Bad/FalseThm.lean", line: 5, severity: "error" });
      expect(mod("Bad.FalseThm").diagnostics[0]!.message).toMatch(/proved that the proposition/);
    });

    it("a sorry fails, located", () => {
      expect(mod("Bad.Sorry").status).toBe("failed");
      expect(mod("Bad.Sorry").diagnostics[0]).toMatchObject({ file: "bad/Bad/Sorry.lean", line: 5, kind: "hasSorry" });
    });

    it("a theorem resting on a project axiom is denied by the audit", () => {
      expect(mod("Bad.Axiom").status).toBe("checked");
      const t = r.theorems.find((x) => x.name === "Bad.from_cheat")!;
      expect(t.status).toBe("failed");
      expect(t.denied).toEqual(["_private.Bad.Axiom.0.Bad.cheat"]);
    });

    it("a theorem that reaches the project axiom only through a lemma of another module is denied too", () => {
      expect(mod("Bad.ViaLemma").status).toBe("checked");
      const t = r.theorems.find((x) => x.name === "Bad.via_lemma")!;
      expect(t.status).toBe("failed");
      expect(t.axioms).toEqual(["_private.Bad.Axiom.0.Bad.cheat"]);
      expect(t.denied).toEqual(["_private.Bad.Axiom.0.Bad.cheat"]);
      expect(r.errors.join("\n")).toContain("Bad.via_lemma: depends on denied axiom(s) _private.Bad.Axiom.0.Bad.cheat");
    });

    it("an engine crash without a Lean message is reported as a crash", () => {
      expect(mod("Bad.Dep").status).toBe("checked");
      expect(mod("Bad.CrashEval").status).toBe("crashed");
      expect(mod("Bad.CrashEval").diagnostics).toEqual([]);
    });
  });

  it("the same bad package with the lint on fails before starting the engine, naming files and lines", async () => {
    const r = await wasm(copy("bad", "bad-linted"));
    expect(r.ok).toBe(false);
    expect(r.lint.map((f) => `${f.file}:${f.line}:${f.word}`)).toEqual(["bad-linted/Bad/Axiom.lean:4:axiom", "bad-linted/Bad/Sorry.lean:5:sorry"]);
    expect(r.modules.every((m) => m.status === "skipped")).toBe(true);
  });

  it("a module that runs past its timeout is killed and reported", async () => {
    const pkg = copy("good", "good-timeout");
    const r = await wasm(pkg, { timeoutSeconds: 1 });
    expect(r.ok).toBe(false);
    expect(r.modules.map((m) => m.status)).toEqual(["timeout", "skipped"]);
  }, 120_000);
});
