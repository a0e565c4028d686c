// The deterministic scheduler: at every step it lists the enabled atomic actions of all
// processes and picks one with the seeded PRNG (policy "random"), or follows a script of process
// names first (policy "scripted", then random). Same seed + scenario ⇒ same trace.
import type { Action } from "../contract/vocabulary.ts";
import type { System, SystemInit } from "../impl/system.ts";
import { System as Sys } from "../impl/system.ts";
import { cellKeys } from "../contract/vocabulary.ts";
import type { CellValue } from "../contract/vocabulary.ts";
import type { WrittenEvent } from "../contract/trace/types.ts";
import { Prng } from "./prng.ts";
import { recordStep } from "./step.ts";

export interface RunOptions {
  readonly seed: number;
  /** Process names to run first, in order; an entry whose process has nothing enabled is skipped. */
  readonly script?: readonly string[];
  readonly maxSteps: number;
}

export interface RunResult {
  readonly init: Record<string, CellValue>;
  readonly events: readonly WrittenEvent[];
  readonly system: System;
  readonly actions: readonly Action[];
  /** Why the run ended. */
  readonly end: "quiescent" | "stuck" | "maxSteps";
}

export function runSchedule(initCfg: SystemInit, opts: RunOptions): RunResult {
  const sys = Sys.create(initCfg);
  const order = cellKeys(initCfg.bounds);
  const init: Record<string, CellValue> = {};
  const cells0 = sys.project();
  for (const k of order) {
    const v = cells0.get(k);
    if (v !== undefined) init[k] = v;
  }
  const rng = new Prng(opts.seed);
  const events: WrittenEvent[] = [];
  const actions: Action[] = [];
  const script = [...(opts.script ?? [])];
  let before = cells0;
  while (events.length < opts.maxSteps) {
    const enabled = sys.enabled();
    if (enabled.length === 0) break;
    let choice: Action | undefined;
    while (choice === undefined && script.length > 0) {
      // An entry is "process" or "process Label"; nothing enabled for it: skip the entry.
      const [proc, label] = (script.shift() ?? "").split(" ");
      const mine = enabled.filter((a) => a.process === proc && (label === undefined || a.label === label));
      if (mine.length > 0) choice = mine[rng.int(mine.length)];
    }
    choice ??= enabled[rng.int(enabled.length)];
    if (choice === undefined) break;
    const step = recordStep(sys, choice, events.length + 1, order, before);
    events.push(step.event);
    actions.push(choice);
    before = step.after;
  }
  const end = sys.enabled().length > 0 ? "maxSteps" : sys.quiescent() ? "quiescent" : "stuck";
  return { init, events, system: sys, actions, end };
}
