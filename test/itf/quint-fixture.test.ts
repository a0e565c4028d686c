// The ITF that Quint 0.33 itself writes (test/fixtures/quint, from prefix.qnt): it checks
// against the PreFix rules with nothing but the variant given, and it round-trips through our
// export with Quint's record shapes.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RulesCache, defaultRulesDir } from "../../src/checker/rules.ts";
import { checkItfText } from "../../src/itf/check.ts";
import { importItf, inferBounds } from "../../src/itf/import.ts";
import { toItf } from "../../src/itf/export.ts";
import { here } from "../checker/helpers.ts";

const dir = path.join(here, "..", "fixtures", "quint");
const files = readdirSync(dir).filter((f) => f.endsWith(".itf.json")).sort();
const rules = () => new RulesCache(defaultRulesDir);
type Itf = { "#meta": Record<string, unknown>; vars: string[]; states: Record<string, unknown>[] };
const read = (f: string): Itf => JSON.parse(readFileSync(path.join(dir, f), "utf8"));

describe("Quint 0.33 ITF fixtures", () => {
  it("are the three committed traces, each written by Quint with --mbt and no variant", () => {
    expect(files).toEqual(["prefix-orphan-delivery.itf.json", "prefix-random-seed7.itf.json", "prefix-sendnil-crash.itf.json"]);
    for (const f of files) {
      const d = read(f);
      expect(d["#meta"].source).toBe("prefix.qnt");
      expect(d["#meta"].variant).toBeUndefined();
      expect(d.vars).toContain("mbt::nondetPicks");
      expect(d.states[1]!.router).toHaveProperty("#set");
    }
  });

  // prefix.qnt restates the PreFix rules as they were before the consumer's start re-read
  // ShapeStatus (electric.md §5b): its orphan trace starts a consumer after the removal, which
  // the PreFix rules now refuse (the start raises instead). Quint cannot run here to regenerate.
  const accepted = files.filter((f) => f !== "prefix-orphan-delivery.itf.json");
  // prefix.qnt also predates the cleanup tasks' placement (electric.md §3.7): its crash keeps a
  // removal in progress, which the PreFix rules (before ba6dd2c7d) kill. Each trace agrees with the
  // rules up to that crash (state index below), and is refused there, naming the chain's cell.
  const oldCrash: Record<string, number> = { "prefix-random-seed7.itf.json": 7, "prefix-sendnil-crash.itf.json": 5 };
  const prefixOf = (f: string): Itf => {
    const d = read(f);
    return { ...d, states: d.states.slice(0, oldCrash[f]) };
  };
  it.each(accepted)("%s is refused at the first crash with a removal in progress, where the older spec keeps the chain", async (f) => {
    const r = await checkItfText(readFileSync(path.join(dir, f), "utf8"), f, { rules: rules(), variant: "PreFix" });
    expect(r.ok).toBe(false);
    expect(r.divergence?.message).toBe('SlcFail: observed post differs from the rule\'s successor on chainPc[0] (expected "aborted", observed "status")');
    expect(r.events).toBe(oldCrash[f]! - 1);
  });
  it("the orphan-delivery trace of the older PreFix spec is refused at the start, by the re-read guard", async () => {
    const f = "prefix-orphan-delivery.itf.json";
    const r = await checkItfText(readFileSync(path.join(dir, f), "utf8"), f, { rules: rules(), variant: "PreFix" });
    expect(r.ok).toBe(false);
    expect(r.divergence?.message).toBe("CacheStart is not enabled: guard conjunct 'shape_still_present' is false in the reconstructed state");
  });

  it.each(accepted)("%s, up to that crash, checks against the PreFix rules with only the variant given", async (f) => {
    const r = await checkItfText(JSON.stringify(prefixOf(f)), f, { rules: rules(), variant: "PreFix" });
    expect(r.divergence?.message).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.events).toBe(oldCrash[f]! - 1);
    expect(r.warnings).toContain("bounds inferred from state 0: H=1,T=1,C=1,K=1");
  });

  it("variables the fixtures predate (undeliverable, scChain) take the rules' default, with a warning", async () => {
    const f = accepted[0]!;
    const rd = await rules().doc("PreFix");
    if (!rd.ok) throw new Error(rd.error);
    const d = prefixOf(f);
    const missing = rd.value.variables.filter((v) => !(v.name in d.states[0]!));
    expect(missing.map((v) => v.name)).toEqual(["undeliverable", "scChain"]);
    const r = await importItf(d, f, { rules: rules(), variant: "PreFix" });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.header.init["scChain"]).toBe(-1);
    for (const v of missing) for (const [k, x] of Object.entries(r.value.header.init)) if (k.replace(/\[.*$/, "") === v.name) expect(x, k).toBe(v.default);
    expect(r.value.warnings.join("\n")).toMatch(/absent from the ITF states were taken as the variable's default/);
  });

  it("without a variant: a usage error that says what is missing", async () => {
    const f = files[0]!;
    const r = await checkItfText(readFileSync(path.join(dir, f), "utf8"), f, { rules: rules() });
    expect(r.ok).toBe(false);
    expect(r.divergence?.kind).toBe("usage");
    expect(r.divergence?.message).toMatch(/'#meta' has no 'variant'.*--variant/);
  });

  it("infers T from a #set of (txn, handle) tuples, the only txn-indexed variable", async () => {
    const rd = await rules().doc("PreFix");
    if (!rd.ok) throw new Error(rd.error);
    const st = new Map<string, unknown>([["touches", { "#set": [{ "#tup": [{ "#bigint": "2" }, { "#bigint": "0" }] }] }], ["router", { "#set": [{ "#bigint": "1" }] }]]);
    expect(inferBounds(rd.value, st)).toEqual({ T: 3, H: 2, C: 0, K: 0 });
  });

  it("a failure after inference names the inferred bounds", async () => {
    const d = read(files[0]!);
    d.states[0]!.touches = { "#set": [] }; // T inferred 0: every txn index is outside
    d.states[1]!.touches = { "#set": [{ "#tup": [{ "#bigint": "0" }, { "#bigint": "0" }] }] };
    const r = await checkItfText(JSON.stringify(d), "x.itf.json", { rules: rules(), variant: "PreFix" });
    expect(r.divergence?.message).toMatch(/outside its domain txn = 0\.\.-1 \(bounds inferred from state 0: .*T=0.*; pass --bounds/);
  });

  it.each(accepted)("%s, up to that crash, round-trips: our export has Quint's MBT record shapes and string #meta, and re-imports to the same trace", async (f) => {
    const q = prefixOf(f);
    const imp = await importItf(q, f, { rules: rules(), variant: "PreFix" });
    if (!imp.ok) throw new Error(imp.error.message);
    const rd = await rules().doc("PreFix");
    if (!rd.ok) throw new Error(rd.error);
    const names = rd.value.actions.flatMap((a) => a.params.map((p) => p.name));
    const ours = JSON.parse(JSON.stringify(toItf(imp.value.header, imp.value.events, f, names))) as Itf;
    expect(ours.states.length).toBe(q.states.length);
    // Quint writes every nondet name in every state, None when unused: so do we, state by state.
    ours.states.forEach((s, i) => {
      expect(s["mbt::actionTaken"]).toEqual(q.states[i]!["mbt::actionTaken"]);
      expect(s["mbt::nondetPicks"]).toEqual(q.states[i]!["mbt::nondetPicks"]);
      expect(s.params).toEqual(q.states[i]!["mbt::nondetPicks"]);
    });
    for (const [k, v] of Object.entries(ours["#meta"])) expect([k, typeof v]).toEqual([k, "string"]);
    expect(ours["#meta"].bounds).toBe("H=1,T=1,C=1,K=1");
    const back = await importItf(ours, "ours.itf.json", { rules: rules() });
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.header.bounds).toEqual(imp.value.header.bounds);
    expect(back.value.header.init).toEqual(imp.value.header.init);
    expect(back.value.events).toEqual(imp.value.events.map((e) => ({ ...e, outcome: e.outcome })));
    const r = await checkItfText(JSON.stringify(ours), "ours.itf.json", { rules: rules() });
    expect(r.divergence?.message).toBeUndefined();
  });
});
