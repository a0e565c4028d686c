// Gathers what the audit report puts side by side: the proof report, each headline theorem's
// Lean text, the exported rules that cite it, the TypeScript code that performs those actions,
// and the committed traces that exercise them (checked again here, not taken on trust).
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { checkFile } from "../checker/stream.ts";
import { RulesCache } from "../checker/rules.ts";
import type { Divergence } from "../checker/divergence.ts";
import { processName } from "../diagram/arrows.ts";
import { blankCommentsAndStrings } from "../prover/source-lint.ts";
import { loadHeadline, type HeadlineTheorem } from "../prover/headline.ts";
import { isVariantRulesFile } from "../prover/rules-export.ts";
import { loadPackage, moduleFile } from "../prover/lake-package.ts";
import type { ProofReport } from "../contract/proof-report.ts";
import type { RulesDoc } from "../contract/rules/types.ts";
import type { VerdictsDoc } from "../contract/verdicts/types.ts";
import { loadVerdicts } from "../contract/verdicts/load.ts";

/** Lean's verdict export sits beside the rules but is not a rules document. */
const VERDICTS_FILE = "verdicts.json";

export class ReportInputError extends Error {
  override name = "ReportInputError";
}

export interface LeanExcerpt {
  file: string;
  line: number;
  text: string;
}

export interface CodeSite {
  file: string;
  line: number;
  text: string;
}

export interface RuleRef {
  variant: string;
  action: string;
  guards: string[];
}

export interface TraceRef {
  file: string;
  variant: string;
  ok: boolean;
  events: number;
  /** action -> times fired in this trace */
  fired: Map<string, number>;
  problem?: string;
  /** the checker's first divergence, and the process of the event it refused (for diagrams) */
  divergence?: Divergence;
  refusedProcess?: string;
}

export interface TheoremEntry {
  theorem: HeadlineTheorem;
  status: string;
  axioms: string[];
  denied: string[];
  lean?: LeanExcerpt;
  rules: RuleRef[];
}

export interface AuditData {
  engine: string;
  audit: string;
  proofOk: boolean;
  theorems: TheoremEntry[];
  /** action -> where the implementation performs it */
  code: Map<string, CodeSite[]>;
  traces: TraceRef[];
  variants: string[];
  /** Lean's verdict export: every verdict the report shows is worded from it */
  verdicts: VerdictsDoc;
}

/** The declaration of `name` in its module: docstring and statement up to `:=`. */
export function leanExcerpt(source: string, file: string, name: string): LeanExcerpt | undefined {
  const short = name.split(".").pop()!;
  const code = blankCommentsAndStrings(source);
  const m = new RegExp(`(^|\\n)([^\\n]*\\b(?:theorem|lemma)\\s+${short.replace(/[.*+?^${}()|[\]\\']/g, "\\$&")}(?![A-Za-z0-9_'!?]))`).exec(code);
  if (!m) return undefined;
  const start = m.index + m[1]!.length;
  const lines = source.split("\n");
  const declLine = source.slice(0, start).split("\n").length - 1;
  let first = declLine;
  // include the docstring right above
  if (first > 0 && lines[first - 1]!.trimEnd().endsWith("-/")) {
    while (first > 0 && !lines[first]!.trimStart().startsWith("/--")) first--;
  }
  let last = declLine;
  while (last < lines.length - 1 && !lines[last]!.includes(":=") && last - declLine < 12) last++;
  const text = lines.slice(first, last + 1).join("\n").replace(/:=[\s\S]*$/, ":= …");
  return { file, line: declLine + 1, text };
}

/** Where each quoted action label appears in the implementation's sources. */
export async function findCodeSites(roots: readonly string[], actions: readonly string[], displayRoot: string): Promise<Map<string, CodeSite[]>> {
  const sites = new Map<string, CodeSite[]>(actions.map((a) => [a, []]));
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    if (!existsSync(dir)) return;
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith(".ts")) files.push(p);
    }
  };
  for (const r of roots) await walk(r);
  files.sort();
  for (const f of files) {
    const lines = (await readFile(f, "utf8")).split("\n");
    lines.forEach((text, i) => {
      for (const a of actions) {
        if (text.includes(`"${a}"`) || text.includes(`'${a}'`)) sites.get(a)!.push({ file: relative(displayRoot, f), line: i + 1, text: text.trim() });
      }
    });
  }
  return sites;
}

export async function collectAudit(projectRoot: string): Promise<AuditData> {
  const lean = join(projectRoot, "lean");
  const reportPath = join(lean, "proof-report.json");
  if (!existsSync(reportPath)) throw new ReportInputError(`${reportPath} does not exist: run 'npm run prove' first`);
  let proof: ProofReport;
  try {
    proof = JSON.parse(await readFile(reportPath, "utf8")) as ProofReport;
  } catch (err) {
    throw new ReportInputError(`${reportPath}: not valid JSON (${(err as Error).message}); run 'npm run prove' to rewrite it`);
  }
  const pkg = await loadPackage(lean);
  const headline = await loadHeadline(lean, new Set(pkg.modules.map((m) => m.name)));

  const rulesDir = join(lean, "rules");
  const variantFiles = existsSync(rulesDir) ? (await readdir(rulesDir)).filter(isVariantRulesFile).sort() : [];
  const verdicts = loadVerdicts(join(rulesDir, VERDICTS_FILE));
  if (!verdicts.ok) throw new ReportInputError(verdicts.error);
  const rules: RulesDoc[] = [];
  for (const f of variantFiles) {
    // lean/rules/ also holds other Lean exports (verdicts.json): only rules documents count here
    const doc = JSON.parse(await readFile(join(rulesDir, f), "utf8")) as RulesDoc;
    if (doc.format.startsWith("electric-race-rules/")) rules.push(doc);
  }

  const byName = new Map(proof.theorems.map((t) => [t.name, t]));
  const theorems: TheoremEntry[] = [];
  for (const t of headline) {
    const file = moduleFile(t.module);
    const src = await readFile(join(lean, file), "utf8");
    const lean_ = leanExcerpt(src, `lean/${file}`, t.name);
    const refs: RuleRef[] = [];
    for (const r of rules) {
      for (const a of r.actions) if (a.theorems?.includes(t.name)) refs.push({ variant: r.variant, action: a.name, guards: a.guards.map((g) => g.name) });
    }
    const p = byName.get(t.name);
    theorems.push({ theorem: t, status: p?.status ?? "not in the proof report", axioms: [...(p?.axioms ?? [])], denied: [...(p?.denied ?? [])], ...(lean_ ? { lean: lean_ } : {}), rules: refs });
  }

  const actions = [...new Set(rules.flatMap((r) => r.actions.map((a) => a.name)))].sort();
  const code = await findCodeSites([join(projectRoot, "src", "impl"), join(projectRoot, "src", "sched")], actions, projectRoot);

  const tracesDir = join(projectRoot, "traces");
  const traceFiles = existsSync(tracesDir) ? (await readdir(tracesDir)).filter((f) => f.endsWith(".ndjson")).sort() : [];
  const cache = new RulesCache(rulesDir);
  const traces: TraceRef[] = [];
  for (const f of traceFiles) {
    const r = await checkFile(join(tracesDir, f), { rules: cache });
    traces.push({
      file: `traces/${f}`,
      variant: r.variant ?? "?",
      ok: r.ok,
      events: r.events,
      fired: r.coverage?.actions ?? new Map(),
      ...(r.divergence ? { problem: `line ${r.divergence.line}: ${r.divergence.message}`, divergence: r.divergence } : {}),
      ...(r.divergence?.rule !== undefined && r.model?.actions.has(r.divergence.rule)
        ? { refusedProcess: processName(r.model.actions.get(r.divergence.rule)!.rule, r.divergence.params ?? {}) }
        : {}),
    });
  }

  return {
    engine: `${proof.engine.kind}: ${proof.engine.version}`,
    audit: proof.axiomAudit.method,
    proofOk: proof.ok,
    theorems,
    code,
    traces,
    variants: rules.map((r) => r.variant),
    verdicts: verdicts.value,
  };
}
