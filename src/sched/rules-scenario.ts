// A scenario as the rules-level explorer (src/checker/explore-rules.ts) needs it: the initial
// cells are the implementation's own projection of the scenario's initial state, and the
// rules' action instances are limited to what the scenario lets the environment do: its
// removal requests, its environment switches, and the implementation's choice of the lowest
// idle slot for a chain a consumer or ShapeCache's clean_shape starts. The function types match
// the checker's structurally; nothing here imports the checker.
import type { CellValue } from "../contract/vocabulary.ts";
import { System } from "../impl/system.ts";
import type { SystemInit } from "../impl/system.ts";

export type ScenarioChoice = (action: string, params: Readonly<Record<string, number>>, cell: (key: string) => CellValue | undefined) => boolean;

export interface ScenarioStart {
  readonly cells: ReadonlyMap<string, CellValue>;
  readonly restrict: ScenarioChoice;
}

export function scenarioStart(init: SystemInit): ScenarioStart {
  const cells = System.create(init).project();
  const removals = new Set(init.removals.map((r) => `${r.h},${r.k}`));
  const lowestIdle = (cell: (key: string) => CellValue | undefined): number => {
    for (let k = 0; k < init.bounds.K; k++) if (cell(`chainPc[${k}]`) === "idle") return k;
    return -1;
  };
  const env = init.env;
  const restrict: ScenarioChoice = (action, p, cell) => {
    switch (action) {
      case "RemoveShape": return removals.has(`${p.h},${p.k}`);
      case "ConsumerSuspend": return env.suspend;
      case "ConsumerCrash": return env.crash && p.k === lowestIdle(cell);
      case "ConsumerSelfClean": return env.selfClean && p.k === lowestIdle(cell);
      case "ConsumerKill": return env.kill;
      case "SlcFail": return env.slcFail === true;
      case "CacheStartFail": return env.startFail === true && p.k === lowestIdle(cell);
      default: return true;
    }
  };
  return { cells, restrict };
}
