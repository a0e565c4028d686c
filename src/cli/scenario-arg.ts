// The scenario argument shared by simulate and explore: load the YAML, pick the variant
// (--variant, else the scenario's own, else PreFix) and build the initial system. Errors are
// printed here, one per bad field, and reported as `undefined`.
import type { SystemInit } from "../impl/system.ts";
import type { Variant } from "../contract/vocabulary.ts";
import { loadScenarioFile, toSystemInit } from "../scenario/load.ts";
import { formatScenarioError, type Scenario } from "../scenario/types.ts";

export interface LoadedScenario {
  scenario: Scenario;
  variant: Variant;
  init: SystemInit;
}

export function loadScenarioArg(file: string, variantArg: Variant | undefined): LoadedScenario | undefined {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) {
    for (const e of loaded.errors) console.error(formatScenarioError(e));
    return undefined;
  }
  const variant: Variant = variantArg ?? loaded.scenario.variant ?? "PreFix";
  const init = toSystemInit(loaded.scenario, variant);
  if (!init.ok) {
    for (const e of init.errors) console.error(formatScenarioError(e));
    return undefined;
  }
  return { scenario: loaded.scenario, variant, init: init.init };
}
