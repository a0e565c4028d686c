// The trace JSON Schema (traces/schema/trace.schema.json, part of the public contract), compiled
// once with ajv and applied to every line. Absent schema: structural validation only.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import { PROJECT_ROOT } from "../../util/project-root.ts";
import { ajvMessage } from "../ajv-message.ts";
import { compileCells, type CellsValidator } from "./schema-cells.ts";
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
  const fast = fastBranches(ajv, schema);
  if (fast) {
    return ok((line: unknown) => {
      const kind = typeof line === "object" && line !== null ? (line as { kind?: unknown }).kind : undefined;
      const b = kind === "event" ? fast.event : kind === "header" ? fast.header : undefined;
      if (!b) return validate(line) ? undefined : `does not match ${name}: ${ajvMessage(validate.errors)}`;
      if (!b.rest(line)) return `does not match ${name}: ${ajvMessage(b.rest.errors)}`;
      const e = b.cells((line as Record<string, unknown>)[b.field], `/${b.field}`);
      return e ? `does not match ${name}: ${ajvMessage(e as never)}` : undefined;
    });
  }
  return ok((line: unknown) => {
    const kind = typeof line === "object" && line !== null ? (line as { kind?: unknown }).kind : undefined;
    const v = (typeof kind === "string" ? branch[kind] : undefined) ?? validate;
    return v(line) ? undefined : `does not match ${name}: ${ajvMessage(v.errors)}`;
  });
}

interface FastBranch {
  /** the branch with its cells field relaxed to "an object" */
  rest: ReturnType<Ajv["compile"]>;
  field: string;
  cells: CellsValidator;
}

/**
 * The header and event branches split in two: everything but the cell map (init, post) by
 * ajv's compiled code, the cell map by the memoised per-key validator (schema-cells.ts), which
 * gives ajv's verdict without running every cell pattern on every key of every line. Undefined
 * when the schema is not of that shape (then the whole schema is applied as it is).
 */
function fastBranches(ajv: Ajv, schema: unknown): { header: FastBranch; event: FastBranch } | undefined {
  const s = schema as { definitions?: Record<string, { properties?: Record<string, unknown> }>; oneOf?: unknown };
  const defs = s.definitions;
  if (!defs?.cells || !defs.header || !defs.event) return undefined;
  const refs = Array.isArray(s.oneOf) ? s.oneOf.map((x) => (x as { $ref?: unknown }).$ref) : [];
  if (refs.length !== 2 || !refs.includes("#/definitions/header") || !refs.includes("#/definitions/event")) return undefined;
  const cells = compileCells(ajv, defs.cells);
  if (!cells) return undefined;
  const split = (kind: "header" | "event", field: string): FastBranch | undefined => {
    const d = defs[kind]!;
    if ((d.properties?.[field] as { $ref?: unknown } | undefined)?.$ref !== "#/definitions/cells") return undefined;
    const relaxed = { ...s, oneOf: undefined, $id: undefined, definitions: { ...defs, [kind]: { ...d, properties: { ...d.properties, [field]: { type: "object" } } } } };
    delete relaxed.oneOf;
    delete relaxed.$id;
    try {
      return { rest: ajv.compile({ ...relaxed, $ref: `#/definitions/${kind}` }), field, cells };
    } catch {
      return undefined;
    }
  };
  const header = split("header", "init");
  const event = split("event", "post");
  return header && event ? { header, event } : undefined;
}
