// Every --json document has the same frame: `format` (name and version of the document) first,
// the command's own fields, then one closing `summary` of the same shape for every command, so
// a caller reads the verdict the same way everywhere.
import type { ExitCode } from "./exit-codes.ts";

export const JSON_VERSION = 1;

export interface JsonSummary {
  readonly ok: boolean;
  readonly exitCode: ExitCode;
  /** what was counted: "traces", "properties", "checks" */
  readonly unit: string;
  readonly passed: number;
  readonly failed: number;
}

export function jsonDoc(command: string, body: Record<string, unknown>, summary: JsonSummary): string {
  const { format: _f, summary: _s, ...rest } = body;
  return JSON.stringify({ format: `electric-race-${command}/${JSON_VERSION}`, ...rest, summary }, null, 2) + "\n";
}
