// Loading the public trace schema and validating records with ajv.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import type { ValidateFunction } from "ajv";

export const SCHEMA_PATH = fileURLToPath(new URL("../../traces/schema/trace.schema.json", import.meta.url));

let cached: ValidateFunction | undefined;

export function traceValidator(): ValidateFunction {
  if (cached === undefined) {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as object;
    const ajv = new Ajv({ allErrors: true, strict: true });
    cached = ajv.compile(schema);
  }
  return cached;
}

/** Validate one record; returns a readable error list (empty when valid). */
export function validateRecord(record: unknown): string[] {
  const v = traceValidator();
  if (v(record)) return [];
  return (v.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "invalid"}`);
}
