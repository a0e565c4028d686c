// The mutation corpus against the real Lean rules, on traces the implementation's simulator
// writes for every scenario and variant (scripted recipe schedules and seeded random ones):
// every mutant is rejected at the mutated line with a message naming the rule, and swaps /
// renumbered drops get exactly the naive oracle's verdict.
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { RulesCache, defaultRulesDir, repoRoot } from "../../src/checker/rules.ts";
import { loadTraceSchema } from "../../src/contract/trace/schema.ts";
import { formatResult } from "../../src/checker/report.ts";
import { failedInit } from "../../src/checker/interp.ts";
import type { Scalar } from "../../src/contract/rules/types.ts";
import { VARIANTS, type Variant } from "../../src/contract/vocabulary.ts";
import { loadScenarioFile, toSystemInit } from "../../src/scenario/load.ts";
import { simulateTrace } from "../../src/sched/simulate.ts";
import { checkLines } from "./helpers.ts";
import { dropEvent, editEvent, editHeader, otherValue, parse, swapEvents } from "./mutations.ts";
import { oracleFirstBad } from "./oracle.ts";

const RULES_DIR = defaultRulesDir;
const scenarioDir = path.join(repoRoot, "traces", "scenarios");
const ENUMS = ["absent", "present", "tombstoned", "cleaned", "none", "pending", "nil", "consumer", "skipped", "idle", "publishing", "down", "empty", "E", "B", "requested", "checked", "cleaning", "unused", "running"];

interface Case { name: string; variant: Variant; lines: string[] }

async function corpus(rules: RulesCache): Promise<Case[]> {
  const out: Case[] = [];
  for (const f of readdirSync(scenarioDir).filter((x) => x.endsWith(".yaml"))) {
    const sc = loadScenarioFile(path.join(scenarioDir, f));
    if (!sc.ok) continue;
    for (const v of VARIANTS) {
      const init = toSystemInit(sc.scenario, v);
      if (!init.ok) continue;
      const runs = [...(sc.scenario.schedule ? [{ policy: "scripted" as const, seed: 1 }] : []), { policy: "random" as const, seed: 1 }, { policy: "random" as const, seed: 2 }];
      for (const run of runs) {
        const t = simulateTrace(sc.scenario, init.init, { seed: run.seed, policy: run.policy, maxSteps: sc.scenario.maxSteps });
        const lines = t.text.split("\n").filter((l) => l !== "");
        // scenarios that start outside the rules' initial states are reported by impl-traces
        const h = JSON.parse(lines[0]!) as { bounds: Record<string, number>; init: Record<string, Scalar> };
        const m = await rules.model(v, h.bounds);
        if (!m.ok || failedInit(m.value, m.value.layout.keys.map((k) => h.init[k]!)).length > 0) continue;
        if (lines.length >= 3) out.push({ name: `${f} ${v} ${run.policy} seed ${run.seed}`, variant: v, lines });
      }
    }
  }
  return out;
}

describe("mutation corpus on implementation traces (real rules)", async () => {
  const schema = await loadTraceSchema();
  if (!schema.ok) throw new Error(schema.error);
  const rules = new RulesCache(RULES_DIR);
  const opts = () => ({ rules, validateLine: schema.value });
  const cases = await corpus(rules);
  const rejectedAt = async (c: Case, what: string, ls: string[], line: number, re: RegExp) => {
    const r = await checkLines(ls, opts(), c.name);
    const text = r.ok ? "accepted" : formatResult(r);
    expect(r.ok, `${c.name} ${what}: ${text}`).toBe(false);
    expect(r.divergence!.line, `${c.name} ${what}: ${text}`).toBe(line);
    expect(text, `${c.name} ${what}`).toMatch(re);
  };

  it("has cases", () => expect(cases.length).toBeGreaterThan(0));

  it("the unmutated traces pass", async () => {
    for (const c of cases) {
      const r = await checkLines(c.lines, opts(), c.name);
      expect(r.ok ? "" : formatResult(r)).toBe("");
    }
  });

  it("drop an event, flip an observed cell, claim a crash, stale fingerprint", async () => {
    for (const c of cases) {
      const events = c.lines.slice(1).map(parse);
      await rejectedAt(c, "drop", dropEvent(c.lines, 1), 2, /seq 2 where 1 was expected/);
      const i = events.findIndex((e) => Object.keys(e.post).length > 0);
      if (i >= 0) {
        const [k, v] = Object.entries(events[i]!.post)[0]!;
        // a different value of the cell's own type, so the schema accepts it and the rule must refuse it
        const d = (await rules.doc(c.variant));
        const decl = d.ok ? d.value.variables.find((x) => x.name === k.replace(/\[.*$/, "")) : undefined;
        const alts = decl && "enum" in decl.type ? decl.type.enum : ENUMS;
        await rejectedAt(c, "flip", editEvent(c.lines, i + 1, (e) => ({ ...e, post: { ...e.post, [k]: otherValue(v, alts) } })), i + 2, new RegExp(`rule: ${events[i]!.action}`));
      }
      const j = events.findIndex((e) => e.outcome === "ok");
      if (j >= 0) await rejectedAt(c, "claim crash", editEvent(c.lines, j + 1, (e) => ({ ...e, outcome: "crash" })), j + 2, new RegExp(`outcome "crash" reported, but ${events[j]!.action}`));
      await rejectedAt(c, "stale fingerprint", editHeader(c.lines, (h) => ({ ...h, rulesFingerprint: "0".repeat(64) })), 1, /rulesFingerprint/);
    }
  });

  it("the PreFix broadcast reintroduced: a nil send that does not crash / a crash in a fix", async () => {
    let crashes = 0, broadcasts = 0;
    for (const c of cases) {
      const events = c.lines.slice(1).map(parse);
      const k = events.findIndex((e) => e.action === "SlcCrash");
      if (k >= 0) {
        crashes++;
        // the collector sends to nil and does not crash: SlcBroadcast must be refused (no_nil)
        await rejectedAt(c, "nil send without crash", editEvent(c.lines, k + 1, (e) => ({ ...e, action: "SlcBroadcast", outcome: "ok", post: { slc: "idle", pubTxn: -1, unacked: -1 } })), k + 2, /SlcBroadcast is not enabled: guard conjunct 'no_nil'/);
      }
      const b = events.findIndex((e) => e.action === "SlcBroadcast");
      if (c.variant !== "PreFix" && b >= 0) {
        broadcasts++;
        await rejectedAt(c, "crash in a fix", editEvent(c.lines, b + 1, (e) => ({ ...e, action: "SlcCrash", outcome: "crash", post: { slc: "down" } })), b + 2, /SlcCrash/);
      }
    }
    expect(crashes).toBeGreaterThan(0);
    expect(broadcasts).toBeGreaterThan(0);
  });

  it("swaps and renumbered drops of adjacent events agree with the oracle", async () => {
    for (const c of cases.slice(0, 12)) {
      const h = JSON.parse(c.lines[0]!) as { bounds: Record<string, number>; init: Record<string, Scalar> };
      const m = await rules.model(c.variant, h.bounds);
      if (!m.ok) throw new Error(m.error);
      for (let a = 1; a + 1 < c.lines.length; a++)
        for (const mut of [swapEvents(c.lines, a, a + 1), dropEvent(c.lines, a, false)]) {
          const bad = oracleFirstBad(m.value, h.init, mut.slice(1).map(parse));
          const r = await checkLines(mut, opts(), c.name);
          expect(r.ok, `${c.name} mutant at ${a}: ${r.ok ? "accepted" : formatResult(r)}`).toBe(bad < 0);
          if (!r.ok) expect(r.divergence!.line).toBe(bad + 2);
        }
    }
  }, 120_000);
});

it("every variant has its exported rules (a missing file fails here, it is not skipped)", () => {
  expect(VARIANTS.filter((v) => !existsSync(path.join(RULES_DIR, `${v}.json`)))).toEqual([]);
});
