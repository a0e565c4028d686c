// The explorer's property set for a system, read synchronously from the committed rules and
// Lean's verdict export (lean/rules/). A missing or bad file is an error value, never a skip.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseRules, defaultRulesDir } from "../checker/rules.ts";
import type { VerdictsDoc } from "../contract/verdicts/types.ts";
import type { Result } from "../contract/result.ts";
import type { SystemInit } from "../impl/system.ts";
import { propertySet, type PropertySet } from "./properties.ts";

export function leanPropertiesFor(init: SystemInit, verdicts: VerdictsDoc, rulesDir: string = defaultRulesDir): Result<PropertySet, string> {
  const file = path.join(rulesDir, `${init.variant}.json`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return { ok: false, error: `cannot read ${file}: ${(e as Error).message}` };
  }
  const rules = parseRules(json, file);
  if (!rules.ok) return rules;
  return propertySet(rules.value, verdicts, init.variant, init.bounds);
}
