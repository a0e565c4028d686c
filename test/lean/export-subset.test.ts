// The rules export runs inside the bundled engine's interpreter, which cannot compile some
// standard-library functions (reference/lean-wasm.md, section 3): the export module must stay
// in the safe subset. The engine would fail loudly in `npm run prove`; this is the fast check.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { blankCommentsAndStrings } from "../../src/prover/source-lint.ts";

const lean = resolve(import.meta.dirname, "..", "..", "lean");

/** Constructs that failed under the engine's interpreter (Unknown constant …_redArg and friends). */
const UNSAFE: readonly [RegExp, string][] = [
  [/\bList\.map\b|\.map\b/, "List.map / .map"],
  [/\bList\.length\b|\.length\b/, "List.length / .length"],
  [/\bArray\.map\b/, "Array.map"],
  [/\bList\.range\b/, "List.range"],
  [/\bHashMap\b/, "HashMap"],
  [/deriving[^\n]*\bRepr\b/, "deriving Repr"],
  [/deriving[^\n]*\bToJson\b/, "deriving ToJson"],
  [/\btoJson\b/, "toJson"],
];

function leanFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === "build" || e.name === ".lake" ? [] : leanFiles(p);
    return e.name.endsWith(".lean") ? [p] : [];
  });
}

describe("the rules export stays in the engine's compilable subset", () => {
  const exporters = leanFiles(lean).filter((f) => /IO\.FS\.writeFile/.test(blankCommentsAndStrings(readFileSync(f, "utf8"))));

  it("the export modules are the rules export and the verdicts export", () => {
    expect(exporters.map((f) => relative(lean, f)).sort()).toEqual(["ElectricRace/Spec/Model.lean", "ElectricRace/Verdicts.lean"]);
  });

  it("uses none of the constructs the engine cannot compile", () => {
    const found: string[] = [];
    for (const f of exporters) {
      blankCommentsAndStrings(readFileSync(f, "utf8")).split("\n").forEach((line, i) => {
        for (const [re, what] of UNSAFE) if (re.test(line)) found.push(`${relative(lean, f)}:${i + 1}: ${what}`);
      });
    }
    expect(found).toEqual([]);
  });

  it("the patterns catch what they are meant to", () => {
    const sample = ["def f := [1, 2].map (· + 1)", "def n := xs.length", "structure P where x : Bool deriving Repr", "#eval toJson 3"];
    expect(sample.map((l) => UNSAFE.filter(([re]) => re.test(l)).map(([, w]) => w))).toEqual([
      ["List.map / .map"], ["List.length / .length"], ["deriving Repr"], ["toJson"],
    ]);
  });
});
