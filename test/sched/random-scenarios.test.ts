// Property-based: for generated scenarios and seeds, every trace is schema-valid, deterministic,
// and structurally sound (seq, crash only on SlcCrash, mbox at most one E and one B).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { VARIANTS } from "../../src/contract/vocabulary.ts";
import type { SystemInit } from "../../src/impl/system.ts";
import { runSchedule } from "../../src/sched/scheduler.ts";
import { validateRecord } from "../helpers/trace-schema.ts";
import { eventLine } from "../../src/contract/trace/writer.ts";

const arbInit: fc.Arbitrary<SystemInit> = fc
  .record({ H: fc.integer({ min: 1, max: 3 }), C: fc.integer({ min: 1, max: 3 }), K: fc.integer({ min: 1, max: 3 }), T: fc.integer({ min: 1, max: 3 }) })
  .chain((b) => fc.record({
    variant: fc.constantFrom(...VARIANTS),
    bounds: fc.constant(b),
    shapes: fc.array(fc.record({ status: fc.constantFrom("present" as const, "absent" as const), consumer: fc.constantFrom("none", "running", "dead_crash") }), { minLength: b.H, maxLength: b.H }),
    touches: fc.array(fc.array(fc.boolean(), { minLength: b.H, maxLength: b.H }), { minLength: b.T, maxLength: b.T }),
    removalSlots: fc.subarray([...Array(b.K).keys()]),
    removalHandles: fc.array(fc.integer({ min: 0, max: b.H - 1 }), { minLength: b.K, maxLength: b.K }),
    env: fc.record({ suspend: fc.boolean(), crash: fc.boolean(), selfClean: fc.boolean(), kill: fc.boolean(), slcFail: fc.boolean(), startFail: fc.boolean() }),
  }))
  .map((g) => {
    let consumers = 0;
    return {
      variant: g.variant, bounds: g.bounds, touches: g.touches, env: g.env,
      shapes: g.shapes.map((s, h) => {
        const wantConsumer = s.consumer !== "none" && consumers < g.bounds.C;
        if (wantConsumer) consumers++;
        return {
          h, status: s.status, router: s.status === "present", storage: s.status === "present" ? "present" as const : "absent" as const,
          consumer: wantConsumer ? { state: s.consumer === "running" ? "running" as const : "dead_crash" as const, registered: true } : null,
        };
      }),
      removals: g.removalSlots.map((k) => ({ h: g.removalHandles[k] ?? 0, k })),
    };
  });

describe("random scenarios", () => {
  it("produce schema-valid, deterministic, well-formed traces", () => {
    fc.assert(fc.property(arbInit, fc.nat(), (init, seed) => {
      const a = runSchedule(init, { seed, maxSteps: 150 });
      const b = runSchedule(init, { seed, maxSteps: 150 });
      expect(a.events.map(eventLine)).toEqual(b.events.map(eventLine));
      expect(validateRecord({ kind: "header", format: "electric-race-trace/1", variant: init.variant, seed, scenario: "gen", scheduler: "random", implementation: "x", rulesFingerprint: "unavailable", bounds: init.bounds, init: a.init })).toEqual([]);
      a.events.forEach((e, i) => {
        expect(e.seq).toBe(i + 1);
        expect(validateRecord(e)).toEqual([]);
        expect(e.outcome === "crash").toBe(e.action === "SlcCrash" || e.action === "SlcFail" || e.action === "CacheStartRaise" || e.action === "CacheCleanReturn");
      });
      // a run ends quiescent, stuck only on the consumer bound or (Fix B) on ShapeCache's
      // clean_shape waiting for the collector that waits for it, or at maxSteps
      if (a.end === "stuck") expect(a.system.boundLimited() || (init.variant === "FixB" && a.system.cache.hostedChain() !== undefined)).toBe(true);
    }), { numRuns: 300 });
  });
});
