// explore's progress line: share of the budget, elapsed time and an estimate of the time left.
import { describe, expect, it } from "vitest";
import { progressLine } from "../../src/cli/explore.ts";

describe("explore progress", () => {
  it("exhaustive: distinct states as a share of the state budget, elapsed, an upper-bound estimate", () => {
    const l = progressLine({ phase: "exhaustive", states: 1000, transitions: 5000, frontier: 40, depth: 7, budget: 10_000, used: 1000, elapsedMs: 2000 });
    expect(l).toBe("[exhaustive] 1000 distinct states (10.0% of the 10000-state budget), 5000 transitions, depth 7, frontier 40, 2.0 s elapsed, at most ~18 s more");
  });
  it("random: walks done of the walks asked for, elapsed, the estimate at the rate so far", () => {
    const l = progressLine({ phase: "random", states: 90, transitions: 3000, frontier: 750, depth: 14, budget: 1000, used: 250, elapsedMs: 500 });
    expect(l).toBe("[random] walk 250/1000 (25.0%), 90 distinct states, 3000 transitions, depth 14, 0.5 s elapsed, ~2 s more");
  });
});
