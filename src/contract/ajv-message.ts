// One line from ajv's error list, for messages that name what was expected where.
import type { ErrorObject } from "ajv";

/** Pick the most specific ajv error: the deepest path is nearest to the real mistake. */
export function ajvMessage(errors: readonly ErrorObject[] | null | undefined): string {
  if (!errors || errors.length === 0) return "invalid";
  const best = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0]!;
  const where = best.instancePath === "" ? "(top level)" : best.instancePath;
  const extra =
    best.keyword === "additionalProperties"
      ? ` '${String((best.params as { additionalProperty?: string }).additionalProperty)}'`
      : best.keyword === "enum" || best.keyword === "const"
        ? ` ${JSON.stringify((best.params as { allowedValues?: unknown; allowedValue?: unknown }).allowedValues ?? (best.params as { allowedValue?: unknown }).allowedValue)}`
        : "";
  return `${where}: ${best.message ?? best.keyword}${extra}`;
}
