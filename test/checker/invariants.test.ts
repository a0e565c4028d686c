// The checker evaluates every exported invariant on every reconstructed state. A trace that
// reaches a state violating one is rejected, naming the invariant and the theorem that claims it.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalJson, rulesFingerprint } from "../../src/contract/rules/fingerprint.ts";
import { RulesCache } from "../../src/checker/rules.ts";
import type { RulesDoc } from "../../src/contract/rules/types.ts";
import { checkLines, fixtureRulesDir, genTrace } from "./helpers.ts";

/** ToyPreFix with one more (false) invariant: no handle ever resolves to nil. */
function forgedRules(more: (d: RulesDoc) => void = () => {}): RulesCache {
  const d = JSON.parse(readFileSync(path.join(fixtureRulesDir, "ToyPreFix.json"), "utf8")) as RulesDoc;
  d.invariants.push({
    name: "never_nil",
    expr: { all: "x", domain: "handle", body: { op: "ne", args: [{ cell: "pub", idx: [{ param: "x" }] }, { lit: "nil", enum: "pub" }] } },
    theorems: ["Toy.forged_never_nil"],
  });
  more(d);
  const { rulesFingerprint: _f, ...rest } = d;
  const dir = mkdtempSync(path.join(os.tmpdir(), "inv-"));
  writeFileSync(path.join(dir, "ToyPreFix.json"), canonicalJson({ ...rest, rulesFingerprint: rulesFingerprint(rest) }) + "\n");
  return new RulesCache(dir);
}

describe("invariants on every reconstructed state", () => {
  it("rejects the first state that violates an invariant, naming it and its theorem", async () => {
    const rules = forgedRules();
    const m = await rules.model("ToyPreFix", { H: 2, C: 2, T: 2 });
    if (!m.ok) throw new Error(m.error);
    // a random walk of the rules that resolves a handle to nil (no consumer registered)
    let lines: string[] | undefined;
    for (let seed = 1; seed <= 50 && lines === undefined; seed++) {
      const ls = genTrace(m.value, seed);
      if (ls.some((l) => l.includes('"pub[0]":"nil"') || l.includes('"pub[1]":"nil"'))) lines = ls;
    }
    if (lines === undefined) throw new Error("no walk of 50 resolves to nil");
    const bad = lines.findIndex((l) => l.includes('"pub[0]":"nil"') || l.includes('"pub[1]":"nil"')) + 1;
    const d = (await checkLines(lines, { rules })).divergence;
    expect([d?.kind, d?.line]).toEqual(["invariant", bad]);
    expect(d?.message).toMatch(/violates invariant 'never_nil', proved in Lean by Toy\.forged_never_nil/);
    expect(d?.theorems).toEqual(["Toy.forged_never_nil"]);
  });

  it("checks the header's init state too", async () => {
    // a second forged invariant that the toy's initial state (routed shapes) already violates
    const rules = forgedRules((d) => d.invariants.push({ name: "nothing_routed", expr: { all: "x", domain: "handle", body: { op: "not", args: [{ cell: "router", idx: [{ param: "x" }] }] } }, theorems: ["Toy.forged_nothing_routed"] }));
    const m = await rules.model("ToyPreFix", { H: 2, C: 2, T: 2 });
    if (!m.ok) throw new Error(m.error);
    const d = (await checkLines(genTrace(m.value, 1), { rules })).divergence;
    expect([d?.kind, d?.line]).toEqual(["invariant", 1]);
    expect(d?.message).toMatch(/^init violates invariant 'nothing_routed' \(proved in Lean by Toy\.forged_nothing_routed\)/);
  });
});
