// Gathers the site's model from the real data: the audit data (proof report, Lean excerpts,
// code sites, committed traces re-checked), Lean's verdict export, the exported rules, and each
// witness schedule replayed through them. Every problem found on the way is returned, not hidden.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { VARIANTS } from "../../contract/vocabulary.ts";
import type { RulesDoc } from "../../contract/rules/types.ts";
import { readRulesFile } from "../../checker/rules.ts";
import { collectAudit, ReportInputError, type AuditData, type LeanExcerpt } from "../collect.ts";
import type { CoverageView, DiagramSection, RuleView, SiteModel, SourceExcerpt, TheoremView, TraceView } from "./model.ts";
import { parseVerdicts, verdictMatrix, type VerdictsDoc, type VerdictTheorem } from "./verdicts.ts";
import { replayWitness } from "./witness.ts";
import { divergenceDiagram } from "../../diagram/from-divergence.ts";

/** Lean's own axioms; under the bundled engine's deny-list audit every other listed constant is
 * an imported declaration seen without its body, not an axiom. */
const LEAN_AXIOMS = new Set(["propext", "Classical.choice", "Quot.sound", "sorryAx", "Lean.ofReduceBool", "Lean.reduceBool", "Lean.trustCompiler"]);
const MAX_SITES = 3;
const EXCERPT_LINES = 7;
const CONTEXT_BEFORE = 2;
/** Bound on what a witness may ask of the replay before anything is allocated. */
const MAX_WITNESS_STEPS = 10_000;

export interface SiteData {
  model: SiteModel;
  problems: string[];
}

export async function readVerdicts(file: string): Promise<VerdictsDoc> {
  if (!existsSync(file)) throw new ReportInputError(`${file} does not exist: run 'npm run prove' to export the verdicts`);
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new ReportInputError(`${file}: not valid JSON (${(e as Error).message}); run 'npm run prove' to rewrite it`);
  }
  const r = parseVerdicts(doc, file);
  if (!r.ok) throw new ReportInputError(r.error);
  return r.value;
}

function docstringOf(x: LeanExcerpt | undefined): string {
  const m = x ? /\/--([\s\S]*?)-\//.exec(x.text) : null;
  return m ? m[1]!.replace(/\s+/g, " ").trim() : "";
}

/** The excerpt starts at its docstring; `line` in LeanExcerpt is the declaration's line. */
function statementOf(x: LeanExcerpt | undefined): SourceExcerpt | null {
  if (!x) return null;
  const lines = x.text.split("\n");
  const decl = lines.findIndex((l) => /\b(theorem|lemma)\b/.test(l) && !l.trimStart().startsWith("/--"));
  return { file: x.file, line: x.line - Math.max(0, decl), text: x.text };
}

async function codeExcerpts(root: string, sites: readonly { file: string; line: number }[], cache: Map<string, string[]>): Promise<SourceExcerpt[]> {
  const out: SourceExcerpt[] = [];
  for (const s of sites.slice(0, MAX_SITES)) {
    let lines = cache.get(s.file);
    if (!lines) cache.set(s.file, (lines = (await readFile(join(root, s.file), "utf8")).split("\n")));
    const first = Math.max(1, s.line - CONTEXT_BEFORE); // a little context above the label's line
    out.push({ file: s.file, line: first, text: lines.slice(first - 1, s.line - 1 + EXCERPT_LINES).join("\n") });
  }
  return out;
}

function ruleViews(rules: readonly RulesDoc[], theorem: string): RuleView[] {
  return rules.flatMap((r) =>
    r.actions.filter((a) => a.theorems.includes(theorem)).map((a) => ({
      variant: r.variant, action: a.name, process: a.process, params: a.params, guards: a.guards, effects: a.effects,
    })),
  );
}

function traceViews(audit: AuditData): TraceView[] {
  return audit.traces.map((t) => ({
    file: t.file, variant: t.variant, ok: t.ok, events: t.events,
    detail: t.ok ? `conforms (${t.events} events)` : (t.problem ?? "diverges"),
  }));
}

function coverageViews(audit: AuditData, rules: readonly RulesDoc[]): CoverageView[] {
  return rules.map((r) => {
    const ts = audit.traces.filter((t) => t.variant === r.variant && t.ok);
    return {
      variant: r.variant, traces: ts.length, events: ts.reduce((n, t) => n + t.events, 0),
      rules: r.actions.map((a) => {
        const fired = ts.reduce((n, t) => n + (t.fired.get(a.name) ?? 0), 0);
        return { action: a.name, fired, guards: a.guards.map((g) => ({ name: g.name, exercised: fired > 0 })) };
      }),
    };
  });
}

export interface CollectOptions {
  /** extra diagram sections (explorer counterexamples, checker divergences), built by the caller */
  sections?: DiagramSection[];
  /** default lean/rules/verdicts.json */
  verdictsFile?: string;
}

export async function collectSite(root: string, opts: CollectOptions = {}): Promise<SiteData> {
  const problems: string[] = [];
  // the verdicts first: a missing or bad export fails before the traces are re-checked
  const verdictsFile = opts.verdictsFile ?? join(root, "lean", "rules", "verdicts.json");
  const verdicts = await readVerdicts(verdictsFile);
  const audit = await collectAudit(root);
  const rules: RulesDoc[] = [];
  for (const v of audit.variants) {
    const r = await readRulesFile(join(root, "lean", "rules", `${v}.json`));
    if (!r.ok) throw new ReportInputError(r.error);
    rules.push(r.value);
  }
  const byVariant = new Map(rules.map((r) => [r.variant, r]));
  const headline = new Map(audit.theorems.map((e) => [e.theorem.name, e]));
  const traces = traceViews(audit);
  const fileCache = new Map<string, string[]>();

  // one page per theorem: the export lists a theorem once per property it speaks to
  const entries = new Map<string, VerdictTheorem[]>();
  for (const t of verdicts.theorems) entries.set(t.name, [...(entries.get(t.name) ?? []), t]);
  const theorems: TheoremView[] = [];
  for (const [, all] of entries) {
    const t = all[0]!;
    if (all.some((x) => x.kind !== t.kind || x.variant !== t.variant)) problems.push(`${t.name}: listed in the verdict export with different kinds or variants`);
    const h = headline.get(t.name);
    if (!h) problems.push(`${t.name}: in ${relative(root, verdictsFile)} but not a headline theorem of lean/headline.toml (no proof status, no axiom audit)`);
    const rv = ruleViews(rules, t.name);
    const code: TheoremView["code"] = [];
    for (const a of [...new Set(rv.map((r) => r.action))]) code.push({ action: a, sites: await codeExcerpts(root, audit.code.get(a) ?? [], fileCache) });
    const exercised = audit.traces.filter((tr) => rv.some((r) => r.variant === tr.variant && (tr.fired.get(r.action) ?? 0) > 0)).map((tr) => tr.file);
    const listed = h ? [...h.axioms, ...h.denied] : [];
    theorems.push({
      name: t.name, module: t.module, variant: t.variant, property: t.property, kind: t.kind, bounds: t.bounds,
      properties: [...new Set(all.flatMap((x) => (x.property === null ? [] : [x.property])))],
      assumptions: t.assumptions, claim: t.claim, status: h?.status ?? "not in the proof report",
      axioms: audit.audit === "deny-list" ? listed.filter((a) => LEAN_AXIOMS.has(a)) : listed,
      bodyless: audit.audit === "deny-list" ? listed.filter((a) => !LEAN_AXIOMS.has(a)) : [],
      denied: h?.denied ?? [],
      docstring: docstringOf(h?.lean), statement: statementOf(h?.lean),
      rules: rv, code, traces: traces.filter((x) => exercised.includes(x.file)),
      witness: witnessDiagram(t, byVariant, verdicts, problems),
    });
  }
  // story order (PreFix first), as the vocabulary lists them; unknown variants after, by name
  const known = VARIANTS.filter((v) => audit.variants.includes(v));
  const variants = [...known, ...audit.variants.filter((v) => !(known as string[]).includes(v))];
  const matrix = verdictMatrix(verdicts, variants);
  const provenance = [
    `Proof report lean/proof-report.json: ${audit.engine}; axiom audit: ${audit.audit}.`,
    `Verdicts: ${relative(root, verdictsFile)} (${verdicts.theorems.length} theorems, ${verdicts.properties.length} properties); rules: lean/rules/<Variant>.json.`,
    `Traces: ${traces.length} committed traces under traces/, re-checked while this report was built.`,
  ];
  return {
    model: {
      title: "Electric shape-removal race: audit", provenance, proofOk: audit.proofOk, variants,
      properties: verdicts.properties, matrix, theorems, coverage: coverageViews(audit, variants.map((v) => byVariant.get(v)!)), traces,
      sections: [...(opts.sections ?? []), divergenceSection(audit)],
      sources: await sourcesOf(root, theorems),
    },
    problems,
  };
}

/** Every file an excerpt quotes, to be shown whole on a page of its own. */
async function sourcesOf(root: string, theorems: readonly TheoremView[]): Promise<SiteModel["sources"]> {
  const files = new Set<string>();
  for (const t of theorems) {
    if (t.statement) files.add(t.statement.file);
    for (const c of t.code) for (const s of c.sites) files.add(s.file);
  }
  return Promise.all([...files].sort().map(async (file) => ({ file, text: await readFile(join(root, file), "utf8") })));
}

/** Every committed trace the checker refused, as a diagram of its last events. */
function divergenceSection(audit: AuditData): DiagramSection {
  const diagrams = audit.traces.flatMap((t) => {
    if (!t.divergence) return [];
    const d = divergenceDiagram(`check-${t.file}`, `${t.file}: ${t.divergence.kind} divergence at event ${t.divergence.seq ?? "?"}`, t.divergence, t.refusedProcess ?? "?");
    return d ? [d] : [];
  });
  const refused = audit.traces.filter((t) => !t.ok);
  return {
    title: "Checker divergences (committed traces)",
    intro: refused.length === 0
      ? `None: all ${audit.traces.length} committed traces conform to the exported rules.`
      : `${refused.length} of ${audit.traces.length} committed traces diverge from the exported rules${refused.length > diagrams.length ? ` (${refused.length - diagrams.length} before any event, see the table above)` : ""}.`,
    diagrams,
  };
}

function witnessDiagram(t: VerdictTheorem, rules: ReadonlyMap<string, RulesDoc>, v: VerdictsDoc, problems: string[]): TheoremView["witness"] {
  if (t.kind !== "witness" || !t.schedule) return null;
  if (t.schedule.length > MAX_WITNESS_STEPS) {
    problems.push(`witness ${t.name}: ${t.schedule.length} steps, more than the ${MAX_WITNESS_STEPS} the report draws`);
    return null;
  }
  const r = t.variant === null ? undefined : rules.get(t.variant);
  if (!r) {
    problems.push(`witness ${t.name}: no exported rules for variant ${t.variant ?? "(none)"}`);
    return null;
  }
  const inv = t.property === null ? undefined : v.invariants[t.variant!]?.[t.property];
  const res = replayWitness(r, t, inv === undefined ? null : { name: t.property!, expr: inv });
  if (!res.ok) {
    problems.push(res.error);
    return null;
  }
  if (res.value.problem) problems.push(`witness ${t.name}: ${res.value.problem}`);
  return res.value.diagram;
}
