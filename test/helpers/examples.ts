// The committed example traces (traces/*.ndjson): which scenario, variant, seed and policy each
// comes from. A test regenerates every one and compares it byte for byte.
import { fileURLToPath } from "node:url";
import type { Variant } from "../../src/contract/vocabulary.ts";
import { loadScenarioFile, toSystemInit } from "../../src/scenario/load.ts";
import { formatScenarioError } from "../../src/scenario/types.ts";
import { simulateTrace } from "../../src/sched/simulate.ts";

export interface ExampleTrace {
  readonly file: string; // relative to traces/
  readonly scenario: string; // relative to traces/scenarios/
  readonly variant: Variant;
  readonly seed: number;
  readonly policy: "random" | "scripted";
}

export const TRACES_DIR = fileURLToPath(new URL("../../traces/", import.meta.url));

export const EXAMPLES: readonly ExampleTrace[] = [
  ...(["PreFix", "FixA", "FixA2", "FixB", "FixC", "SerializedRemoval"] as const).map((v) => ({ file: `race-recipe.${v}.ndjson`, scenario: "race-recipe.yaml", variant: v, seed: 1, policy: "scripted" as const })),
  { file: "orphan-recipe.FixA2.ndjson", scenario: "orphan-recipe.yaml", variant: "FixA2", seed: 1, policy: "scripted" },
  // 1.2.7–1.4.13: the same interleaving crashes the SLC through start_consumer! (electric.md §5b)
  { file: "orphan-recipe.PreFix.ndjson", scenario: "orphan-recipe.yaml", variant: "PreFix", seed: 1, policy: "scripted" },
  { file: "orphan-recipe.FixA.ndjson", scenario: "orphan-recipe.yaml", variant: "FixA", seed: 1, policy: "scripted" },
  // the proposed fix: the removal request waits for the publish, and the chain stops the consumer it started
  { file: "orphan-recipe.SerializedRemoval.ndjson", scenario: "orphan-recipe.yaml", variant: "SerializedRemoval", seed: 1, policy: "scripted" },
  // smallest bounds, everything enabled (SlcFail too): the seed (of 1..300) covering the most actions
  ...([["PreFix", 32], ["FixA", 32], ["FixA2", 32], ["FixB", 15], ["FixC", 32], ["SerializedRemoval", 56]] as const).map(([v, seed]) => ({ file: `smallest-all.${v}.seed${seed}.ndjson`, scenario: "smallest-all.yaml", variant: v, seed, policy: "random" as const })),
  { file: "fixb-restart.FixB.ndjson", scenario: "fixb-restart.yaml", variant: "FixB", seed: 1, policy: "scripted" },
  // §5(i): a failed start makes ShapeCache run clean_shape, whose Fix B chain waits for the collector waiting for ShapeCache
  { file: "shapecache-clean-deadlock.FixB.ndjson", scenario: "shapecache-clean-deadlock.yaml", variant: "FixB", seed: 1, policy: "scripted" },
  { file: "fixb-restart.FixA2.ndjson", scenario: "fixb-restart.yaml", variant: "FixA2", seed: 1, policy: "scripted" },
  // the same fault after the collector wrote its tombstone: the restart drops it, the shape stays unrouted
  { file: "fixb-restart.SerializedRemoval.ndjson", scenario: "fixb-restart.yaml", variant: "SerializedRemoval", seed: 1, policy: "scripted" },
  ...(["PreFix", "FixA", "FixA2", "FixB", "FixC", "SerializedRemoval"] as const).map((v) => ({ file: `consumer-lifecycle.${v}.ndjson`, scenario: "consumer-lifecycle.yaml", variant: v, seed: 1, policy: "scripted" as const })),
  // §3.7: before ba6dd2c7d a collector crash kills the removal in progress (orphaned storage); after it the removal survives
  { file: "chain-killed-by-crash.PreFix.ndjson", scenario: "chain-killed-by-crash.yaml", variant: "PreFix", seed: 1, policy: "scripted" },
  { file: "chain-killed-by-crash.FixA.ndjson", scenario: "chain-killed-by-crash.yaml", variant: "FixA", seed: 1, policy: "scripted" },
  { file: "stale-dead-pid.PreFix.ndjson", scenario: "stale-dead-pid.yaml", variant: "PreFix", seed: 1, policy: "scripted" },
  // HEAD records the stale dead pid's :noproc DOWN as undeliverable (PreFix drops it silently)
  { file: "stale-dead-pid.FixA2.ndjson", scenario: "stale-dead-pid.yaml", variant: "FixA2", seed: 1, policy: "scripted" },
  ...(["PreFix", "FixA", "FixA2", "FixB", "FixC", "SerializedRemoval"] as const).map((v) => ({ file: `two-shapes-env.${v}.seed3.ndjson`, scenario: "two-shapes-env.yaml", variant: v, seed: 3, policy: "random" as const })),
  // consumer environment actions: the seed (of 1..300) covering the most actions
  ...([["PreFix", 217], ["FixA", 8], ["FixA2", 8], ["FixB", 7], ["FixC", 8], ["SerializedRemoval", 54]] as const).map(([v, seed]) => ({ file: `consumer-env.${v}.seed${seed}.ndjson`, scenario: "consumer-env.yaml", variant: v, seed, policy: "random" as const })),
];

/** The trace text an example should have, generated now. */
export function generateExample(ex: ExampleTrace): string {
  const loaded = loadScenarioFile(`${TRACES_DIR}scenarios/${ex.scenario}`);
  if (!loaded.ok) throw new Error(loaded.errors.map(formatScenarioError).join("\n"));
  const init = toSystemInit(loaded.scenario, ex.variant);
  if (!init.ok) throw new Error(init.errors.map(formatScenarioError).join("\n"));
  return simulateTrace(loaded.scenario, init.init, { seed: ex.seed, policy: ex.policy, maxSteps: loaded.scenario.maxSteps }).text;
}
