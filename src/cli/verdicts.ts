// `verdicts [--variant V --property P] [--markdown [--write | --check]]`: what Lean's verdict
// export says, as a query answer or as the README's verdict table (written or checked in place).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { VARIANTS, isVariant } from "../contract/vocabulary.ts";
import { loadVerdicts } from "../contract/verdicts/load.ts";
import { leanSays, shortName } from "../contract/verdicts/query.ts";
import { spliceTable, verdictTable } from "../report/verdict-table.ts";
import { PROJECT_ROOT } from "../util/project-root.ts";
import { writeFileAtomic } from "../util/fs-atomic.ts";
import { parseArgs } from "./args.ts";

const HELP = `usage: npm run -s verdicts -- [--variant V --property P] [--markdown [--write | --check]] [--file VERDICTS.json]

Reads lean/rules/verdicts.json (written by Lean) and prints:
  --variant V --property P   what Lean says about that cell, with the theorem names
  --markdown                 the verdict table (Markdown); with --write it replaces the block
                             between the verdict-table markers in README.md, with --check it
                             exits 1 when README.md's block differs
  (no option)                the table for every variant and property, as text

exit codes: 0 ok, 1 --check found README.md out of date, 2 usage error or unreadable input`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, { values: ["variant", "property", "file"], flags: ["help", "markdown", "write", "check"] });
  if (!parsed.ok) return usage(parsed.error);
  const { args } = parsed;
  if (args.flags.has("help")) {
    console.log(HELP);
    return 0;
  }
  const doc = loadVerdicts(args.values.get("file"));
  if (!doc.ok) {
    console.error(`verdicts: ${doc.error}`);
    return 2;
  }
  const v = args.values.get("variant");
  const p = args.values.get("property");
  if ((v === undefined) !== (p === undefined)) return usage("--variant and --property go together");
  if (v !== undefined && p !== undefined) {
    if (!isVariant(v)) return usage(`--variant must be one of ${VARIANTS.join(", ")}, got '${v}'`);
    if (!doc.value.properties.some((x) => x.name === p)) return usage(`--property must be one of ${doc.value.properties.map((x) => x.name).join(", ")}, got '${p}'`);
    const s = leanSays(doc.value, v, p);
    const row = (what: string, ts: typeof s.witnesses) => ts.length > 0 ? [`${what}: ${ts.map(shortName).join(", ")}`] : [];
    const lines = [...row("proved for all bounds", s.safeAllBounds), ...row("proved at stated bounds", s.safeAtBounds), ...row("reachable by witness", s.witnesses), ...row("liveness", s.liveness)];
    console.log(lines.length > 0 ? lines.join("\n") : `not decided by Lean${s.supporting.length > 0 ? ` (supporting: ${s.supporting.map(shortName).join(", ")})` : ""}`);
    return 0;
  }
  const table = verdictTable(doc.value);
  if (!args.flags.has("write") && !args.flags.has("check")) {
    console.log(table);
    return 0;
  }
  const readmePath = join(PROJECT_ROOT, "README.md");
  let readme: string;
  try {
    readme = readFileSync(readmePath, "utf8");
  } catch (e) {
    console.error(`verdicts: ${readmePath}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return 2;
  }
  const spliced = spliceTable(readme, table);
  if (!spliced.ok) {
    console.error(`verdicts: ${readmePath}: ${spliced.error}`);
    return 2;
  }
  if (args.flags.has("check")) {
    if (spliced.text === readme) return 0;
    console.error(`verdicts: ${readmePath}: the verdict table differs from lean/rules/verdicts.json; regenerate it with \`npm run -s verdicts -- --markdown --write\``);
    return 1;
  }
  await writeFileAtomic(readmePath, spliced.text);
  console.log(`verdicts: wrote the verdict table into ${readmePath}`);
  return 0;
}

function usage(msg: string): number {
  console.error(`verdicts: ${msg}\n(run with --help for usage)`);
  return 2;
}
