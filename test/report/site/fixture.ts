// A small but complete site model (from fixtures/verdicts.json and the hand-written PreFix
// crash diagram), for the writer's tests and the browser test.
import { readFileSync } from "node:fs";
import type { SiteModel, TheoremView } from "../../../src/report/site/model.ts";
import { parseVerdicts, verdictMatrix, type VerdictsDoc } from "../../../src/report/site/verdicts.ts";
import { prefixCrash } from "../../diagram/steps.ts";

export const VERDICTS_FIXTURE = new URL("./fixtures/verdicts.json", import.meta.url);

export function fixtureVerdicts(): VerdictsDoc {
  const r = parseVerdicts(JSON.parse(readFileSync(VERDICTS_FIXTURE, "utf8")), "fixtures/verdicts.json");
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

export const VARIANTS = ["PreFix", "FixA", "FixB"];

export function fixtureModel(): SiteModel {
  const doc = fixtureVerdicts();
  const theorems: TheoremView[] = doc.theorems.map((t) => ({
    name: t.name, module: t.module, variant: t.variant, property: t.property, properties: t.property ? [t.property] : [], kind: t.kind, bounds: t.bounds,
    assumptions: t.assumptions, claim: t.claim, status: "checked",
    axioms: ["propext", "Quot.sound"], bodyless: ["Nat.rec"], denied: [],
    docstring: `${t.claim} (docstring)`,
    statement: { file: "lean/ElectricRace/Thm/Witness.lean", line: 12, text: `/-- ${t.claim} -/\ntheorem ${t.name.split(".").pop()} : ∃ s, Reachable s ∧ s.crashCause = .sendNil := …` },
    rules: [{
      variant: "PreFix", action: "CleanerStatus", process: "cleaner", params: [{ name: "k", domain: "chain" }],
      guards: [{ name: "at_status", expr: { op: "eq", args: [{ cell: "chainPc", idx: [{ param: "k" }] }, { lit: "status" }] } }],
      effects: [{ set: "chainPc", idx: [{ param: "k" }], value: { lit: "stop" } }],
    }],
    code: [{ action: "CleanerStatus", sites: [{ file: "src/impl/shapeCleaner.ts", line: 40, text: 'this.step("CleanerStatus", () => status.remove(h));' }] }],
    traces: [{ file: "traces/prefix-crash.ndjson", variant: "PreFix", ok: true, events: 9, detail: "conforms (9 events)" }],
    witness: t.kind === "witness" ? { ...prefixCrash, id: `witness-${t.name}` } : null,
  }));
  return {
    title: "Electric shape-removal race: audit",
    provenance: ["fixture model"],
    proofOk: true,
    variants: VARIANTS,
    properties: doc.properties,
    matrix: verdictMatrix(doc, VARIANTS),
    theorems,
    coverage: [{
      variant: "PreFix", traces: 2, events: 18,
      rules: [
        { action: "RemoveShape", fired: 2, guards: [{ name: "slot_idle", exercised: true }, { name: "shape_present", exercised: true }] },
        { action: "SlcRestart", fired: 0, guards: [{ name: "slc_down", exercised: false }] },
      ],
    }],
    traces: [{ file: "traces/prefix-crash.ndjson", variant: "PreFix", ok: true, events: 9, detail: "conforms (9 events)" }],
    sections: [{ title: "Explorer counterexamples", intro: "shrunk schedules", diagrams: [prefixCrash] }],
    sources: [{ file: "src/impl/shapeCleaner.ts", text: "line 1\n<two>\n" }],
  };
}
