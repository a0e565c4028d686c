// Scenario validation: one clear error per bad field, naming file, field and line.
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { loadScenarioFile, parseScenario, toSystemInit } from "../../src/scenario/load.ts";
import { formatScenarioError } from "../../src/scenario/types.ts";

const errs = (text: string): string[] => {
  const r = parseScenario(text, "s.yaml");
  return r.ok ? [] : r.errors.map(formatScenarioError);
};

const good = `name: t
bounds: { H: 1, C: 1, K: 1, T: 1 }
shapes:
  - handle: 0
transactions:
  - touches: [0]
removals:
  - handle: 0
    chain: 0
`;

describe("scenario loader", () => {
  it("loads every committed scenario", () => {
    for (const f of readdirSync("traces/scenarios").filter((x) => x.endsWith(".yaml"))) {
      const r = loadScenarioFile(`traces/scenarios/${f}`);
      expect(r.ok ? [] : r.errors.map(formatScenarioError), f).toEqual([]);
    }
  });
  it("fills defaults: a present shape is routed and has storage", () => {
    const r = parseScenario(good, "s.yaml");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.shapes[0]).toEqual({ h: 0, status: "present", router: true, storage: "present", consumer: null });
    expect(r.scenario.touches).toEqual([[true]]);
    expect(r.scenario.removals).toEqual([{ h: 0, k: 0, by: "api" }]);
  });
  it("names file, line and field for a bad enum value", () => {
    expect(errs(good.replace("  - handle: 0\ntrans", "  - handle: 0\n    status: gone\ntrans"))).toEqual([
      's.yaml:5: shapes[0].status: expected one of present, absent, tombstoned, got "gone"',
    ]);
  });
  it("reports every bad field, not just the first", () => {
    const e = errs(`bounds: { H: 0, C: x, K: 1 }
shapes:
  - handle: 3
    consumer: zombie
removals:
  - chain: 0
frobnicate: 1
`);
    expect(e).toEqual(expect.arrayContaining([
      expect.stringMatching(/^s\.yaml:1: bounds\.H: expected an integer in 1\.\.8, got 0$/),
      expect.stringMatching(/^s\.yaml:1: bounds\.C: expected an integer, got "x"$/),
      expect.stringMatching(/^s\.yaml:1: bounds\.T: missing$/),
      expect.stringMatching(/^s\.yaml:4: shapes\[0\]\.consumer: expected one of/),
      expect.stringMatching(/^s\.yaml:6: removals\[0\]\.handle: missing$/),
      expect.stringMatching(/^s\.yaml:7: frobnicate: unknown field/),
    ]));
  });
  it("rejects out-of-bounds handles, duplicate chain slots and too many consumers", () => {
    const e = errs(`bounds: { H: 1, C: 1, K: 1, T: 1 }
shapes:
  - { handle: 0, consumer: running }
  - { handle: 0, consumer: running }
transactions:
  - touches: [1]
removals:
  - { handle: 0, chain: 0 }
  - { handle: 0, chain: 0 }
`);
    expect(e.some((m) => m.includes("shapes[1].handle: handle 0 is listed twice"))).toBe(true);
    expect(e.some((m) => m.includes("shapes[1].consumer: more initial consumers than the bound C=1"))).toBe(true);
    expect(e.some((m) => m.includes("transactions[0].touches[0]: expected an integer in 0..0, got 1"))).toBe(true);
    expect(e.some((m) => m.includes("removals[1].chain: chain slot 0 is used by two removals"))).toBe(true);
  });
  it("checks schedule entries against the bounds", () => {
    expect(errs(good + "schedule: [api, cleaner:1, consumer:0, bogus]\n")).toEqual([
      "s.yaml:10: schedule[1]: cleaner:1 is outside the bound K=1",
      's.yaml:10: schedule[3]: expected a process name (api, cleaner:K, batcher, slc, shapecache, consumer:C, replication, supervisor), optionally followed by an action label, got "bogus"',
    ]);
  });
  it("reports YAML syntax errors with their line", () => {
    const e = errs("bounds: { H: 1\nshapes: [\n");
    expect(e.length).toBeGreaterThan(0);
    expect(e[0]).toMatch(/^s\.yaml:\d+: YAML syntax/);
  });
  it("reports a missing file without throwing", () => {
    const r = loadScenarioFile("no/such/file.yaml");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatScenarioError(r.errors[0]!)).toBe("no/such/file.yaml: cannot read the file (ENOENT)");
  });
  it("a tombstoned shape needs a variant with tombstones (FixC, SerializedRemoval)", () => {
    const r = parseScenario(good.replace("  - handle: 0\ntrans", "  - handle: 0\n    status: tombstoned\ntrans"), "s.yaml");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const i = toSystemInit(r.scenario, "FixA");
    expect(i.ok).toBe(false);
    expect(toSystemInit(r.scenario, "FixC").ok).toBe(true);
    expect(toSystemInit(r.scenario, "SerializedRemoval").ok).toBe(true);
    expect(toSystemInit(r.scenario, "FixB").ok).toBe(false);
  });
});
