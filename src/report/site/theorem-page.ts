// One page per headline theorem: the Lean statement and docstring, what kind of result it is,
// its audited axioms, the rules it constrains, the TypeScript that performs those actions, the
// committed traces that exercise them and, for a witness, its schedule as a sequence diagram.
import { diagramSvg } from "../../diagram/svg.ts";
import { effectLines, exprText } from "./expr-text.ts";
import { diagramBlock, traceTable } from "./index-page.ts";
import { esc, page, sourceLink, type LinkBase } from "./html.ts";
import { highlightLean } from "./lean-highlight.ts";
import type { RuleView, SiteModel, SourceExcerpt, TheoremView } from "./model.ts";
import { entryText } from "./verdicts.ts";

function excerpt(x: SourceExcerpt, base: LinkBase, lean: boolean): string {
  const code = lean ? highlightLean(x.text) : esc(x.text);
  return `<div class="excerpt"><div class="where">${sourceLink(x.file, x.line, base)}</div><pre class="${lean ? "lean" : "ts"}">${code}</pre></div>`;
}

function rule(r: RuleView): string {
  const params = r.params.map((p) => `${p.name} ∈ ${p.domain}`).join(", ");
  const guards = r.guards.map((g) => `<li><span class="guard-name">${esc(g.name)}</span>: <code>${esc(exprText(g.expr))}</code></li>`).join("");
  const effects = effectLines(r.effects).join("\n");
  return `<div class="rule" data-action="${esc(r.action)}" data-variant="${esc(r.variant)}"><h4><code>${esc(r.action)}</code> <span class="muted">${esc(r.variant)} · process ${esc(r.process)}${params ? ` · ${esc(params)}` : ""}</span></h4>
<div>guards (all must hold):</div><ul>${guards || "<li class=\"muted\">none</li>"}</ul>
<div>effects (read in the pre-state, applied in order):</div><pre>${esc(effects || "(none)")}</pre></div>`;
}

function facts(t: TheoremView): string {
  const bounds = t.bounds ? `H=${t.bounds.H} C=${t.bounds.C} K=${t.bounds.K} T=${t.bounds.T}` : "every Bounds";
  const verdict = t.kind === "supporting" ? "supporting lemma (not a matrix entry)" : entryText({ theorem: t.name, kind: t.kind, bounds: t.bounds, assumptions: t.assumptions });
  const rows: [string, string][] = [
    ["claim", esc(t.claim)],
    ["kind", `<span class="kind">${esc(t.kind)}</span> — ${esc(verdict)}`],
    ["variant", esc(t.variant ?? "—")],
    ["property", t.properties.length ? t.properties.map((p) => `<a href="../index.html#prop-${esc(p)}"><code>${esc(p)}</code></a>`).join(", ") : "—"],
    ["bounds", esc(bounds)],
    ["assumptions", t.assumptions.length ? t.assumptions.map(esc).join("<br>") : "none"],
    ["module", `<code>${esc(t.module)}</code>`],
    ["proof status", `<span class="${t.status === "checked" ? "ok-mark" : "fail-mark"}">${esc(t.status)}</span>`],
    ["axioms seen by the audit", t.axioms.length ? t.axioms.map((a) => `<code>${esc(a)}</code>`).join(", ") : "none"],
  ];
  if (t.denied.length) rows.push(["denied axioms", `<span class="fail-mark">${t.denied.map(esc).join(", ")}</span>`]);
  if (t.bodyless.length) rows.push(["constants without a body", `<details><summary>${t.bodyless.length} imported declarations the bundled engine sees without their proofs, so the axioms those proofs use are not visible to this audit (the source lint rejects <code>axiom</code>, <code>sorry</code> and <code>native_decide</code> in every Lean file)</summary><code>${t.bodyless.map(esc).join(", ")}</code></details>`]);
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join("")}</dl>`;
}

export function theoremPage(t: TheoremView, m: SiteModel, base: LinkBase): string {
  const parts: string[] = [facts(t)];
  parts.push(`<h2>Lean statement</h2>${t.statement ? excerpt(t.statement, base, true) : `<p class="fail-mark">The declaration was not found in its module.</p>`}`);
  if (t.docstring) parts.push(`<h2>What it means for Electric</h2><p class="docstring">${esc(t.docstring)}</p>`);
  if (t.witness) parts.push(`<h2>Witness schedule</h2><p class="muted">The schedule Lean checked, replayed through the exported rules; beside each step the cells it changed.</p>${diagramBlock(t.witness, diagramSvg(t.witness))}`);
  parts.push(`<h2>Rules it constrains (${t.rules.length})</h2>${t.rules.length ? t.rules.map(rule).join("") : `<p class="muted">No exported rule names this theorem.</p>`}`);
  const code = t.code.filter((c) => c.sites.length);
  parts.push(`<h2>TypeScript that performs these actions</h2>${code.length ? code.map((c) => `<h3><code>${esc(c.action)}</code></h3>${c.sites.map((s) => excerpt(s, base, false)).join("")}`).join("") : `<p class="muted">No implementation site found.</p>`}`);
  parts.push(`<h2>Committed traces that exercise them</h2>${traceTable(t.traces, base)}`);
  return page(t.name, parts.join("\n"), base, m.title);
}
