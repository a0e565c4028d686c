// The implementation's traces through the checker, for every variant whose rules Lean has
// exported: the committed example traces, simulator runs of every scenario over several seeds,
// and the explorer's counterexamples (found and shrunk schedules replayed to traces).
// A failure here is a disagreement between implementation and rules: report it, do not weaken
// the checker.
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { RulesCache, defaultRulesDir, repoRoot } from "../../src/checker/rules.ts";
import { loadTraceSchema } from "../../src/checker/schema.ts";
import { checkStream } from "../../src/checker/stream.ts";
import { checkFile } from "../../src/checker/stream.ts";
import { formatResult } from "../../src/checker/report.ts";
import type { CheckOptions } from "../../src/checker/check.ts";
import { VARIANTS, type Variant } from "../../src/impl/types.ts";
import { loadScenarioFile, toSystemInit } from "../../src/scenario/load.ts";
import { simulateTrace } from "../../src/sched/simulate.ts";
import { explore } from "../../src/sched/explorer.ts";
import { replayEvents } from "../../src/sched/counterexample.ts";
import { serialiseTrace } from "../../src/trace/writer.ts";
import { rulesFingerprint } from "../../src/trace/fingerprint.ts";
import { IMPLEMENTATION, TRACE_FORMAT } from "../../src/trace/types.ts";

const withRules = VARIANTS.filter((v) => existsSync(path.join(defaultRulesDir, `${v}.json`)));
const tracesDir = path.join(repoRoot, "traces");
const scenarioDir = path.join(tracesDir, "scenarios");
const scenarios = existsSync(scenarioDir) ? readdirSync(scenarioDir).filter((f) => f.endsWith(".yaml")).map((f) => path.join(scenarioDir, f)) : [];
const SEEDS = Number(process.env.CHECK_IMPL_SEEDS ?? 20);

async function opts(): Promise<CheckOptions> {
  const schema = await loadTraceSchema();
  if (!schema.ok) throw new Error(schema.error);
  return { rules: new RulesCache(), validateLine: schema.value };
}
const check = async (text: string, name: string) => checkStream(Readable.from([Buffer.from(text)]), name, await opts());

describe.skipIf(withRules.length === 0)("implementation traces vs Lean rules", () => {
  it("committed traces/*.ndjson pass", async () => {
    const files = readdirSync(tracesDir).filter((f) => f.endsWith(".ndjson")).filter((f) => withRules.some((v) => f.split(".").includes(v)));
    const o = await opts();
    const failures: string[] = [];
    for (const f of files) {
      const r = await checkFile(path.join(tracesDir, f), o);
      if (!r.ok) failures.push(formatResult(r));
    }
    expect(failures.join("\n\n")).toBe("");
  });

  it(`simulator: every scenario x variant x ${SEEDS} seeds (random policy), plus the scripted schedule`, async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const file of scenarios) {
      const loaded = loadScenarioFile(file);
      if (!loaded.ok) continue;
      for (const v of withRules as Variant[]) {
        const init = toSystemInit(loaded.scenario, v);
        if (!init.ok) continue;
        const runs: { policy: "random" | "scripted"; seed: number }[] = Array.from({ length: SEEDS }, (_, i) => ({ policy: "random" as const, seed: i + 1 }));
        if (loaded.scenario.schedule) runs.push({ policy: "scripted", seed: 1 });
        for (const run of runs) {
          const out = simulateTrace(loaded.scenario, init.init, { seed: run.seed, policy: run.policy, maxSteps: loaded.scenario.maxSteps });
          const name = `${path.basename(file)} --variant ${v} --policy ${run.policy} --seed ${run.seed}`;
          const r = await check(out.text, name);
          checked++;
          if (!r.ok) failures.push(formatResult(r));
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(failures.slice(0, 5).join("\n\n")).toBe("");
  }, 600_000);

  it("explorer counterexamples (found and shrunk schedules) replay to traces that pass", async () => {
    const failures: string[] = [];
    for (const file of scenarios) {
      const loaded = loadScenarioFile(file);
      if (!loaded.ok) continue;
      for (const v of withRules as Variant[]) {
        const init = toSystemInit(loaded.scenario, v);
        if (!init.ok) continue;
        const report = explore(init.init, { mode: "auto", maxStates: 20_000, seed: 1, walks: 50, maxDepth: loaded.scenario.maxSteps });
        for (const verdict of report.verdicts)
          for (const [kind, actions] of [["found", verdict.found], ["shrunk", verdict.shrunk?.actions]] as const) {
            if (!actions) continue;
            const rep = replayEvents(init.init, actions);
            const text = serialiseTrace({
              kind: "header", format: TRACE_FORMAT, variant: v, seed: 1, scenario: loaded.scenario.name, scheduler: "explore",
              implementation: IMPLEMENTATION, rulesFingerprint: rulesFingerprint(v), bounds: init.init.bounds, init: rep.init,
            }, rep.events);
            const r = await check(text, `${path.basename(file)} ${v} ${verdict.property} (${kind})`);
            if (!r.ok) failures.push(formatResult(r));
          }
      }
    }
    expect(failures.slice(0, 5).join("\n\n")).toBe("");
  }, 600_000);
});

it("reports which variants have exported rules", () => {
  // informational: integration tests above skip while lean/rules/ is empty
  expect(Array.isArray(withRules)).toBe(true);
});
void readFileSync;
