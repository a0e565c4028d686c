// A sequence diagram for the terminal: one column per lifeline, one line per action (the arrow,
// its label and the changed cells), continuation lines when the cells do not fit.
import { layoutDiagram } from "./layout.ts";
import type { Diagram, MarkKind } from "./types.ts";

export interface TextOptions {
  /** total line width to aim for; the cells wrap onto continuation lines past it */
  width?: number;
}

const MARK_GLYPH: Readonly<Record<MarkKind, string>> = { crash: "✖", violation: "✖", divergence: "≠" };

/** Split `t` at spaces into pieces of at most `n` characters (a longer word is cut). */
function wrap(t: string, n: number): string[] {
  const out: string[] = [];
  let cur = "";
  for (const w of t.split(" ")) {
    for (let word = w; word.length > 0; ) {
      const room = cur === "" ? n : n - cur.length - 1;
      if (word.length <= room) {
        cur = cur === "" ? word : `${cur} ${word}`;
        word = "";
      } else if (cur !== "") {
        out.push(cur);
        cur = "";
      } else {
        out.push(word.slice(0, n));
        word = word.slice(n);
      }
    }
  }
  if (cur !== "" || out.length === 0) out.push(cur);
  return out;
}

export function diagramText(d: Diagram, opts: TextOptions = {}): string[] {
  const { lifelines, rows } = layoutDiagram(d);
  const widths = lifelines.map((p) => Math.max(p.length + 2, 5));
  const centers: number[] = [];
  let off = 0;
  for (const w of widths) {
    centers.push(off + Math.floor(w / 2));
    off += w;
  }
  const total = off;
  const seqW = String(Math.max(1, ...rows.map((r) => r.step.seq))).length + 1;
  const budget = Math.max(30, (opts.width ?? 120) - seqW - total - 2);

  const blank = (): string[] => {
    const line = Array<string>(total).fill(" ");
    for (const c of centers) line[c] = "│";
    return line;
  };
  const out: string[] = [];
  out.push(d.title);
  if (d.note) out.push(d.note);
  const head = Array<string>(total).fill(" ");
  lifelines.forEach((p, i) => {
    const start = centers[i]! - Math.floor(p.length / 2);
    for (let j = 0; j < p.length; j++) head[start + j] = p[j]!;
  });
  out.push(`${" ".repeat(seqW)}${head.join("").trimEnd()}`);

  for (const r of rows) {
    const line = blank();
    const a = centers[r.from]!;
    const b = centers[r.to]!;
    if (a === b) line[a + 1] = "↺";
    else {
      const [lo, hi] = a < b ? [a, b] : [b, a];
      for (let i = lo + 1; i < hi; i++) line[i] = "─";
      line[b] = a < b ? "▶" : "◀";
    }
    line[a] = r.step.mark ? MARK_GLYPH[r.step.mark.kind] : "●";
    const label = r.label.replace(/^\d+\. /, "");
    const texts = [...r.notes];
    if (r.step.mark) texts.push(`${r.step.mark.kind.toUpperCase()}: ${r.step.mark.text}`);
    const pieces = texts.flatMap((t) => wrap(t, budget - 2));
    // pack the label and the notes into lines of at most `budget` characters
    const chunks: string[] = [];
    let cur = label;
    for (const t of pieces) {
      if (cur.length + 2 + t.length > budget && cur !== "") {
        chunks.push(cur);
        cur = `  ${t}`;
      } else cur = cur === "" ? t : `${cur}  ${t}`;
    }
    chunks.push(cur);
    out.push(`${String(r.step.seq).padStart(seqW - 1)} ${line.join("")}  ${chunks[0]}`.trimEnd());
    for (const c of chunks.slice(1)) out.push(`${" ".repeat(seqW)}${blank().join("")}  ${c}`.trimEnd());
  }
  return out;
}
