// The packed state encoding must be exact: decoding gives a system with the same state key, and
// two states share their packed words only when they share their key. Checked on every
// reachable state (up to a cap) of every committed scenario and variant, so a new field in a
// component that the codec does not carry fails here, naming the scenario.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VARIANTS } from "../../src/contract/vocabulary.ts";
import { System } from "../../src/impl/system.ts";
import { loadScenarioFile, toSystemInit } from "../../src/scenario/load.ts";
import { makeCodec } from "../../src/sched/state-codec.ts";

const CAP = 2000;
const scenarios = readdirSync("traces/scenarios").filter((f) => f.endsWith(".yaml"));

describe("state codec", () => {
  it("finds the committed scenarios", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(8);
  });
  for (const file of scenarios) {
    it(`round-trips every reachable state of ${file} (first ${CAP} per variant)`, () => {
      const l = loadScenarioFile(`traces/scenarios/${file}`);
      if (!l.ok) throw new Error(`${file}: ${JSON.stringify(l.errors)}`);
      for (const v of VARIANTS) {
        const i = toSystemInit(l.scenario, v);
        if (!i.ok) continue; // a scenario may be written for one variant only (tombstones)
        const codec = makeCodec(i.init);
        const byWords = new Map<string, string>();
        const problems: string[] = [];
        const root = System.create(i.init);
        const seen = new Set([root.stateKey()]);
        const stack = [root];
        while (stack.length > 0 && byWords.size < CAP) {
          const s = stack.pop()!;
          const key = s.stateKey();
          const words = codec.encode(s).slice();
          if (words.length !== codec.words) problems.push(`${key}: ${words.length} words, not ${codec.words}`);
          const back = codec.decode(words, 0).stateKey();
          if (back !== key) problems.push(`decoded ${back}, encoded ${key}`);
          const prev = byWords.get(words.join(","));
          if (prev !== undefined && prev !== key) problems.push(`${prev} and ${key} share packed words`);
          byWords.set(words.join(","), key);
          for (const a of s.enabled()) {
            const c = s.clone();
            c.apply(a);
            const k = c.stateKey();
            if (!seen.has(k)) {
              seen.add(k);
              stack.push(c);
            }
          }
        }
        expect(problems.slice(0, 3), `${file} ${v}`).toEqual([]);
        expect(byWords.size, `${file} ${v}`).toBeGreaterThan(0);
      }
    });
  }
});
