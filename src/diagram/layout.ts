// The geometry-free layout both writers share: lifeline columns and one row per step with its
// label and its notes (changed cells, then the mark).
import { arrowTarget, lifelinesOf } from "./arrows.ts";
import type { CellChange, CellScalar, Diagram, DiagramStep } from "./types.ts";

export interface Row {
  step: DiagramStep;
  from: number;
  to: number;
  label: string;
  notes: string[];
}

export interface DiagramLayout {
  lifelines: string[];
  rows: Row[];
}

export function formatValue(v: CellScalar): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

export function formatChange(c: CellChange): string {
  return c.before === undefined ? `${c.cell} = ${formatValue(c.after)}` : `${c.cell}: ${formatValue(c.before)} → ${formatValue(c.after)}`;
}

export function stepLabel(s: DiagramStep): string {
  const ps = Object.keys(s.params).sort().filter((k) => s.params[k] !== undefined).map((k) => `${k}=${s.params[k]}`);
  return `${s.action}(${ps.join(", ")})`;
}

export function layoutDiagram(d: Diagram): DiagramLayout {
  const lifelines = lifelinesOf(d.steps);
  const col = new Map(lifelines.map((p, i) => [p, i]));
  const rows = d.steps.map((step): Row => ({
    step,
    from: col.get(step.process)!,
    to: col.get(arrowTarget(step))!,
    label: `${step.seq}. ${stepLabel(step)}`,
    notes: step.changes.map(formatChange),
  }));
  return { lifelines, rows };
}
