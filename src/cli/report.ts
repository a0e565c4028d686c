// `electric-race report`: write the audit report (theorem ↔ rule ↔ code ↔ trace).
import { join, resolve } from "node:path";
import { PROJECT_ROOT } from "../util/project-root.ts";
import { PackageError } from "../prover/lake-package.ts";
import { renderAudit } from "../report/audit-markdown.ts";
import { collectAudit, ReportInputError } from "../report/collect.ts";
import { writeFileAtomic } from "../util/fs-atomic.ts";
import { parseArgs } from "./args.ts";
import { exitHelp } from "./exit-codes.ts";

const HELP = `usage: npm run report -- [--out FILE]

Writes a Markdown audit report (default report/audit.md): for every headline theorem, its
claim, proof status and axioms (from lean/proof-report.json), its Lean statement, the exported
rules that cite it, where the TypeScript implementation performs those actions, and which
committed traces exercise them (the traces are re-checked while the report is generated).

${exitHelp("report: 0 written and every committed trace passes; 1 written but a trace fails or a\n  proof is not checked; 2 usage error, missing or unreadable inputs, unwritable --out")}`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, { values: ["out"], flags: ["help"] });
  if (!parsed.ok) {
    console.error(`report: ${parsed.error}\n\n${HELP}`);
    return 2;
  }
  if (parsed.args.flags.has("help")) {
    console.log(HELP);
    return 0;
  }
  const out = resolve(parsed.args.values.get("out") ?? join(PROJECT_ROOT, "report", "audit.md"));
  try {
    const data = await collectAudit(PROJECT_ROOT);
    try {
      await writeFileAtomic(out, renderAudit(data));
    } catch (e) {
      console.error(`report: cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return 2;
    }
    const failing = data.traces.filter((t) => !t.ok);
    console.log(`report: ${out} (${data.theorems.length} theorems, ${data.traces.length} traces, ${failing.length} failing)`);
    return failing.length === 0 && data.proofOk ? 0 : 1;
  } catch (err) {
    if (err instanceof ReportInputError || err instanceof PackageError) {
      console.error(`report: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
