import { describe, expect, it } from "vitest";
import { StateStore } from "../../src/util/state-store.ts";

describe("state store", () => {
  it("keeps each distinct state once, in insertion order, across growth and rehashing", () => {
    const s = new StateStore(2, 100_000);
    const buf = new Uint32Array(2);
    const ids: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      buf[0] = i;
      buf[1] = i % 7;
      ids.push(s.insert(buf, 0, i - 1, i % 5));
    }
    expect(ids).toEqual(ids.map((_, i) => i));
    for (let i = 0; i < 50_000; i += 997) {
      buf[0] = i;
      buf[1] = i % 7;
      expect(s.insert(buf, 0, 0, 0)).toBe(-1);
      expect(Array.from(s.buffer().subarray(i * 2, i * 2 + 2))).toEqual([i, i % 7]);
      expect(s.parent(i)).toBe(i - 1);
      expect(s.viaIndex(i)).toBe(i % 5);
    }
    buf[1] = 8; // same first word, different second: a different state
    buf[0] = 3;
    expect(s.insert(buf, 0, 0, 0)).toBe(50_000);
    expect(s.size).toBe(50_001);
  });
  it("never grows past its limit and says so", () => {
    const s = new StateStore(1, 3);
    const b = new Uint32Array(1);
    for (let i = 0; i < 3; i++) {
      b[0] = i;
      expect(s.insert(b, 0, -1, 0)).toBe(i);
    }
    b[0] = 1;
    expect(s.insert(b, 0, -1, 0)).toBe(-1); // known states are still recognised when full
    b[0] = 9;
    expect(s.insert(b, 0, -1, 0)).toBe(-2);
    expect(s.size).toBe(3);
  });
  it("reports its memory: about 4*words + 14 bytes per state plus the hash index", () => {
    const s = new StateStore(4, 1 << 20);
    const b = new Uint32Array(4);
    for (let i = 0; i < 100_000; i++) {
      b[0] = i;
      s.insert(b, 0, 0, 0);
    }
    const { states, bytes } = s.stats();
    expect(states).toBe(100_000);
    expect(bytes / states).toBeLessThan(60);
    expect(bytes / states).toBeGreaterThan(16);
  });
  it("refuses nonsense sizes", () => {
    expect(() => new StateStore(0, 10)).toThrow(/words/);
    expect(() => new StateStore(2, 0)).toThrow(/limit/);
  });
});
