import { describe, expect, it } from "vitest";
import { withoutExportEvals } from "../../src/prover/export-evals.ts";

describe("withoutExportEvals", () => {
  it("blanks each one-line #eval of a name and keeps every other line where it was", () => {
    const src = ["module", "def a := 1", "#eval exportAll", "theorem t : a = 1 := rfl", "#eval ElectricRace.exportVerdicts  ", ""].join("\n");
    const out = withoutExportEvals(src)!;
    expect(out.split("\n")).toEqual(["module", "def a := 1", "", "theorem t : a = 1 := rfl", "", ""]);
  });
  it("leaves a module without such a command alone", () => {
    expect(withoutExportEvals("module\ndef a := 1\n")).toBeUndefined();
  });
  it("does not split off an #eval of an expression, an indented one or one spanning lines", () => {
    for (const src of ["#eval 1 + 1", "  #eval exportAll", "#eval show IO Unit from do\n  pure ()", "-- #eval exportAll", "#evalx"]) expect(withoutExportEvals(src), src).toBeUndefined();
  });
});
