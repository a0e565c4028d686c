// Test-only: the explorer's property set for a system, from the committed rules and verdict
// export. A missing or bad file throws: a test that needs Lean's properties fails without them,
// it never skips.
import { loadVerdicts } from "../../src/contract/verdicts/load.ts";
import type { VerdictsDoc } from "../../src/contract/verdicts/types.ts";
import type { SystemInit } from "../../src/impl/system.ts";
import { leanPropertiesFor } from "../../src/sched/lean-properties.ts";
import type { PropertySet } from "../../src/sched/properties.ts";

export function committedVerdicts(): VerdictsDoc {
  const v = loadVerdicts();
  if (!v.ok) throw new Error(v.error);
  return v.value;
}

export function leanProperties(init: SystemInit, verdicts: VerdictsDoc = committedVerdicts()): PropertySet {
  const p = leanPropertiesFor(init, verdicts);
  if (!p.ok) throw new Error(p.error);
  return p.value;
}
