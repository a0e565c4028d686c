// The interpreter against Lean's exported transition table: for every (state, binding) of the
// table, enabled => the same successor, disabled => the same failed guard names. Also: the
// committed rules must have been exported from the current Lean sources.
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { bindEnv, bindings, compileModel, failedGuards, successor, type Model } from "../../src/checker/interp.ts";
import { parseRules, repoRoot } from "../../src/checker/rules.ts";
import { rulesFingerprint } from "../../src/contract/rules/fingerprint.ts";
import { leanSourcesSha256 } from "../../src/prover/lean-sources.ts";
import { stateToRecord } from "../../src/checker/layout.ts";
import type { Scalar } from "../../src/contract/rules/types.ts";
import { fixtureRulesDir } from "./helpers.ts";
import { VARIANTS } from "../../src/contract/vocabulary.ts";
import { isVariantRulesFile } from "../../src/prover/rules-export.ts";

const leanRules = path.join(repoRoot, "lean", "rules");

interface TableRow { from: number; action: string; params: Record<string, number>; to?: number; failed?: string[] }
interface Table { variant: string; bounds: Record<string, number>; states: Record<string, Scalar>[]; transitions: TableRow[] }

function tables(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith(".table.json")).map((f) => path.join(dir, f));
}

function toState(m: Model, cells: Record<string, Scalar>, where: string): Scalar[] {
  const s = new Array<Scalar>(m.layout.size);
  for (const [k, v] of Object.entries(cells)) {
    const slot = m.layout.slotOf.get(k);
    if (slot === undefined) throw new Error(`${where}: unknown cell ${k}`);
    s[slot] = v;
  }
  const missing = m.layout.keys.filter((_, i) => s[i] === undefined);
  if (missing.length) throw new Error(`${where}: missing cells ${missing.join(", ")}`);
  return s;
}

function checkTable(file: string, complete: boolean): { rows: number; mismatches: string[] } {
  const table = JSON.parse(readFileSync(file, "utf8")) as Table;
  const rulesFile = file.replace(/\.table\.json$/, ".json");
  const rd = parseRules(JSON.parse(readFileSync(rulesFile, "utf8")), rulesFile);
  if (!rd.ok) throw new Error(rd.error);
  const cm = compileModel(rd.value, table.bounds ?? rd.value.bounds);
  if (!cm.ok) throw new Error(cm.error);
  const m = cm.value;
  const states = table.states.map((c, i) => toState(m, c, `${file} states[${i}]`));
  const mismatches: string[] = [];
  const seen = new Set<string>();
  for (const [i, row] of table.transitions.entries()) {
    const a = m.actions.get(row.action);
    const where = `${path.basename(file)} transitions[${i}] ${row.action}${JSON.stringify(row.params)} from state ${row.from}`;
    if (!a) { mismatches.push(`${where}: action unknown to the rules`); continue; }
    seen.add(`${row.from} ${row.action} ${JSON.stringify(row.params)}`);
    const s = states[row.from]!;
    const env = bindEnv(a, row.params);
    const failed = failedGuards(a, s, env);
    if (row.to !== undefined) {
      if (failed.length) { mismatches.push(`${where}: Lean says enabled, interpreter says guards ${failed.join(", ")} fail`); continue; }
      const post = successor(a, s, env);
      const exp = states[row.to]!;
      const diff = m.layout.keys.filter((_, k) => post[k] !== exp[k]);
      if (diff.length) mismatches.push(`${where}: successor differs on ${diff.map((k) => `${k} (Lean ${JSON.stringify(exp[m.layout.slotOf.get(k)!])}, interpreter ${JSON.stringify(post[m.layout.slotOf.get(k)!])})`).join(", ")}`);
    } else if (JSON.stringify(failed) !== JSON.stringify(row.failed ?? [])) {
      mismatches.push(`${where}: Lean says failed ${JSON.stringify(row.failed)}, interpreter ${JSON.stringify(failed)}`);
    }
  }
  if (complete) // every (state, binding) pair must be in the table
    states.forEach((_, si) => {
      for (const a of m.actions.values())
        for (const b of bindings(a))
          if (!seen.has(`${si} ${a.rule.name} ${JSON.stringify(b)}`)) mismatches.push(`${path.basename(file)}: no row for state ${si} ${a.rule.name}${JSON.stringify(b)} (${JSON.stringify(stateToRecord(m.layout, states[si]!))})`);
    });
  return { rows: table.transitions.length, mismatches };
}

describe("interpreter vs transition table", () => {
  it("agrees with the hand-computed toy table (fixture)", () => {
    const files = tables(fixtureRulesDir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(checkTable(f, false).mismatches).toEqual([]);
  });
  const real = tables(leanRules);
  it("Lean exported one table per variant", () => {
    expect(real.map((f) => path.basename(f)).sort()).toEqual(VARIANTS.map((v) => `${v}.table.json`).sort());
  });
  it("agrees with every row of Lean's exported tables (lean/rules/*.table.json)", () => {
    for (const f of real) {
      const r = checkTable(f, true);
      expect(r.rows).toBeGreaterThan(0);
      expect(r.mismatches.slice(0, 20)).toEqual([]);
    }
  });
});

describe("rules export is current", () => {
  const files = readdirSync(leanRules).filter(isVariantRulesFile);
  it("Lean exported one rules file per variant", () => {
    expect([...files].sort()).toEqual(VARIANTS.map((v) => `${v}.json`).sort());
  });
  it("every lean/rules/<Variant>.json carries the sourceSha256 of the current Lean sources", async () => {
    const now = await leanSourcesSha256(path.join(repoRoot, "lean"));
    for (const f of files) {
      const doc = JSON.parse(readFileSync(path.join(leanRules, f), "utf8")) as { sourceSha256?: string };
      expect(doc.sourceSha256, `lean/rules/${f} was exported from other Lean sources (sourceSha256 ${doc.sourceSha256}, sources now ${now}): run \`npm run prove\` to re-export`).toBe(now);
    }
  });
  it("every table and every walks file was computed from the committed rules (it quotes their rulesFingerprint)", () => {
    for (const f of files.flatMap((r) => [r.replace(/\.json$/, ".table.json"), r.replace(/\.json$/, ".walks.json")].map((d) => [r, d] as const))) {
      const [rf, df] = f;
      const tf = path.join(leanRules, df);
      expect(existsSync(tf), `${path.basename(tf)} is missing: run \`npm run prove\``).toBe(true);
      const rules = JSON.parse(readFileSync(path.join(leanRules, rf), "utf8")) as { rulesFingerprint?: string };
      const table = JSON.parse(readFileSync(tf, "utf8")) as { rulesFingerprint?: string };
      expect(table.rulesFingerprint, `${path.basename(tf)} was computed from other rules than lean/rules/${rf}: run \`npm run prove\``).toBe(rules.rulesFingerprint);
    }
  });
  it("every rules file's rulesFingerprint matches its content", () => {
    for (const f of files) {
      const doc = JSON.parse(readFileSync(path.join(leanRules, f), "utf8")) as { rulesFingerprint?: string };
      expect(doc.rulesFingerprint, `lean/rules/${f}: rulesFingerprint does not match the content: run \`npm run prove\``).toBe(rulesFingerprint(doc));
    }
  });
});
