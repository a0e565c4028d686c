// The loader types every rule expression (the TypeScript mirror of Lean's `rules_wellTyped`):
// a document that compares members of two enums, or carries an untagged enum literal, is
// refused with the action and guard named; the real exports all type-check.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/checker/interp.ts";
import { defaultRulesDir, parseRules } from "../../src/checker/rules.ts";
import { typecheckRules } from "../../src/checker/typing.ts";
import type { RulesDoc } from "../../src/contract/rules/types.ts";

const VARIANTS = ["PreFix", "FixA", "FixA2", "FixB", "FixC", "SerializedRemoval"];

function real(variant: string): RulesDoc {
  const file = path.join(defaultRulesDir, `${variant}.json`);
  const r = parseRules(JSON.parse(readFileSync(file, "utf8")), file);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** A deep copy with the first occurrence of `from` (as JSON text) replaced by `to`. */
function edit(d: RulesDoc, from: string, to: string): RulesDoc {
  const text = JSON.stringify(d);
  if (!text.includes(from)) throw new Error(`not in the document: ${from}`);
  return JSON.parse(text.replace(from, to)) as RulesDoc;
}

describe("rules typing", () => {
  it("every exported variant is well typed and tags every enum literal", () => {
    for (const v of VARIANTS) {
      const d = real(v);
      expect(typecheckRules(d), v).toEqual({ ok: true, value: undefined });
      const text = JSON.stringify(d);
      expect(text.match(/\{"enum":"[A-Za-z]+","lit":"[^"]*"\}/g)?.length ?? 0, v).toBeGreaterThan(0);
      expect(text.match(/\{"lit":"[^"]*"\}/g) ?? [], v).toEqual([]);
    }
  });

  it("refuses a comparison of a ShapeStatus value with a storage value, naming action and guard", () => {
    // CleanerStatus's guard compares chainPc with a pc literal; make it a ShapeStatus "absent"
    // compared with storage: both enums have "absent", a string comparison could not tell.
    const d = edit(real("FixA"), '{"args":[{"cell":"status","idx":[{"cell":"chainHandle","idx":[{"param":"k"}]}]},{"enum":"status","lit":"present"}]',
      '{"args":[{"cell":"status","idx":[{"cell":"chainHandle","idx":[{"param":"k"}]}]},{"enum":"storage","lit":"present"}]');
    const r = compileModel(d, d.bounds);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^ill-typed rules: actions\[\d+\] \(CleanerStatus\)\.effects\[0\]\.if: 'eq' compares enum status with enum storage$/);
  });

  it("refuses an untagged enum literal, an unknown member, and a guard that is not boolean", () => {
    const base = real("FixA2");
    const untagged = edit(base, '{"enum":"pc","lit":"status"}', '{"lit":"status"}');
    expect(typecheckRules(untagged)).toEqual({ ok: false, error: expect.stringMatching(/actions\[\d+\] \(\w+\)\.[a-z]+\[\d+\].*string literal "status" carries no enum type/) });
    const member = edit(base, '{"enum":"pc","lit":"status"}', '{"enum":"pc","lit":"gone"}');
    expect(typecheckRules(member)).toEqual({ ok: false, error: expect.stringMatching(/"gone" is not a member of enum pc/) });
    const g = base.actions.findIndex((a) => a.name === "TxnArrive");
    const notBool = structuredClone(base);
    notBool.actions[g]!.guards[0]!.expr = { cell: "unacked", idx: [] };
    expect(typecheckRules(notBool)).toEqual({ ok: false, error: `ill-typed rules: actions[${g}] (TxnArrive).guards[0] (no_unacked): must be bool, got int` });
  });

  it("refuses an assignment of another kind and a process parameter the action does not have", () => {
    const base = real("PreFix");
    const a = base.actions.findIndex((x) => x.name === "ConsumerKill");
    const wrong = structuredClone(base);
    wrong.actions[a]!.effects[0] = { set: "cons", idx: [{ param: "c" }], value: { lit: "dead_killed", enum: "pc" } };
    expect(typecheckRules(wrong).ok).toBe(false);
    const proc = structuredClone(base);
    proc.actions[a]!.processParam = "k";
    expect(typecheckRules(proc)).toEqual({ ok: false, error: expect.stringMatching(/\(ConsumerKill\): processParam 'k' is not a parameter of the action \(c\)/) });
  });
});

describe("no TypeScript restates the rules' crash or process declarations", () => {
  it("checker and ITF code never name the collector's down state or a process by hand", () => {
    const hits: string[] = [];
    for (const dir of ["src/checker", "src/itf"])
      for (const f of readdirSync(dir).filter((n) => n.endsWith(".ts")))
        readFileSync(path.join(dir, f), "utf8").split("\n").forEach((l, i) => {
          if (/["'](down|cleaner|consumer)["']/.test(l.replace(/\/\/.*$/, ""))) hits.push(`${dir}/${f}:${i + 1}: ${l.trim()}`);
        });
    expect(hits).toEqual([]);
  });
});
