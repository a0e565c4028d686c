// The committed example traces regenerate byte for byte, and every line is schema-valid.
// Regenerate after an intended change with: UPDATE_TRACES=1 npx vitest run test/trace/examples.test.ts
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXAMPLES, TRACES_DIR, generateExample } from "../helpers/examples.ts";
import type { ActionLabel, ActionParams } from "../../src/contract/vocabulary.ts";
import { System } from "../../src/impl/system.ts";
import { loadScenarioFile, toSystemInit } from "../../src/scenario/load.ts";
import { writeFileAtomic } from "../../src/util/fs-atomic.ts";
import { validateRecord } from "../helpers/trace-schema.ts";

const update = process.env.UPDATE_TRACES === "1";

describe("committed example traces", () => {
  for (const ex of EXAMPLES) {
    it(`${ex.file} regenerates byte-identically`, async () => {
      const text = generateExample(ex);
      const path = `${TRACES_DIR}${ex.file}`;
      if (update || !existsSync(path)) await writeFileAtomic(path, text);
      expect(readFileSync(path, "utf8")).toBe(text);
      const lines = text.trimEnd().split("\n");
      lines.forEach((l, i) => expect(validateRecord(JSON.parse(l)), `line ${i + 1}`).toEqual([]));
    });
  }

  it("the orphan interleaving crashes through start_consumer! where the consumer re-reads ShapeStatus (PreFix, FixA), leaves an orphan at HEAD, and neither under SerializedRemoval", () => {
    const runs = EXAMPLES.filter((e) => e.scenario === "orphan-recipe.yaml");
    expect(runs.map((e) => e.variant).sort()).toEqual(["FixA", "FixA2", "PreFix", "SerializedRemoval"]);
    for (const ex of runs) {
      const events = generateExample(ex).trimEnd().split("\n").slice(1).map((l) => JSON.parse(l) as { action: string; outcome: string; post: Record<string, unknown> });
      const raise = events.filter((e) => e.action === "CacheStartRaise");
      if (ex.variant === "SerializedRemoval") {
        expect(raise).toEqual([]);
        expect(events.some((e) => e.post["orphanDelivery"] === true)).toBe(false);
        // the chain's stop reaches the consumer the publish started
        expect(events.some((e) => e.action === "CleanerStop" && e.post["cons[0]"] === "dead_cleanup")).toBe(true);
      } else if (ex.variant === "FixA2") {
        expect(raise, ex.variant).toEqual([]);
        expect(events.some((e) => e.post["orphanDelivery"] === true), ex.variant).toBe(true);
      } else {
        expect(raise.length, ex.variant).toBe(1);
        expect(raise[0]!.outcome).toBe("crash");
        expect(raise[0]!.post["crashCause"]).toBe("startRaise");
        expect(events.some((e) => e.post["orphanDelivery"] === true), ex.variant).toBe(false);
      }
    }
  });

  it("a collector crash kills the removal in progress before ba6dd2c7d (PreFix: storage left without status) and not after (FixA: the removal finishes)", () => {
    const runs = EXAMPLES.filter((e) => e.scenario === "chain-killed-by-crash.yaml");
    expect(runs.map((e) => e.variant).sort()).toEqual(["FixA", "PreFix"]);
    for (const ex of runs) {
      const events = generateExample(ex).trimEnd().split("\n").slice(1).map((l) => JSON.parse(l) as { action: string; outcome: string; post: Record<string, unknown> });
      const crash = events.findIndex((e) => e.action === "SlcFail");
      expect(crash, ex.variant).toBe(2);
      const rest = events.slice(crash + 1);
      if (ex.variant === "PreFix") {
        expect(events[crash]!.post["chainPc[0]"]).toBe("aborted");
        expect(rest.some((e) => e.action.startsWith("Cleaner"))).toBe(false);
        expect(rest.some((e) => "storage[0]" in e.post)).toBe(false);
      } else {
        expect("chainPc[0]" in events[crash]!.post).toBe(false);
        expect(rest.map((e) => e.action)).toEqual(["SlcRestart", "CleanerStop", "CleanerStorage", "CleanerSlcRemove", "BatcherFlush", "SlcApplyBatch"]);
        expect(rest.find((e) => e.action === "CleanerStorage")!.post["storage[0]"]).toBe("cleaned");
      }
    }
  });

  it("FixB deadlocks when ShapeCache's clean_shape runs a chain that waits for the collector waiting for ShapeCache (electric.md §5i)", () => {
    const runs = EXAMPLES.filter((e) => e.scenario === "shapecache-clean-deadlock.yaml");
    expect(runs.map((e) => e.variant)).toEqual(["FixB"]);
    const ex = runs[0]!;
    const events = generateExample(ex).trimEnd().split("\n").slice(1).map((l) => JSON.parse(l) as { process: string; action: ActionLabel; params: ActionParams; post: Record<string, unknown> });
    expect(events.map((e) => e.action).slice(-2)).toEqual(["CacheStartFail", "CleanerRouterRemove"]);
    expect(events.at(-2)!.post).toMatchObject({ sc: "cleaning", scChain: 0, "chainPc[0]": "routerRemove", "chainHandle[0]": 0 });
    const loaded = loadScenarioFile(`${TRACES_DIR}scenarios/${ex.scenario}`);
    if (!loaded.ok) throw new Error("scenario");
    const init = toSystemInit(loaded.scenario, ex.variant);
    if (!init.ok) throw new Error("init");
    const sys = System.create(init.init);
    for (const e of events) sys.apply({ label: e.action, process: e.process, params: e.params });
    expect(sys.quiescent()).toBe(false);
    expect(sys.enabled()).toEqual([]);
  });

  it("the PreFix recipe trace crashes and no fix does", () => {
    for (const ex of EXAMPLES.filter((e) => e.scenario === "race-recipe.yaml")) {
      const crashes = generateExample(ex).split("\n").filter((l) => l.includes('"outcome":"crash"')).length;
      expect(crashes, ex.variant).toBe(ex.variant === "PreFix" ? 1 : 0);
    }
  });
});
