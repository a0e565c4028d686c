// Human-readable and JSON renderings of check results. Pure: data in, text out.
import type { TraceResult } from "./check.ts";
import type { Divergence, EventSummary } from "./divergence.ts";
import type { CoverageSummary } from "./coverage.ts";
import { show } from "../contract/trace/parse.ts";

export function where(d: Divergence): string {
  if (d.line <= 0) return d.file;
  return d.unit === "state" ? `${d.file} states[${d.line}]` : `${d.file}:${d.line}`;
}

function eventLine(e: EventSummary, unit: "line" | "state"): string {
  const ps = Object.entries(e.params).map(([k, v]) => `${k}=${v}`).join(",");
  const post = Object.entries(e.post).map(([k, v]) => `${k}=${show(v)}`).join(" ");
  return `${unit === "state" ? "state" : "line"} ${e.line} seq ${e.seq} ${e.process} ${e.action}(${ps}) ${e.outcome}${post ? `  ${post}` : ""}`;
}

export function formatDivergence(d: Divergence): string {
  const out: string[] = [];
  out.push(`FAIL ${where(d)}${d.seq !== undefined ? ` (event seq ${d.seq})` : ""}: ${d.message}`);
  if (d.rule !== undefined) out.push(`  rule: ${d.rule}${d.params && Object.keys(d.params).length ? `(${Object.entries(d.params).map(([k, v]) => `${k}=${v}`).join(", ")})` : ""}`);
  if (d.failedGuard !== undefined) out.push(`  failed guard conjunct: ${d.failedGuard}`);
  if (d.guardCells && Object.keys(d.guardCells).length)
    out.push(`  state read by that conjunct: ${Object.entries(d.guardCells).map(([k, v]) => `${k}=${show(v)}`).join(" ")}`);
  if (d.cells.length) {
    out.push("  cells (before -> expected by the rule | observed):");
    for (const c of d.cells) out.push(`    ${c.cell}: ${show(c.before)} -> ${show(c.expected)} | ${c.observed === null ? "(not reported)" : show(c.observed)}`);
  }
  if (d.theorems.length) out.push(`  related Lean theorem(s): ${d.theorems.join(", ")}`);
  else if (d.rule !== undefined && (d.kind === "guard" || d.kind === "post" || d.kind === "outcome")) out.push(`  related Lean theorem(s): none attached to ${d.rule} in the rules export`);
  for (const h of d.handles) {
    out.push(`  handle ${h.handle}: ${Object.entries(h.cells).map(([k, v]) => `${k}=${show(v)}`).join(" ")}`);
    if (h.lastEvents.length) {
      out.push(`    last ${h.lastEvents.length} event(s) on handle ${h.handle}:`);
      for (const e of h.lastEvents) out.push(`      ${eventLine(e, d.unit)}`);
    }
  }
  if (d.lastEvents.length) {
    out.push(`  last ${d.lastEvents.length} accepted event(s):`);
    for (const e of d.lastEvents) out.push(`    ${eventLine(e, d.unit)}`);
  }
  return out.join("\n");
}

export function formatResult(r: TraceResult): string {
  const w = r.warnings.map((x) => `  warning: ${x}`).join("\n");
  const head = r.ok ? `ok   ${r.file} (${r.variant}, ${r.events} events)` : formatDivergence(r.divergence!);
  return w ? `${head}\n${w}` : head;
}

/** Words for a rule no trace exercised, from Lean's verdict export (or why there are none). */
export type NeverExercisedNote = (variant: string, rule: string) => string | undefined;

export function formatCoverage(cs: CoverageSummary[], note?: NeverExercisedNote): string {
  const out: string[] = [];
  for (const c of cs) {
    out.push(`coverage ${c.variant}: ${c.traces} trace(s), ${c.events} events; rules ${c.rulesExercised}/${c.rulesTotal}; guard conjuncts ${c.guardsExercised.length}/${c.guardsExercised.length + c.guardsNotExercised.length}; distinct states ${c.distinctStates}${c.distinctStatesSaturated ? "+ (saturated)" : ""}`);
    out.push(`  fired: ${c.fired.map((f) => `${f.rule} x${f.count}${f.perHandle ? ` [${Object.entries(f.perHandle).map(([h, n]) => `${h}:${n}`).join(" ")}]` : ""}`).join(", ") || "(none)"}`);
    out.push(`  never exercised: ${c.neverExercised.join(", ") || "(none)"}`);
    if (note) for (const r of c.neverExercised) {
      const n = note(c.variant, r);
      if (n !== undefined) out.push(`    ${r}: ${n}`);
    }
  }
  return out.join("\n");
}

export function summaryLine(results: readonly TraceResult[]): string {
  const passed = results.filter((r) => r.ok).length;
  return `${passed} passed, ${results.length - passed} failed`;
}

/** JSON-safe form of a result (drops the compiled model). */
export function resultJson(r: TraceResult): object {
  return { file: r.file, ok: r.ok, variant: r.variant ?? null, events: r.events, warnings: r.warnings, ...(r.divergence ? { divergence: r.divergence } : {}) };
}
