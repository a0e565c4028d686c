// The explorer's counterexamples on the reproduction recipe, one diagram each, for the site.
// The explorer runs on the TypeScript implementation (not the rules), so these diagrams are the
// implementation's own story of each property it found violated; no verdict is read from them.
import { VARIANTS } from "../../contract/vocabulary.ts";
import { counterexampleDiagram } from "../../diagram/from-events.ts";
import type { Diagram } from "../../diagram/types.ts";
import { loadScenarioFile, toSystemInit } from "../../scenario/load.ts";
import { formatScenarioError } from "../../scenario/types.ts";
import { replayEvents } from "../../sched/counterexample.ts";
import { explore } from "../../sched/explorer.ts";
import { leanPropertiesFor } from "../../sched/lean-properties.ts";
import type { VerdictsDoc } from "../../contract/verdicts/types.ts";
import { ReportInputError } from "../collect.ts";
import type { DiagramSection } from "./model.ts";

/** The recipe's state space is small (about 120 states); this only bounds a changed scenario. */
const MAX_STATES = 200_000;

export function explorerSection(scenarioFile: string, displayName: string, verdicts: VerdictsDoc): DiagramSection {
  const loaded = loadScenarioFile(scenarioFile);
  if (!loaded.ok) throw new ReportInputError(loaded.errors.map(formatScenarioError).join("\n"));
  const diagrams: Diagram[] = [];
  const runs: string[] = [];
  for (const variant of VARIANTS) {
    const init = toSystemInit(loaded.scenario, variant);
    if (!init.ok) throw new ReportInputError(init.errors.map(formatScenarioError).join("\n"));
    const props = leanPropertiesFor(init.init, verdicts);
    if (!props.ok) throw new ReportInputError(props.error);
    const r = explore(init.init, { mode: "exhaustive", properties: props.value, maxStates: MAX_STATES, seed: 1, walks: 0, maxDepth: loaded.scenario.maxSteps });
    runs.push(`${variant}: ${r.states} states${r.complete ? "" : " (incomplete)"}`);
    for (const v of r.verdicts) {
      if (!v.shrunk) continue;
      const ev = replayEvents(init.init, v.shrunk.actions);
      diagrams.push({
        ...counterexampleDiagram(`explore-${variant}-${v.property}`, `${variant}: ${v.property}`, ev.init, ev.events, v.detail ?? v.property),
        note: `${props.value.description(v.property)}; shrunk to ${v.shrunk.actions.length} steps`,
      });
    }
  }
  return {
    title: "Explorer counterexamples (TypeScript implementation)",
    intro: `Exhaustive exploration of ${displayName} for every variant (${runs.join(", ")}); every property it found violated, shrunk, as the implementation's processes performed it.`,
    diagrams,
  };
}
