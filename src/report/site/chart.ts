// Coverage as a horizontal bar chart (SVG): one bar per rule, length by times fired across the
// re-checked traces, then one dot per guard conjunct (filled: exercised, hollow: not).
import { esc } from "../../diagram/xml.ts";
import type { CoverageView } from "./model.ts";

const ROW = 20;
const NAME_W = 190;
const BAR_W = 260;
const CHAR = 7.2;

export function coverageChart(c: CoverageView): string {
  const max = Math.max(1, ...c.rules.map((r) => r.fired));
  const maxGuards = Math.max(0, ...c.rules.map((r) => r.guards.length));
  const dotsX = NAME_W + BAR_W + 60;
  const width = dotsX + Math.max(maxGuards * 14, 130) + 20;
  const height = 28 + c.rules.length * ROW + 8;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" data-variant="${esc(c.variant)}" data-rules="${c.rules.length}">`);
  out.push(`<title>${esc(`${c.variant}: rules fired in ${c.traces} traces (${c.events} events)`)}</title>`);
  out.push(`<text class="axis" x="${NAME_W}" y="16">times fired (max ${max})</text><text class="axis" x="${dotsX}" y="16">guard conjuncts</text>`);
  c.rules.forEach((r, i) => {
    const y = 28 + i * ROW;
    const w = r.fired === 0 ? 0 : Math.max(2, Math.round((r.fired / max) * BAR_W));
    const never = r.fired === 0 ? " never" : "";
    const name = r.action.length * CHAR > NAME_W - 8 ? `${r.action.slice(0, Math.floor((NAME_W - 8) / CHAR) - 1)}…` : r.action;
    out.push(`<g class="bar${never}" data-action="${esc(r.action)}" data-fired="${r.fired}">`);
    out.push(`<title>${esc(`${r.action}: fired ${r.fired} times; guards ${r.guards.map((g) => `${g.name} ${g.exercised ? "exercised" : "not exercised"}`).join(", ")}`)}</title>`);
    out.push(`<text class="name" x="${NAME_W - 8}" y="${y + 13}" text-anchor="end">${esc(name)}</text>`);
    out.push(`<rect x="${NAME_W}" y="${y + 3}" width="${w}" height="${ROW - 6}"/>`);
    out.push(`<text class="count" x="${NAME_W + w + 6}" y="${y + 13}">${r.fired}</text>`);
    r.guards.forEach((g, j) => out.push(`<circle class="guard${g.exercised ? " hit" : ""}" cx="${dotsX + 5 + j * 14}" cy="${y + ROW / 2}" r="5"/>`));
    out.push(`</g>`);
  });
  out.push(`</svg>`);
  return out.join("\n");
}

export const CHART_CSS = `
svg.chart { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; }
svg.chart .axis { fill: #616e7c; font-style: italic; }
svg.chart .bar rect { fill: #3b82f6; }
svg.chart .bar .count { fill: #1f2933; }
svg.chart .bar.never .count { fill: #c81e1e; font-weight: 700; }
svg.chart .bar.never .name { fill: #c81e1e; }
svg.chart .guard { fill: #fff; stroke: #9aa4b2; stroke-width: 1.5; }
svg.chart .guard.hit { fill: #16a34a; stroke: #15803d; }
`;
