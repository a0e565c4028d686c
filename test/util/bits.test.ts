import { describe, expect, it } from "vitest";
import { bitsFor, BitReader, BitWriter } from "../../src/util/bits.ts";

describe("bit packing", () => {
  it("sizes fields and round-trips values across word boundaries", () => {
    expect([bitsFor(1), bitsFor(2), bitsFor(3), bitsFor(4), bitsFor(5), bitsFor(256)]).toEqual([0, 1, 2, 2, 3, 8]);
    const w = new BitWriter(3);
    w.begin();
    const fields: [number, number][] = [[5, 3], [0x7fffffff, 31], [1, 1], [300, 9], [0, 0], [0x1234, 16], [3, 2]];
    for (const [v, b] of fields) w.put(v, b);
    const r = new BitReader();
    r.begin(w.buf, 0);
    expect(fields.map(([, b]) => r.get(b))).toEqual(fields.map(([v]) => v));
  });
  it("refuses a value wider than its field and a layout longer than its buffer", () => {
    const w = new BitWriter(1);
    w.begin();
    expect(() => w.put(4, 2)).toThrow(/does not fit in 2 bits/);
    w.put(1, 30);
    expect(() => w.put(1, 3)).toThrow(/exceeds its word count/);
  });
});
