// A scenario as written in YAML (traces/scenarios/*.yaml), after validation.
import { escapeControls } from "../contract/escape.ts";
import type { Bounds, Variant } from "../contract/vocabulary.ts";
import type { EnvActions, ShapeInit } from "../impl/system.ts";

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly file: string;
  /** The scenario's own variant; the command line may override it. */
  readonly variant: Variant | undefined;
  readonly bounds: Bounds;
  readonly shapes: readonly ShapeInit[];
  readonly touches: readonly (readonly boolean[])[];
  readonly removals: readonly { readonly h: number; readonly k: number; readonly by: string }[];
  readonly env: EnvActions;
  readonly schedule: readonly string[] | undefined;
  readonly maxSteps: number;
}

export interface ScenarioError {
  readonly file: string;
  /** Dotted field path, e.g. `shapes[0].status`; empty for whole-file errors. */
  readonly field: string;
  readonly line: number | undefined;
  readonly message: string;
}

export function formatScenarioError(e: ScenarioError): string {
  const where = e.line !== undefined ? `${e.file}:${e.line}` : e.file;
  // the field path and message may quote the file's text: escape it for the terminal
  return escapeControls(e.field ? `${where}: ${e.field}: ${e.message}` : `${where}: ${e.message}`);
}
