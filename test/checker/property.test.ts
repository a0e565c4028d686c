// Property tests: the checker never throws, locates malformed input, and its verdict on
// structural mutations agrees with the naive oracle replay.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkLines, checkText, genTrace, toyModel, toyRules } from "./helpers.ts";
import { dropEvent, editEvent, parse, swapEvents, otherValue } from "./mutations.ts";
import { oracleFirstBad } from "./oracle.ts";
import type { Model } from "../../src/checker/interp.ts";

const opts = () => ({ rules: toyRules() });
const ENUMS = ["absent", "present", "none", "pending", "nil", "consumer", "unused", "running", "dead_cleanup", "dead_shutdown", "idle", "publishing", "down"];

describe("property: byte mutations", async () => {
  const m = await toyModel("ToyPreFix");
  const traces = [1, 2, 3, 4, 5, 6].map((s) => genTrace(m, s, 30).join("\n") + "\n");
  it("never throws; a rejection is at or after the first changed line; malformed JSON is named at its line", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: traces.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom("replace", "insert", "delete"),
        fc.integer({ min: 0, max: 255 }),
        async (ti, where, kind, byte) => {
          const orig = Buffer.from(traces[ti]!);
          const pos = Math.min(orig.length - 1, Math.floor(where * orig.length));
          const ins = Buffer.from([byte]);
          const mutated =
            kind === "replace" ? Buffer.concat([orig.subarray(0, pos), ins, orig.subarray(pos + 1)])
            : kind === "insert" ? Buffer.concat([orig.subarray(0, pos), ins, orig.subarray(pos)])
            : Buffer.concat([orig.subarray(0, pos), orig.subarray(pos + 1)]);
          const changedLine = orig.subarray(0, pos).toString("latin1").split("\n").length; // 1-based
          const r = await checkText(mutated.toString("utf8"), opts());
          if (mutated.equals(orig)) return;
          if (r.ok) return; // some mutations are harmless (e.g. whitespace inside JSON)
          const d = r.divergence!;
          expect(d.line).toBeGreaterThanOrEqual(changedLine);
          const lines = mutated.toString("utf8").split("\n");
          const text = lines[changedLine - 1]!.replace(/\r$/, "");
          let malformed = false;
          try { JSON.parse(text); } catch { malformed = text.trim() !== "" || changedLine < lines.length; }
          if (malformed) expect(d.line).toBe(changedLine);
        },
      ),
      { numRuns: 400, seed: 42 },
    );
  });
});

describe("property: structural mutations agree with the oracle", async () => {
  const models: Model[] = [await toyModel("ToyPreFix"), await toyModel("ToyFixA")];
  const arb = fc.record({
    mi: fc.integer({ min: 0, max: 1 }),
    seed: fc.integer({ min: 1, max: 10_000 }),
    op: fc.constantFrom("drop", "swap", "post", "outcome", "param", "addcell"),
    i: fc.nat(),
    j: fc.nat(),
  });
  it("checker verdict and first bad event equal the oracle's; changed post values are always rejected", async () => {
    await fc.assert(
      fc.asyncProperty(arb, async ({ mi, seed, op, i, j }) => {
        const m = models[mi]!;
        const lines = genTrace(m, seed, 25);
        const n = lines.length - 1;
        if (n < 2) return;
        const a = 1 + (i % n), b = 1 + (j % n);
        let mut: string[];
        let mustReject = false;
        switch (op) {
          case "drop": mut = dropEvent(lines, a, false); break;
          case "swap": if (a === b) return; mut = swapEvents(lines, a, b); break;
          case "post": {
            const e = parse(lines[a]!);
            const keys = Object.keys(e.post);
            if (!keys.length) return;
            const k = keys[j % keys.length]!;
            mut = editEvent(lines, a, (x) => ({ ...x, post: { ...x.post, [k]: otherValue(x.post[k]!, ENUMS) } }));
            mustReject = true;
            break;
          }
          case "outcome": mut = editEvent(lines, a, (x) => ({ ...x, outcome: x.outcome === "ok" ? "crash" : "ok" })); mustReject = true; break;
          case "param": mut = editEvent(lines, a, (x) => { const ks = Object.keys(x.params); if (!ks.length) return x; return { ...x, params: { ...x.params, [ks[0]!]: x.params[ks[0]!]! + 1 + (j % 2) } }; }); break;
          default: mut = editEvent(lines, a, (x) => ({ ...x, post: { ...x.post, crashes: 99 } })); mustReject = true;
        }
        const r = await checkLines(mut, opts());
        const bad = oracleFirstBad(m, JSON.parse(mut[0]!).init, mut.slice(1).map(parse));
        if (mustReject) expect(r.ok).toBe(false);
        expect(r.ok).toBe(bad < 0);
        if (!r.ok) {
          expect(r.divergence!.line).toBe(bad + 2);
          expect(r.divergence!.message).toContain(parse(mut[bad + 1]!).action);
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe("property: arbitrary JSON where a record is expected", async () => {
  const m = await toyModel("ToyPreFix");
  const lines = genTrace(m, 2, 10);
  it("any JSON value as the header or as an event is a located rejection, never a throw", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.integer({ min: 0, max: lines.length - 1 }), async (v, at) => {
        const ls = lines.slice();
        ls[at] = JSON.stringify(v) ?? "null";
        const r = await checkLines(ls, opts());
        if (!r.ok) {
          expect(r.divergence!.line).toBe(at + 1);
          expect(r.divergence!.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
  it("random objects with event-like keys are rejected with the field named", async () => {
    const ev = fc.record({
      kind: fc.constantFrom("event", "header", 3),
      seq: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
      process: fc.oneof(fc.string(), fc.integer()),
      action: fc.oneof(fc.constantFrom("TxnArrive", "Crash", "Nope"), fc.integer()),
      params: fc.oneof(fc.dictionary(fc.constantFrom("h", "c", "t", "x"), fc.oneof(fc.integer({ min: -2, max: 3 }), fc.string())), fc.constant(null)),
      outcome: fc.constantFrom("ok", "crash", "maybe"),
      post: fc.oneof(fc.dictionary(fc.constantFrom("slc", "nextTxn", "pub[0]", "bogus", "status[9]"), fc.oneof(fc.boolean(), fc.integer(), fc.string(), fc.constant(null), fc.constant([]))), fc.constant(7)),
    }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(ev, async (e) => {
        const ls = [lines[0]!, JSON.stringify(e)];
        const r = await checkLines(ls, opts());
        if (!r.ok) expect(r.divergence!.line).toBe(2);
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});
