// The public trace schema as the checker applies it (src/contract/trace/schema.ts), for tests that
// validate records one by one. A missing or broken schema fails the importing suite.
import { fileURLToPath } from "node:url";
import { loadTraceSchema } from "../../src/contract/trace/schema.ts";

export const SCHEMA_PATH = fileURLToPath(new URL("../../traces/schema/trace.schema.json", import.meta.url));

const loaded = await loadTraceSchema(SCHEMA_PATH);
if (!loaded.ok) throw new Error(loaded.error);
if (loaded.value === undefined) throw new Error(`${SCHEMA_PATH}: the trace schema is missing`);
const validate = loaded.value;

/** Validate one record; the error list is empty when it is valid. */
export function validateRecord(record: unknown): string[] {
  const e = validate(record, 0);
  return e === undefined ? [] : [e];
}
