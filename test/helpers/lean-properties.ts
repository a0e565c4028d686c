// Test-only: the explorer's property set for a system, from the committed rules and verdict
// export (the CLI builds the same thing asynchronously). A missing or bad file throws: a test
// that needs Lean's properties fails without them, it never skips.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseRules, defaultRulesDir } from "../../src/checker/rules.ts";
import { loadVerdicts } from "../../src/contract/verdicts/load.ts";
import type { VerdictsDoc } from "../../src/contract/verdicts/types.ts";
import type { SystemInit } from "../../src/impl/system.ts";
import { propertySet, type PropertySet } from "../../src/sched/properties.ts";

export function committedVerdicts(): VerdictsDoc {
  const v = loadVerdicts();
  if (!v.ok) throw new Error(v.error);
  return v.value;
}

export function leanProperties(init: SystemInit, verdicts: VerdictsDoc = committedVerdicts()): PropertySet {
  const file = path.join(defaultRulesDir, `${init.variant}.json`);
  const rules = parseRules(JSON.parse(readFileSync(file, "utf8")), file);
  if (!rules.ok) throw new Error(rules.error);
  const p = propertySet(rules.value, verdicts, init.variant, init.bounds);
  if (!p.ok) throw new Error(p.error);
  return p.value;
}
