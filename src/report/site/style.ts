// The site's one stylesheet (written as style.css): plain CSS, system fonts, no downloads.
import { DIAGRAM_CSS } from "../../diagram/svg.ts";
import { CHART_CSS } from "./chart.ts";

export const SITE_CSS = `
:root { --fg: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bg: #fff; --soft: #f5f7fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); }
header.top { padding: 14px 28px; background: #102a43; color: #f0f4f8; }
header.top a { color: #bcccdc; }
header.top h1 { margin: 0; font-size: 21px; }
main { padding: 8px 28px 40px; max-width: 1500px; }
h2 { margin-top: 32px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
pre { background: var(--soft); border: 1px solid var(--line); padding: 10px 12px; overflow-x: auto; border-radius: 4px; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 6px 9px; vertical-align: top; text-align: left; }
th { background: var(--soft); }
.muted { color: var(--muted); }
.nav { font-size: 16px; }
.source { display: flex; align-items: flex-start; }
.source pre { margin: 0; line-height: 1.45; border-radius: 0; }
.source pre.gutter { text-align: right; color: var(--muted); user-select: none; border-right: none; }
.source pre.gutter a { color: inherit; text-decoration: none; }
.source pre.gutter a:target { background: #fde68a; color: var(--fg); }
.source pre.code { flex: 1; }
.banner { padding: 8px 12px; border-radius: 4px; margin: 12px 0; }
.banner.ok { background: #e3f9e5; border: 1px solid #57ae5b; }
.banner.fail { background: #fde8e8; border: 1px solid #c81e1e; }
table.matrix td { min-width: 150px; }
table.matrix td.cell a { display: block; }
.v-witness { background: #fde8e8; }
.v-allBounds { background: #e3f9e5; }
.v-atBounds { background: #f0fbe9; }
.v-undecided { background: #f5f7fa; color: var(--muted); }
td.cell .assume { display: block; font-size: 12px; color: var(--muted); }
.legend span { display: inline-block; padding: 1px 8px; margin-right: 8px; border: 1px solid var(--line); }
.kind { display: inline-block; padding: 1px 8px; border-radius: 10px; background: var(--soft); border: 1px solid var(--line); font-size: 13px; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 4px 16px; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.rule { border: 1px solid var(--line); border-radius: 4px; padding: 8px 12px; margin: 10px 0; }
.rule h4 { margin: 0 0 6px; }
.rule .guard-name { color: var(--muted); }
.excerpt .where { font-size: 13px; }
.diagram { overflow-x: auto; border: 1px solid var(--line); border-radius: 4px; padding: 6px; margin: 10px 0 20px; }
.ok-mark { color: #15803d; font-weight: 700; }
.fail-mark { color: #c81e1e; font-weight: 700; }
ul.theorems li { margin: 2px 0; }
pre.lean .k { color: #7c3aed; font-weight: 600; }
pre.lean .d { color: #0f766e; }
pre.lean .c { color: #6b7280; font-style: italic; }
pre.lean .s { color: #b45309; }
pre.lean .n { color: #2563eb; }
pre.lean .o { color: #9d174d; }
${DIAGRAM_CSS}
${CHART_CSS}
`;
