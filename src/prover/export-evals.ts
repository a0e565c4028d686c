// A module that ends in an export (`#eval exportAll` in Spec/Model.lean, `#eval exportVerdicts`
// in Verdicts.lean) is checked twice, side by side, on the bundled engine: once without its
// export commands, which yields the .olean its importers wait for, and once whole, which runs the
// export. An `#eval` adds no declaration, so both checks elaborate the same declarations; the
// whole file is still checked, only no longer on the critical path of everything importing it.

/** A top-level, one-line `#eval` of a name: the only form split off (anything longer stays). */
const EXPORT_EVAL = /^#eval [A-Za-z_][A-Za-z0-9_.']*[ \t]*$/;

/**
 * The source without its one-line `#eval <name>` commands (each replaced by an empty line, so
 * every other line keeps its number), or `undefined` when it has none.
 */
export function withoutExportEvals(source: string): string | undefined {
  const lines = source.split("\n");
  let found = false;
  const kept = lines.map((l) => {
    if (!EXPORT_EVAL.test(l)) return l;
    found = true;
    return "";
  });
  return found ? kept.join("\n") : undefined;
}
