// Test-only: implementation traces through the checker, shared by the simulator and the explorer
// files (test/checker/impl-*.test.ts), which run in parallel. A trace that starts outside the
// model's initial states is refused at its header; its steps are then checked against the same
// rules with the init conjuncts dropped, and the scenario is recorded so that a file can pin which
// scenarios do that.
import path from "node:path";
import { Readable } from "node:stream";
import { RulesCache, repoRoot } from "../../src/checker/rules.ts";
import { loadTraceSchema } from "../../src/contract/trace/schema.ts";
import { checkStream } from "../../src/checker/stream.ts";
import { formatResult } from "../../src/checker/report.ts";
import type { CheckOptions, TraceResult } from "../../src/checker/check.ts";
import type { RulesDoc } from "../../src/contract/rules/types.ts";
import type { Result } from "../../src/contract/result.ts";
import { readdirSync } from "node:fs";
import { VARIANTS, type Variant } from "../../src/contract/vocabulary.ts";
import { loadScenarioFile, toSystemInit } from "../../src/scenario/load.ts";

export const tracesDir = path.join(repoRoot, "traces");
export const scenarioDir = path.join(tracesDir, "scenarios");

/** Every committed scenario with every variant it can start (a scenario that does not load fails). */
export function* scenarioVariants() {
  const files = readdirSync(scenarioDir).filter((f) => f.endsWith(".yaml")).map((f) => path.join(scenarioDir, f));
  if (files.length === 0) throw new Error(`no scenarios in ${scenarioDir}`);
  for (const file of files) {
    const loaded = loadScenarioFile(file);
    if (!loaded.ok) throw new Error(`${file}: ${loaded.errors.map((e) => e.message).join("; ")}`);
    for (const variant of VARIANTS as readonly Variant[]) {
      const init = toSystemInit(loaded.scenario, variant);
      if (init.ok) yield { file, name: path.basename(file), scenario: loaded.scenario, variant, init: init.init };
    }
  }
}

/** Scenarios whose initial state is outside the Lean init: stale-router-entry starts with a router entry ShapeStatus no longer has. */
export const OUTSIDE_INIT_SCENARIOS = ["stale-router-entry.yaml"];

export async function checkOptions(): Promise<CheckOptions> {
  const schema = await loadTraceSchema();
  if (!schema.ok) throw new Error(schema.error);
  return { rules: new RulesCache(), validateLine: schema.value };
}

/**
 * Some scenarios deliberately start outside the model's initial states (e.g.
 * stale-router-entry: a router entry without a status). The checker must refuse them at the
 * header; what is then checked is that every step from that state still follows the rules
 * (the same rules with the init conjuncts dropped, same fingerprint). The invariants go too:
 * Lean proves them only for states reachable from the init (FixC's noWindow is false in
 * stale-router-entry's first state by construction).
 */
class NoInitRules extends RulesCache {
  override doc(variant: string): Promise<Result<RulesDoc>> {
    return super.doc(variant).then((d) => (d.ok ? { ok: true as const, value: { ...d.value, init: [], invariants: [] } } : d));
  }
}

/** Disagreements grouped by (scenario, variant, kind, rule, conjunct): one example and a count each. */
export class Disagreements {
  private groups = new Map<string, { n: number; example: string }>();
  add(scenario: string, r: TraceResult): void {
    const d = r.divergence!;
    const key = `${scenario} ${r.variant ?? "?"}: ${d.kind} ${d.rule ?? ""} ${d.failedGuard ?? ""} ${d.cells.map((c) => c.cell).join(",")}`;
    const g = this.groups.get(key);
    if (g) g.n++;
    else this.groups.set(key, { n: 1, example: formatResult(r) });
  }
  get size(): number {
    return this.groups.size;
  }
  toString(): string {
    return [...this.groups].map(([k, g]) => `### ${k} (${g.n} trace(s))\n${g.example}`).join("\n\n");
  }
}

/** Checks implementation traces, counting those that start outside the Lean init. */
export class ImplChecker {
  /** "<scenario> <variant>: <message>" → number of traces refused at their header. */
  readonly outsideInit = new Map<string, number>();

  async check(text: string, name: string): Promise<TraceResult> {
    return checkStream(Readable.from([Buffer.from(text)]), name, await checkOptions());
  }

  /** True when the trace passes; otherwise the disagreement is added (or the outside-init start recorded). */
  async checkImpl(text: string, name: string, scenario: string, failures: Disagreements): Promise<boolean> {
    const r = await this.check(text, name);
    if (r.ok) return true;
    if (r.divergence!.kind === "init" && r.divergence!.line === 1) {
      const o = await checkOptions();
      const again = await checkStream(Readable.from([Buffer.from(text)]), `${name} (init conjuncts dropped)`, { ...o, rules: new NoInitRules() });
      if (again.ok) {
        const key = `${scenario} ${r.variant}: ${r.divergence!.message}`;
        this.outsideInit.set(key, (this.outsideInit.get(key) ?? 0) + 1);
        return false;
      }
      failures.add(scenario, again);
      return false;
    }
    failures.add(scenario, r);
    return false;
  }

  /** The scenarios (file names) some trace of which started outside the Lean init, sorted. */
  outsideInitScenarios(): string[] {
    for (const [k, n] of this.outsideInit) console.info(`outside the Lean init (${n} trace(s)): ${k}`);
    return [...new Set([...this.outsideInit.keys()].map((k) => k.split(" ")[0]!))].sort();
  }
}
