// The trace JSON Schema (traces/schema/trace.schema.json, owned by the implementation), compiled
// once with ajv and applied to every line. Absent schema: structural validation only.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import { ajvMessage, repoRoot } from "./rules.ts";
import type { Result } from "./types.ts";
import { err, ok } from "./types.ts";

export const defaultSchemaPath = path.join(repoRoot, "traces", "schema", "trace.schema.json");

/** Validates one parsed line; returns an error message or undefined. */
export type LineValidator = (line: unknown, lineNo: number) => string | undefined;

export async function loadTraceSchema(file: string = defaultSchemaPath): Promise<Result<LineValidator | undefined>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return ok(undefined);
    return err(`${file}: ${(e as Error).message}`);
  }
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (e) {
    return err(`${file}: malformed JSON: ${(e as Error).message}`);
  }
  if (typeof schema !== "object" || schema === null) return err(`${file}: not a JSON Schema object`);
  const dialect = String((schema as { $schema?: unknown }).$schema ?? "");
  const opts = { allErrors: false, strict: false, validateFormats: false };
  const ajv = dialect.includes("2020-12") ? new Ajv2020(opts) : dialect.includes("2019-09") ? new Ajv2019(opts) : new Ajv(opts);
  let validate: ReturnType<Ajv["compile"]>;
  try {
    validate = ajv.compile(schema as object);
  } catch (e) {
    return err(`${file}: the trace schema does not compile: ${(e as Error).message}`);
  }
  return ok((line: unknown) => (validate(line) ? undefined : `does not match ${path.basename(file)}: ${ajvMessage(validate.errors)}`));
}
