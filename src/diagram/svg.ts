// A sequence diagram as a self-contained SVG element (no ids, no scripts, no external fonts), so
// any number of them can sit inline on one page. Every message is a <g class="msg"> carrying its
// seq and action, which is what the browser test counts.
import { layoutDiagram, type Row } from "./layout.ts";
import type { Diagram } from "./types.ts";
import { esc } from "./xml.ts";

const COL = 116; // distance between lifelines
const LEFT = 40; // room for the step numbers' column
const TOP = 44; // lifeline heads
const LINE = 14; // one line of notes
const NOTE_GAP = 16;
const CHAR = 7.6; // width of one 12px monospace character (bold included), for sizing text

function rowHeight(r: Row): number {
  return Math.max(40, 14 + LINE * (r.notes.length + (r.step.mark ? 1 : 0)));
}

const x = (col: number): number => LEFT + COL / 2 + col * COL;

function arrow(r: Row, y: number): string {
  const x1 = x(r.from);
  const x2 = x(r.to);
  const cls = r.step.mark ? ` ${r.step.mark.kind}` : "";
  if (r.from === r.to) {
    const path = `M${x1} ${y} h28 v12 h-26`;
    return `<path class="arrow${cls}" d="${path}" fill="none"/><polygon class="head${cls}" points="${x1 + 2},${y + 12} ${x1 + 9},${y + 8} ${x1 + 9},${y + 16}"/>`;
  }
  const dir = x2 > x1 ? 1 : -1;
  const tip = x2 - dir * 2;
  const base = tip - dir * 8;
  return `<line class="arrow${cls}" x1="${x1}" y1="${y}" x2="${base}" y2="${y}"/><polygon class="head${cls}" points="${tip},${y} ${base},${y - 4} ${base},${y + 4}"/>`;
}

function mark(r: Row, y: number): string {
  const m = r.step.mark;
  if (!m) return "";
  const cx = x(r.from);
  return `<g class="mark ${m.kind}"><circle cx="${cx}" cy="${y}" r="7"/><path d="M${cx - 4} ${y - 4} l8 8 M${cx + 4} ${y - 4} l-8 8"/></g>`;
}

export function diagramSvg(d: Diagram): string {
  const { lifelines, rows } = layoutDiagram(d);
  // notes start right of the last lifeline and of every label (a self-message's label runs right)
  const labelRight = rows.map((r) => (r.from === r.to ? x(r.from) + 34 + r.label.length * CHAR : (x(r.from) + x(r.to) + r.label.length * CHAR) / 2));
  const notesX = Math.ceil(Math.max(LEFT + lifelines.length * COL, ...labelRight) + NOTE_GAP);
  const longest = Math.max(20, ...rows.flatMap((r) => [...r.notes, r.step.mark ? `${r.step.mark.kind}: ${r.step.mark.text}` : ""].map((n) => n.length)));
  const width = Math.ceil(notesX + longest * CHAR + 24);
  const heights = rows.map(rowHeight);
  const bodyTop = TOP + 30;
  const height = bodyTop + heights.reduce((a, b) => a + b, 0) + 16;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="seq" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" data-diagram="${esc(d.id)}" data-messages="${rows.length}">`);
  out.push(`<title>${esc(d.title)}</title>`);
  lifelines.forEach((p, i) => {
    const cx = x(i);
    out.push(`<g class="lifeline" data-process="${esc(p)}"><line x1="${cx}" y1="${TOP + 24}" x2="${cx}" y2="${height - 8}"/><rect x="${cx - COL / 2 + 6}" y="${TOP - 4}" width="${COL - 12}" height="26" rx="4"/><text x="${cx}" y="${TOP + 13}" text-anchor="middle">${esc(p)}</text></g>`);
  });
  out.push(`<text class="notes-head" x="${notesX}" y="${TOP + 13}">changed cells</text>`);
  let y = bodyTop;
  rows.forEach((r, i) => {
    const h = heights[i]!;
    const ay = y + 19;
    const labelX = r.from === r.to ? x(r.from) + 34 : (x(r.from) + x(r.to)) / 2;
    const anchor = r.from === r.to ? "start" : "middle";
    const cls = r.step.mark ? ` marked ${r.step.mark.kind}` : "";
    out.push(`<g class="msg${cls}" data-seq="${r.step.seq}" data-action="${esc(r.step.action)}" data-from="${esc(lifelines[r.from]!)}" data-to="${esc(lifelines[r.to]!)}">`);
    if (i % 2 === 1) out.push(`<rect class="band" x="0" y="${y}" width="${width}" height="${h}"/>`);
    out.push(`<text class="label" x="${labelX}" y="${ay - 6}" text-anchor="${anchor}">${esc(r.label)}</text>`);
    out.push(arrow(r, ay));
    out.push(mark(r, ay));
    r.notes.forEach((n, j) => out.push(`<text class="note" x="${notesX}" y="${y + 14 + j * LINE}">${esc(n)}</text>`));
    if (r.step.mark) out.push(`<text class="note mark-text ${r.step.mark.kind}" x="${notesX}" y="${y + 14 + r.notes.length * LINE}">${esc(`${r.step.mark.kind}: ${r.step.mark.text}`)}</text>`);
    out.push(`</g>`);
    y += h;
  });
  out.push(`</svg>`);
  return out.join("\n");
}

/** Styles for the classes diagramSvg uses; the site's stylesheet includes them. */
export const DIAGRAM_CSS = `
svg.seq { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; background: #fff; }
svg.seq .lifeline line { stroke: #9aa4b2; stroke-dasharray: 4 3; }
svg.seq .lifeline rect { fill: #eef2f7; stroke: #52606d; }
svg.seq .lifeline text { font-weight: 600; fill: #1f2933; }
svg.seq .notes-head { fill: #616e7c; font-style: italic; }
svg.seq .band { fill: #f7f9fb; }
svg.seq .arrow { stroke: #1f2933; stroke-width: 1.4; }
svg.seq .head { fill: #1f2933; }
svg.seq .label { fill: #1f2933; }
svg.seq .note { fill: #3e4c59; }
svg.seq .arrow.crash, svg.seq .arrow.violation { stroke: #c81e1e; }
svg.seq .head.crash, svg.seq .head.violation { fill: #c81e1e; }
svg.seq .arrow.divergence { stroke: #b45309; }
svg.seq .head.divergence { fill: #b45309; }
svg.seq .mark circle { fill: #fde8e8; stroke: #c81e1e; stroke-width: 2; }
svg.seq .mark path { stroke: #c81e1e; stroke-width: 2; }
svg.seq .mark.divergence circle { fill: #fef3c7; stroke: #b45309; }
svg.seq .mark.divergence path { stroke: #b45309; }
svg.seq .mark-text { font-weight: 700; fill: #c81e1e; }
svg.seq .mark-text.divergence { fill: #b45309; }
svg.seq .msg.marked .label { font-weight: 700; }
`;
