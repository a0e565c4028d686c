// A scenario run turned into trace text: the pure core of `simulate` and of the example-trace tests.
import type { SystemInit } from "../impl/system.ts";
import type { Scenario } from "../scenario/types.ts";
import { quotedRulesFingerprint } from "../contract/rules/quoted-fingerprint.ts";
import { IMPLEMENTATION, TRACE_FORMAT } from "../contract/trace/types.ts";
import type { WrittenHeader } from "../contract/trace/types.ts";
import { serialiseTrace } from "../contract/trace/writer.ts";
import { runSchedule } from "./scheduler.ts";
import type { RunResult } from "./scheduler.ts";

export interface SimulateOptions {
  readonly seed: number;
  readonly policy: "random" | "scripted";
  readonly maxSteps: number;
  readonly fingerprint?: string;
}

export function simulateTrace(scenario: Scenario, init: SystemInit, opts: SimulateOptions): { text: string; header: WrittenHeader; result: RunResult } {
  const result = runSchedule(init, {
    seed: opts.seed,
    maxSteps: opts.maxSteps,
    ...(opts.policy === "scripted" && scenario.schedule ? { script: scenario.schedule } : {}),
  });
  const header: WrittenHeader = {
    kind: "header", format: TRACE_FORMAT, variant: init.variant, seed: opts.seed, scenario: scenario.name,
    scheduler: opts.policy, implementation: IMPLEMENTATION,
    rulesFingerprint: opts.fingerprint ?? quotedRulesFingerprint(init.variant), bounds: init.bounds, init: result.init,
  };
  return { text: serialiseTrace(header, result.events), header, result };
}
