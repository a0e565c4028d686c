import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importOrder, loadPackage, PackageError, parseImports, parseLakefile } from "../../src/prover/lake-package.ts";
import { loadHeadline } from "../../src/prover/headline.ts";

describe("Lean header imports", () => {
  it("reads module headers with public/meta/all imports and comments", () => {
    const src = "/- doc -/\nmodule -- the header\n\npublic import A.B\nimport C\n/- nested /- c -/ -/\npublic meta import D.E\nimport all F\n\ndef x := 1\nimport NotHeader\n";
    expect(parseImports(src)).toEqual(["A.B", "C", "D.E", "F"]);
  });

  it("stops at the first command", () => {
    expect(parseImports("module\n@[expose] public section\nimport X\n")).toEqual([]);
  });
});

describe("import order", () => {
  const graph = (edges: Record<string, string[]>): Map<string, string[]> => new Map(Object.entries(edges));

  it("puts every module after its imports", () => {
    const order = importOrder(graph({ Root: ["B", "A"], A: [], B: ["A"] }), ["Root"]);
    expect(order).toEqual(["A", "B", "Root"]);
  });

  it("names the cycle", () => {
    expect(() => importOrder(graph({ Root: ["A"], A: ["B"], B: ["C"], C: ["A"] }), ["Root"])).toThrow("import cycle: A -> B -> C -> A");
  });
});

describe("Lake package loading", () => {
  it("loads the good fixture in import order with its headline list", async () => {
    const pkg = await loadPackage(join(import.meta.dirname, "fixtures", "good"));
    expect(pkg.modules.map((m) => [m.name, m.imports])).toEqual([
      ["Good.Base", []],
      ["Good.UsesBase", ["Good.Base"]],
    ]);
    const headline = await loadHeadline(pkg.root, new Set(pkg.modules.map((m) => m.name)));
    expect(headline.map((t) => t.name)).toEqual(["Good.double_two", "Good.double_three"]);
  });

  it("reports a missing module file, a cycle and a bad lakefile by name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lakepkg-"));
    try {
      cpSync(join(import.meta.dirname, "fixtures", "good"), dir, { recursive: true });
      writeFileSync(join(dir, "lakefile.toml"), 'name = "x"\n[[lean_lib]]\nname = "Nope"\n');
      await expect(loadPackage(dir)).rejects.toThrow(/module Nope: file .*Nope\.lean does not exist/);
      writeFileSync(join(dir, "lakefile.toml"), 'name = "x"\n[[lean_lib]]\nname = "Good"\nroots = ["Good.Base"]\n');
      writeFileSync(join(dir, "Good", "Base.lean"), "module\nimport Good.UsesBase\n");
      await expect(loadPackage(dir)).rejects.toThrow("import cycle: Good.Base -> Good.UsesBase -> Good.Base");
      writeFileSync(join(dir, "lakefile.toml"), "name = \n");
      await expect(loadPackage(dir)).rejects.toThrow(PackageError);
      await expect(loadPackage(join(dir, "missing"))).rejects.toThrow(/lakefile\.toml does not exist/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("validates lakefile libraries", () => {
    expect(() => parseLakefile('name = "x"\n', "f")).toThrow(/at least one \[\[lean_lib\]\]/);
    expect(() => parseLakefile('name = "x"\n[[lean_lib]]\nname = "A"\nroots = [1]\n', "f")).toThrow(/'roots' must be a list/);
    expect(parseLakefile('name = "x"\n[[lean_lib]]\nname = "A"\n', "f").libraries).toEqual([{ name: "A", roots: ["A"] }]);
  });
});
