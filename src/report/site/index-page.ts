// The site's front page: the verdict matrix first, then properties, theorems, coverage, traces
// and the counterexample diagrams.
import { diagramSvg } from "../../diagram/svg.ts";
import { coverageChart } from "./chart.ts";
import { esc, page, sourceLink, theoremHref, type LinkBase } from "./html.ts";
import type { DiagramSection, SiteModel, TraceView } from "./model.ts";
import { entryText, VERDICT_TEXT, type CellVerdict, type MatrixCell } from "./verdicts.ts";

function matrixCell(c: MatrixCell, base: LinkBase): string {
  const body = c.entries.length
    ? c.entries
        .map((e) => {
          const assume = e.assumptions.length ? `<span class="assume">assuming ${esc(e.assumptions.join("; "))}</span>` : "";
          return `<a href="${theoremHref(e.theorem, base)}" data-theorem="${esc(e.theorem)}" title="${esc(e.theorem)}">${esc(entryText(e))}</a>${assume}`;
        })
        .join("")
    : esc(VERDICT_TEXT.undecided);
  return `<td class="cell v-${c.verdict}" data-variant="${esc(c.variant)}" data-property="${esc(c.property)}" data-verdict="${c.verdict}">${body}</td>`;
}

function matrix(m: SiteModel, base: LinkBase): string {
  const head = `<tr><th>variant</th>${m.properties.map((p) => `<th title="${esc(p.description)}"><a href="#prop-${esc(p.name)}">${esc(p.name)}</a></th>`).join("")}</tr>`;
  const rows = m.matrix.map((row, i) => `<tr><th>${esc(m.variants[i]!)}</th>${row.map((c) => matrixCell(c, base)).join("")}</tr>`);
  const legend = (["allBounds", "atBounds", "witness", "undecided"] as CellVerdict[]).map((v) => `<span class="v-${v}">${esc(VERDICT_TEXT[v])}</span>`).join("");
  return `<h2 id="matrix">Verdicts: variant × property</h2>
<p class="muted">Each cell lists the Lean theorems exported for it (lean/rules/verdicts.json). "Proved" means the property's event is proved impossible (safety) or the liveness claim proved; "reachable by witness" means Lean checked a schedule that reaches it. Follow a link for the statement, axioms, rules, code and traces.</p>
<table class="matrix">${head}${rows.join("")}</table>
<p class="legend">${legend}</p>`;
}

function properties(m: SiteModel): string {
  return `<h2 id="properties">Properties</h2><dl class="facts">${m.properties.map((p) => `<dt id="prop-${esc(p.name)}"><code>${esc(p.name)}</code></dt><dd>${esc(p.description)}</dd>`).join("")}</dl>`;
}

function theoremList(m: SiteModel, base: LinkBase): string {
  const items = m.theorems.map((t) => `<li><a href="${theoremHref(t.name, base)}">${esc(t.name)}</a> <span class="kind">${esc(t.kind)}</span> <span class="muted">${esc(t.variant ?? "—")} · ${esc(t.claim)}</span></li>`);
  return `<h2 id="theorems">Theorems in the verdict export (${m.theorems.length})</h2><ul class="theorems">${items.join("")}</ul>`;
}

export function traceTable(traces: readonly TraceView[], base: LinkBase): string {
  if (traces.length === 0) return `<p class="muted">No committed trace exercises these rules.</p>`;
  const rows = traces.map((t) => `<tr><td>${sourceLink(t.file, 1, base)}</td><td>${esc(t.variant)}</td><td>${t.events}</td><td class="${t.ok ? "ok-mark" : "fail-mark"}">${t.ok ? "conforms" : "diverges"}</td><td>${esc(t.detail)}</td></tr>`);
  return `<table class="traces"><tr><th>trace</th><th>variant</th><th>events</th><th>re-checked</th><th>checker</th></tr>${rows.join("")}</table>`;
}

function coverage(m: SiteModel): string {
  if (m.coverage.length === 0) return "";
  const charts = m.coverage.map((c) => `<h3>${esc(c.variant)} <span class="muted">(${c.traces} traces, ${c.events} events)</span></h3><div class="diagram">${coverageChart(c)}</div>`);
  return `<h2 id="coverage">Coverage by the committed traces</h2><p class="muted">Times each rule fired when the traces were re-checked for this report; one dot per guard conjunct (filled: the rule fired, so the conjunct held).</p>${charts.join("")}`;
}

export function diagramBlock(d: { id: string; title: string; note?: string }, svg: string): string {
  return `<figure class="seq-figure" id="diagram-${esc(d.id)}"><figcaption><strong>${esc(d.title)}</strong>${d.note ? ` <span class="muted">${esc(d.note)}</span>` : ""}</figcaption><div class="diagram">${svg}</div></figure>`;
}

function section(s: DiagramSection): string {
  const body = s.diagrams.length ? s.diagrams.map((d) => diagramBlock(d, diagramSvg(d))).join("") : `<p class="muted">None.</p>`;
  return `<h2>${esc(s.title)}</h2><p class="muted">${esc(s.intro)}</p>${body}`;
}

/** Pages besides the index and the theorem pages: path -> title. */
export const SIDE_PAGES = { "coverage.html": "Coverage and committed traces", "diagrams.html": "Counterexamples and divergences" } as const;

function nav(m: SiteModel): string {
  const n = m.sections.reduce((k, s) => k + s.diagrams.length, 0);
  return `<p class="nav"><a href="coverage.html">${esc(SIDE_PAGES["coverage.html"])}</a> (${m.traces.length} traces) · <a href="diagrams.html">${esc(SIDE_PAGES["diagrams.html"])}</a> (${n} sequence diagrams)</p>`;
}

export function indexPage(m: SiteModel, base: LinkBase): string {
  const banner = m.proofOk
    ? `<div class="banner ok">The proof report says every module checked and the axiom audit passed.</div>`
    : `<div class="banner fail">The proof report says the proofs did NOT all check: the verdicts below are not established.</div>`;
  const prov = `<p class="muted">${m.provenance.map(esc).join("<br>")}</p>`;
  const body = [banner, prov, nav(m), matrix(m, base), properties(m), theoremList(m, base)].join("\n");
  return page(m.title, body, base, m.title);
}

export function coveragePage(m: SiteModel, base: LinkBase): string {
  return page(SIDE_PAGES["coverage.html"], [coverage(m), `<h2 id="traces">Committed traces, re-checked</h2>${traceTable(m.traces, base)}`].join("\n"), base, m.title);
}

export function diagramsPage(m: SiteModel, base: LinkBase): string {
  return page(SIDE_PAGES["diagrams.html"], m.sections.map(section).join("\n"), base, m.title);
}
