// The interpreter's semantics, node by node, on tiny inline rules documents.
import { describe, expect, it } from "vitest";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { bindEnv, compileModel, failedGuards, successor } from "../../src/checker/interp.ts";
import { parseRules, readRulesFile } from "../../src/checker/rules.ts";
import type { Effect, Expr, RulesDoc } from "../../src/contract/rules/types.ts";
import { canonicalJson, rulesFingerprint } from "../../src/contract/rules/fingerprint.ts";

function doc(guards: { name: string; expr: Expr }[], effects: Effect[]): RulesDoc {
  return {
    format: "electric-race-rules/2", variant: "T", bounds: { H: 2 }, domains: { handle: "H" },
    variables: [
      { name: "a", index: ["handle"], type: { int: [-1, 9] }, default: 7 },
      { name: "b", index: [], type: { int: [0, 9] }, default: 0 },
      { name: "m", index: ["handle", "handle"], type: { bool: true }, default: false },
    ],
    init: [], invariants: [],
    actions: [{ name: "X", process: "p", processParam: null, outcome: "ok", params: [{ name: "h", domain: "handle" }], guards, effects, theorems: [] }],
  };
}
const p = (n: string): Expr => ({ param: n });
const lit = (v: number | boolean | string): Expr => ({ lit: v });
const a = (i: Expr): Expr => ({ cell: "a", idx: [i] });
const b: Expr = { cell: "b", idx: [] };

function run(d: RulesDoc, state: (number | boolean)[], h: number) {
  const m = compileModel(d, { H: 2 });
  if (!m.ok) throw new Error(m.error);
  const x = m.value.actions.get("X")!;
  const env = bindEnv(x, { h });
  return { failed: failedGuards(x, state, env), post: successor(x, state, env), layout: m.value.layout };
}

// state layout: a[0], a[1], b, m[0][0], m[0][1], m[1][0], m[1][1]
const S = [1, 2, 3, false, true, false, false];

describe("interpreter semantics (contracts.md section 2)", () => {
  it("lays cells out in declaration order, row-major", () => {
    expect(run(doc([], []), S, 0).layout.keys).toEqual(["a[0]", "a[1]", "b", "m[0][0]", "m[0][1]", "m[1][0]", "m[1][1]"]);
  });
  it("evaluates every effect in the pre-state (a swap works)", () => {
    const r = run(doc([], [{ set: "a", idx: [lit(0)], value: a(lit(1)) }, { set: "a", idx: [lit(1)], value: a(lit(0)) }]), S, 0);
    expect(r.post.slice(0, 2)).toEqual([2, 1]);
  });
  it("applies assignments in document order: the later write to a cell wins", () => {
    const r = run(doc([], [{ set: "b", idx: [], value: lit(5) }, { set: "b", idx: [], value: { op: "add", args: [b, lit(1)] } }]), S, 0);
    expect(r.post[2]).toBe(4); // pre b=3, +1; not 5+1
  });
  it("reads the default out of domain and makes out-of-domain writes no-ops", () => {
    const r = run(doc([{ name: "dflt", expr: { op: "eq", args: [a(lit(-1)), lit(7)] } }, { name: "hi", expr: { op: "eq", args: [a(lit(2)), lit(7)] } }],
      [{ set: "a", idx: [lit(-1)], value: lit(0) }, { set: "a", idx: [lit(5)], value: lit(0) }]), S, 0);
    expect(r.failed).toEqual([]);
    expect(r.post).toEqual(S);
  });
  it("quantifies over 0..bound-1 and binds nested variables", () => {
    const some = { any: "x", domain: "handle", body: { any: "y", domain: "handle", body: { cell: "m", idx: [p("x"), p("y")] } } } as Expr;
    const every = { all: "x", domain: "handle", body: { op: "lt", args: [a(p("x")), lit(3)] } } as Expr;
    const none = { all: "x", domain: "handle", body: { op: "le", args: [a(p("x")), lit(1)] } } as Expr;
    expect(run(doc([{ name: "some", expr: some }, { name: "every", expr: every }, { name: "none", expr: none }], []), S, 0).failed).toEqual(["none"]);
  });
  it("each/if/ite/not/or/ne/sub behave", () => {
    const eff: Effect[] = [{
      each: "x", domain: "handle",
      do: [{ if: { op: "ne", args: [p("x"), p("h")] }, then: [{ set: "a", idx: [p("x")], value: { op: "sub", args: [lit(0), a(p("x"))] } }], else: [{ set: "a", idx: [p("x")], value: { op: "ite", args: [{ op: "not", args: [{ op: "or", args: [] }] }, lit(9), lit(8)] } }] }],
    }];
    expect(run(doc([], eff), S, 1).post.slice(0, 2)).toEqual([-1, 9]);
  });
  it("an empty and is true, an empty or is false", () => {
    expect(run(doc([{ name: "t", expr: { op: "and", args: [] } }, { name: "f", expr: { op: "or", args: [] } }], []), S, 0).failed).toEqual(["f"]);
  });
  it("rejects unknown variables and arity errors at compile time, with a path", () => {
    const bad = compileModel(doc([{ name: "g", expr: { cell: "nope", idx: [] } }], []), { H: 2 });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/actions\[0\] \(X\)\.guards\[0\] \(g\): unknown variable 'nope'/);
    const bad2 = compileModel(doc([{ name: "g", expr: { cell: "a", idx: [] } }], []), { H: 2 });
    expect(!bad2.ok && bad2.error).toMatch(/takes 1 index/);
    const bad3 = compileModel(doc([{ name: "g", expr: { param: "zz" } }], []), { H: 2 });
    expect(!bad3.ok && bad3.error).toMatch(/unbound parameter 'zz'/);
  });
});

describe("rules loading", () => {
  it("names the file and the place of a malformed rules document", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "rules-"));
    const f = path.join(dir, "Bad.json");
    await writeFile(f, "{not json");
    const r1 = await readRulesFile(f);
    expect(!r1.ok && r1.error).toMatch(/Bad\.json: malformed JSON/);
    const d = doc([{ name: "g", expr: { op: "xor", args: [] } as unknown as Expr }], []);
    await writeFile(f, JSON.stringify(d));
    const r2 = await readRulesFile(f);
    expect(!r2.ok && r2.error).toMatch(/Bad\.json: not a valid rules export: \/actions\/0\/guards\/0\/expr/);
    const r3 = await readRulesFile(path.join(dir, "Missing.json"));
    expect(!r3.ok && r3.error).toMatch(/Missing\.json: rules file not found \(run `npm run prove`/);
    expect(parseRules({ format: "other" }, "x.json").ok).toBe(false);
  });
  it("fingerprints ignore key order and the two hash fields", () => {
    const d = doc([], []);
    const shuffled = { ...Object.fromEntries(Object.entries(d).reverse()), sourceSha256: "x", rulesFingerprint: "y" };
    expect(rulesFingerprint(shuffled)).toBe(rulesFingerprint(d));
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: "x" }] })).toBe('{"a":[{"c":"x","d":1}],"b":1}');
    expect(rulesFingerprint({ ...d, variant: "U" })).not.toBe(rulesFingerprint(d));
  });
});
