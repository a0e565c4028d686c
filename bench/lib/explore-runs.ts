// One exhaustive exploration, run in a child process of the explore benchmark so that each
// peak-RSS figure belongs to one run (`bench/lib/explore-child.ts` prints it as one JSON line):
// the implementation's explorer, the rules-level explorer, or the string-key baseline.
import { readFileSync } from "node:fs";
import { loadScenarioFile, toSystemInit } from "../../src/scenario/load.ts";
import type { SystemInit } from "../../src/impl/system.ts";
import type { Variant } from "../../src/contract/vocabulary.ts";
import { explore } from "../../src/sched/explorer.ts";
import { compileModel } from "../../src/checker/interp.ts";
import type { RulesDoc } from "../../src/contract/rules/types.ts";
import { exploreRules, initialVector } from "../../src/checker/explore-rules.ts";
import { scenarioStart } from "../../src/sched/rules-scenario.ts";
import { stringKeyBfs } from "./string-key-bfs.ts";
import { loadVerdicts } from "../../src/contract/verdicts/load.ts";
import { leanPropertiesFor } from "../../src/sched/lean-properties.ts";

export type ChildKind = "impl" | "rules" | "strings";

export interface ChildSpec {
  readonly kind: ChildKind;
  readonly scenario: string;
  readonly variant: Variant;
  readonly maxStates: number;
}

export interface ChildResult {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly complete: boolean;
  readonly seconds: number;
  readonly storeBytes: number;
  readonly peakRssBytes: number;
  /** RSS before the exploration started (module loading, JIT): subtracted for bytes/state. */
  readonly startRssBytes: number;
}

function initOf(scenario: string, v: Variant): SystemInit {
  const l = loadScenarioFile(scenario);
  if (!l.ok) throw new Error(`${scenario}: ${l.errors.map((e) => e.message).join("; ")}`);
  const i = toSystemInit(l.scenario, v);
  if (!i.ok) throw new Error(`${scenario}: cannot build the ${v} initial state`);
  return i.init;
}

export function runChild(spec: ChildSpec, rulesDir: string): ChildResult {
  const init = initOf(spec.scenario, spec.variant);
  const startRssBytes = process.memoryUsage().rss;
  const t0 = performance.now();
  if (spec.kind === "impl") {
    const verdicts = loadVerdicts();
    if (!verdicts.ok) throw new Error(verdicts.error);
    const props = leanPropertiesFor(init, verdicts.value);
    if (!props.ok) throw new Error(props.error);
    const r = explore(init, { mode: "exhaustive", properties: props.value, maxStates: spec.maxStates, seed: 1, walks: 0, maxDepth: 1000, noShrink: true });
    return { states: r.states, transitions: r.transitions, depth: r.maxDepth, complete: r.complete, seconds: r.elapsedMs / 1000, storeBytes: r.memory.storeBytes, peakRssBytes: r.memory.peakRssBytes, startRssBytes };
  }
  if (spec.kind === "strings") {
    const r = stringKeyBfs(init, spec.maxStates);
    return { states: r.states, transitions: r.transitions, depth: 0, complete: r.complete, seconds: (performance.now() - t0) / 1000, storeBytes: 0, peakRssBytes: process.resourceUsage().maxRSS * 1024, startRssBytes };
  }
  const rules = JSON.parse(readFileSync(`${rulesDir}/${spec.variant}.json`, "utf8")) as RulesDoc;
  const m = compileModel(rules, init.bounds);
  if (!m.ok) throw new Error(`${spec.variant}.json: ${m.error}`);
  const start = scenarioStart(init);
  const vec = initialVector(m.value, start.cells);
  if (!vec.ok) throw new Error(vec.error);
  const r = exploreRules(m.value, vec.value, { maxStates: spec.maxStates, restrict: start.restrict });
  if (!r.ok) throw new Error(r.error);
  const x = r.report;
  return { states: x.states, transitions: x.transitions, depth: x.maxDepth, complete: x.complete, seconds: x.elapsedMs / 1000, storeBytes: x.memory.storeBytes, peakRssBytes: x.memory.peakRssBytes, startRssBytes };
}
