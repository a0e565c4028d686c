// The implementation's traces through the checker, for every variant whose rules Lean has
// exported: the committed example traces and simulator runs of every scenario over several
// seeds. (The explorer's counterexamples are in impl-counterexamples.test.ts, so that the two
// long runs go to different workers.) A failure here is a disagreement between implementation
// and rules: report it, do not weaken the checker.
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { defaultRulesDir } from "../../src/checker/rules.ts";
import { checkFile } from "../../src/checker/stream.ts";
import { VARIANTS } from "../../src/contract/vocabulary.ts";
import { simulateTrace } from "../../src/sched/simulate.ts";
import { toItf } from "../../src/itf/export.ts";
import { checkItfText } from "../../src/itf/check.ts";
import { checkOptions, Disagreements, ImplChecker, OUTSIDE_INIT_SCENARIOS, scenarioVariants, tracesDir } from "../helpers/impl-check.ts";

const SEEDS = Number(process.env.CHECK_IMPL_SEEDS ?? 8);
const impl = new ImplChecker();

describe("implementation traces vs Lean rules", () => {
  it("committed traces/*.ndjson pass", async () => {
    const files = readdirSync(tracesDir).filter((f) => f.endsWith(".ndjson")).filter((f) => VARIANTS.some((v) => f.split(".").includes(v)));
    const o = await checkOptions();
    const failures = new Disagreements();
    for (const f of files) {
      const r = await checkFile(path.join(tracesDir, f), o);
      if (!r.ok) failures.add(f, r);
    }
    expect(files.length).toBeGreaterThan(0);
    expect(failures.toString()).toBe("");
  });

  it(`simulator: every scenario x variant x ${SEEDS} seeds (random policy), plus the scripted schedule`, async () => {
    const failures = new Disagreements();
    let checked = 0;
    for (const { file, name: base, scenario, variant: v, init } of scenarioVariants()) {
      const runs: { policy: "random" | "scripted"; seed: number }[] = Array.from({ length: SEEDS }, (_, i) => ({ policy: "random" as const, seed: i + 1 }));
      if (scenario.schedule) runs.push({ policy: "scripted", seed: 1 });
      for (const run of runs) {
        const out = simulateTrace(scenario, init, { seed: run.seed, policy: run.policy, maxSteps: scenario.maxSteps });
        const name = `${path.basename(file)} --variant ${v} --policy ${run.policy} --seed ${run.seed}`;
        checked++;
        if ((await impl.checkImpl(out.text, name, base, failures)) && run.seed <= 2) {
          // and the same trace through ITF export -> import -> check
          const itf = toItf(out.header, out.result.events, name);
          const ri = await checkItfText(JSON.stringify(itf), `${name} (ITF)`, await checkOptions());
          if (!ri.ok) failures.add(`${base} (ITF)`, ri);
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(failures.toString()).toBe("");
  }, 600_000);
});

it("lists the traces that start outside the model's initial states (their steps were checked)", () => {
  // The checker refuses these at line 1; every step after it follows the rules. The scenarios
  // are pinned so that a new one starting outside the Lean init is noticed, not hidden. The
  // simulator runs every scenario, so here the list must be exactly the pinned one.
  expect(impl.outsideInitScenarios()).toEqual(OUTSIDE_INIT_SCENARIOS);
});

it("every variant has its exported rules (a missing file fails here, it is not skipped)", () => {
  expect(VARIANTS.filter((v) => !existsSync(path.join(defaultRulesDir, `${v}.json`)))).toEqual([]);
});
