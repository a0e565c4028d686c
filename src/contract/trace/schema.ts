// The trace JSON Schema (traces/schema/trace.schema.json, part of the public contract), compiled
// once with ajv and applied to every line. Absent schema: structural validation only.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import { PROJECT_ROOT } from "../../util/project-root.ts";
import { ajvMessage } from "../ajv-message.ts";
import type { Result } from "../result.ts";
import { err, ok } from "../result.ts";

export const defaultSchemaPath = path.join(PROJECT_ROOT, "traces", "schema", "trace.schema.json");

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
  // The schema is a oneOf over header and event whose `kind` constants differ, so a line of a
  // known kind matches the schema iff it matches that branch: validating the branch alone gives
  // the same verdict without trying the other branch first (and clearer error paths).
  const branch: Record<string, ReturnType<Ajv["compile"]> | undefined> = {};
  try {
    validate = ajv.compile(schema as object);
    const s = schema as { $id?: unknown; definitions?: Record<string, unknown>; oneOf?: unknown };
    const refs = Array.isArray(s.oneOf) ? s.oneOf.map((x) => (x as { $ref?: unknown }).$ref) : [];
    const id = typeof s.$id === "string" ? s.$id : undefined;
    for (const kind of ["header", "event"])
      if (id && s.definitions?.[kind] && refs.includes(`#/definitions/${kind}`) && refs.length === 2)
        branch[kind] = ajv.compile({ $ref: `${id}#/definitions/${kind}` });
  } catch (e) {
    return err(`${file}: the trace schema does not compile: ${(e as Error).message}`);
  }
  const name = path.basename(file);
  return ok((line: unknown) => {
    const kind = typeof line === "object" && line !== null ? (line as { kind?: unknown }).kind : undefined;
    const v = (typeof kind === "string" ? branch[kind] : undefined) ?? validate;
    return v(line) ? undefined : `does not match ${name}: ${ajvMessage(v.errors)}`;
  });
}
