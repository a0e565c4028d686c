// The short Markdown summary for terminals and pull requests: the verdict matrix (from the same
// model as the site, so it restates nothing), trace results and any problem, then a pointer to
// the site for everything else.
import type { SiteModel } from "./model.ts";
import { entryText, VERDICT_TEXT } from "./verdicts.ts";

const cellMd = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function summaryMarkdown(m: SiteModel, sitePath: string, problems: readonly string[]): string {
  const out: string[] = [];
  out.push(`# ${m.title}`, "");
  out.push(m.proofOk ? "Proofs: every module checked, axiom audit passed." : "**Proofs: NOT all checked — the verdicts below are not established.**");
  for (const p of m.provenance) out.push(`- ${p}`);
  out.push("", "## Verdicts (from Lean's verdict export)", "");
  const notes: string[] = [];
  out.push(`| variant | ${m.properties.map((p) => cellMd(p.name)).join(" | ")} |`);
  out.push(`|---|${m.properties.map(() => "---").join("|")}|`);
  m.matrix.forEach((row, i) => {
    const cells = row.map((c) => {
      if (c.entries.length === 0) return VERDICT_TEXT.undecided;
      return c.entries
        .map((e) => {
          if (!e.assumptions.length) return entryText(e);
          const note = `${e.theorem}: assuming ${e.assumptions.join("; ")}`;
          if (!notes.includes(note)) notes.push(note);
          return `${entryText(e)} [${notes.indexOf(note) + 1}]`;
        })
        .join("; ");
    });
    out.push(`| ${cellMd(m.variants[i]!)} | ${cells.map(cellMd).join(" | ")} |`);
  });
  if (notes.length) out.push("", ...notes.map((n, i) => `[${i + 1}] ${n}`));
  const bad = m.traces.filter((t) => !t.ok);
  out.push("", `Committed traces re-checked: ${m.traces.length}, ${m.traces.length - bad.length} conform, ${bad.length} diverge.`);
  for (const t of bad) out.push(`- ${t.file}: ${t.detail}`);
  if (problems.length) {
    out.push("", "## Problems", "");
    for (const p of problems) out.push(`- ${p}`);
  }
  out.push("", `Theorem pages, rules, code, traces, coverage and sequence diagrams: ${sitePath}`, "");
  return out.join("\n");
}
