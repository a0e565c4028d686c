// `electric-race report`: write the auditor's site (verdict matrix, a page per theorem, sequence
// diagrams) and the short Markdown summary for terminals and pull requests.
import { join, relative, resolve } from "node:path";
import { PROJECT_ROOT } from "../util/project-root.ts";
import { PackageError } from "../prover/lake-package.ts";
import { ReportInputError } from "../report/collect.ts";
import { collectSite } from "../report/site/collect-site.ts";
import { explorerSection } from "../report/site/explorer-section.ts";
import { loadVerdicts } from "../contract/verdicts/load.ts";
import { renderSite, SiteModelError } from "../report/site/render.ts";
import { summaryMarkdown } from "../report/site/summary-md.ts";
import { writeSite } from "../report/site/write.ts";
import { writeFileAtomic } from "../util/fs-atomic.ts";
import { parseArgs } from "./args.ts";
import { exitHelp } from "./exit-codes.ts";

const HELP = `usage: npm run report -- [--out DIR] [--summary FILE] [--verdicts FILE]

Writes the audit as a static site (default report/site/, open report/site/index.html from disk:
no server, no network) and a short Markdown summary (default report/audit.md, also printed).
The site has the variant × property verdict matrix from Lean's verdict export
(lean/rules/verdicts.json), a page per theorem (Lean statement, docstring, kind, audited
axioms, the rules it constrains with their guards and effects, the TypeScript performing those
actions, the committed traces exercising them, re-checked now), each witness schedule replayed
through the exported rules as a sequence diagram, the explorer's counterexamples on the
reproduction recipe, every checker divergence, and rule coverage as a chart.

  --out DIR         the site's folder (replaced whole)
  --summary FILE    the Markdown summary
  --verdicts FILE   the verdict export to show instead of lean/rules/verdicts.json (the
                    explorer section always evaluates the committed export's invariants)

${exitHelp("report: 0 written, every proof checked, every committed trace conforms and every witness\n  replays; 1 written but one of those is not so (listed under Problems); 2 usage error, missing or\n  unreadable inputs, unwritable --out")}`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, { values: ["out", "summary", "verdicts"], flags: ["help"] });
  if (!parsed.ok) {
    console.error(`report: ${parsed.error}\n\n${HELP}`);
    return 2;
  }
  if (parsed.args.flags.has("help")) {
    console.log(HELP);
    return 0;
  }
  if (parsed.args.positional.length) {
    console.error(`report: unexpected argument '${parsed.args.positional[0]}'\n\n${HELP}`);
    return 2;
  }
  const outDir = resolve(parsed.args.values.get("out") ?? join(PROJECT_ROOT, "report", "site"));
  const summaryFile = resolve(parsed.args.values.get("summary") ?? join(PROJECT_ROOT, "report", "audit.md"));
  const verdicts = parsed.args.values.get("verdicts");
  try {
    const recipe = join(PROJECT_ROOT, "traces", "scenarios", "race-recipe.yaml");
    // The explorer's properties are Lean's committed invariants (lean/rules/verdicts.json), also
    // when --verdicts points the matrix and pages at another export.
    const leanVerdicts = loadVerdicts();
    if (!leanVerdicts.ok) {
      console.error(`report: ${leanVerdicts.error}`);
      return 2;
    }
    const { model, problems } = await collectSite(PROJECT_ROOT, {
      sections: [explorerSection(recipe, "traces/scenarios/race-recipe.yaml", leanVerdicts.value)],
      ...(verdicts !== undefined ? { verdictsFile: resolve(verdicts) } : {}),
    });
    const files = renderSite(model, { repo: `${relative(outDir, PROJECT_ROOT) || "."}/` });
    try {
      await writeSite(files, outDir);
    } catch (e) {
      console.error(`report: cannot write ${outDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return 2;
    }
    const index = join(outDir, "index.html");
    const md = summaryMarkdown(model, relative(PROJECT_ROOT, index), problems);
    try {
      await writeFileAtomic(summaryFile, md);
    } catch (e) {
      console.error(`report: cannot write ${summaryFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return 2;
    }
    console.log(md);
    const failing = model.traces.filter((t) => !t.ok).length;
    console.log(`report: ${index} (${model.theorems.length} theorem pages), ${summaryFile}; ${failing} failing trace(s), ${problems.length} problem(s)`);
    return failing === 0 && problems.length === 0 && model.proofOk ? 0 : 1;
  } catch (err) {
    if (err instanceof ReportInputError || err instanceof PackageError || err instanceof SiteModelError) {
      console.error(`report: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
