import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Prng } from "../../src/sched/prng.ts";

describe("Prng", () => {
  it("is a pure function of the seed", () => {
    fc.assert(fc.property(fc.nat(), (seed) => {
      const a = new Prng(seed);
      const b = new Prng(seed);
      for (let i = 0; i < 20; i++) expect(a.nextU32()).toBe(b.nextU32());
    }));
  });
  it("different seeds give different streams, including seeds beyond 2^32", () => {
    const first = (s: number): number[] => { const p = new Prng(s); return [p.nextU32(), p.nextU32()]; };
    expect(first(1)).not.toEqual(first(2));
    expect(first(2 ** 40)).not.toEqual(first(0));
  });
  it("int(n) stays in range and covers it", () => {
    const p = new Prng(42);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = p.int(7);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(7);
      seen.add(x);
    }
    expect(seen.size).toBe(7);
    expect(() => p.int(0)).toThrow();
  });
});
