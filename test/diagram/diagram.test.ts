import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { arrowTarget, lifelinesOf } from "../../src/diagram/arrows.ts";
import { diagramSvg } from "../../src/diagram/svg.ts";
import { diagramText } from "../../src/diagram/text.ts";
import type { Diagram, DiagramStep } from "../../src/diagram/types.ts";
import { prefixCrash } from "./steps.ts";

const step = (process: string, action: string, params: Record<string, number> = {}, changes: DiagramStep["changes"] = []): DiagramStep => ({ seq: 1, process, action, params, changes });

describe("arrow targets", () => {
  it("follow Electric's call graph", () => {
    expect(arrowTarget(step("api", "RemoveShape", { h: 0, k: 2 }))).toBe("cleaner:2");
    expect(arrowTarget(step("cleaner:0", "CleanerSlcRemove", { k: 0 }))).toBe("batcher");
    expect(arrowTarget(step("batcher", "BatcherFlush"))).toBe("slc");
    expect(arrowTarget(step("replication", "TxnArrive", { t: 0 }))).toBe("slc");
    expect(arrowTarget(step("slc", "SlcResolveAsk", { h: 0 }))).toBe("shapecache");
    expect(arrowTarget(step("supervisor", "SlcRestart"))).toBe("slc");
  });
  it("take the consumer from the cells the step changed", () => {
    expect(arrowTarget(step("cleaner:0", "CleanerStop", { k: 0 }, [{ cell: "cons[3]", before: "running", after: "dead_cleanup" }]))).toBe("consumer:3");
    expect(arrowTarget(step("slc", "SlcBroadcast", {}, [{ cell: "applied[1]", before: -1, after: 0 }]))).toBe("consumer:1");
  });
  it("point back at the actor for internal steps, and honour an explicit target", () => {
    expect(arrowTarget(step("slc", "SlcRoute"))).toBe("slc");
    expect(arrowTarget(step("cleaner:0", "CleanerStop", { k: 0 }))).toBe("cleaner:0");
    expect(arrowTarget({ ...step("slc", "SlcRoute"), to: "consumer:0" })).toBe("consumer:0");
  });
  it("order lifelines as the removal story reads", () => {
    expect(lifelinesOf(prefixCrash.steps)).toEqual(["api", "cleaner:0", "slc", "shapecache", "consumer:0", "replication"]);
    expect(lifelinesOf([step("consumer:10", "ConsumerInit"), step("consumer:2", "ConsumerInit"), step("zeta", "X"), step("api", "RemoveShape", { k: 0 })])).toEqual(["api", "cleaner:0", "consumer:2", "consumer:10", "zeta"]);
  });
});

describe("SVG", () => {
  const svg = diagramSvg(prefixCrash);
  it("has one message group per step, in order, and one lifeline per process", () => {
    expect([...svg.matchAll(/<g class="msg[^"]*" data-seq="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(svg.match(/<g class="lifeline"/g)).toHaveLength(6);
    expect(svg).toContain('data-messages="9"');
  });
  it("marks the crash on its step only and lists the changed cells", () => {
    expect(svg.match(/class="msg marked crash"/g)).toHaveLength(1);
    expect(svg).toMatch(/data-seq="9" data-action="SlcCrash"/);
    expect(svg).toContain("crash: send(nil, …) raised in the ShapeLogCollector");
    expect(svg).toContain("status[0]: present → absent");
  });
  it("escapes text from the data", () => {
    const d: Diagram = { id: 'x"<', title: "a<b & c", steps: [{ ...step("slc", "<Evil>"), changes: [{ cell: "c", after: "</text><script>" }] }] };
    const out = diagramSvg(d);
    expect(out).not.toContain("<script>");
    expect(out).not.toContain("<Evil>");
    expect(out).toContain("a&lt;b &amp; c");
    expect(out).toContain('data-diagram="x&quot;&lt;"');
  });
});

describe("text", () => {
  const lines = diagramText(prefixCrash);
  it("starts with the title and the lifeline heads", () => {
    expect(lines[0]).toBe("PreFix: nil crash");
    expect(lines[1]).toBe("from the recipe's initial state");
    expect(lines[2]!.trim().split(/\s+/)).toEqual(["api", "cleaner:0", "slc", "shapecache", "consumer:0", "replication"]);
  });
  it("draws one arrow line per step with the crash glyph and message", () => {
    const rows = lines.filter((l) => /^\s*\d+ /.test(l));
    expect(rows.map((l) => Number(l.trim().split(" ")[0]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows[0]).toMatch(/●─+▶/);
    expect(rows[4]).toMatch(/◀─+●/); // replication (right) to slc (left)
    expect(rows[8]).toContain("✖");
    expect(lines.join("\n")).toContain("CRASH: send(nil, …) raised in the ShapeLogCollector");
    expect(rows[0]).toContain("RemoveShape(h=0, k=0)");
  });
  it("keeps lines within the width it is given", () => {
    const narrow = diagramText(prefixCrash, { width: 100 });
    for (const l of narrow.slice(3)) expect([...l].length).toBeLessThanOrEqual(100);
  });
});

describe("any step list", () => {
  const procs = fc.constantFrom("api", "cleaner:0", "cleaner:1", "batcher", "slc", "shapecache", "consumer:0", "replication", "supervisor");
  const actions = fc.constantFrom("RemoveShape", "CleanerStatus", "CleanerStop", "TxnArrive", "SlcRoute", "SlcCrash", "SlcBroadcast", "CacheStart", "Unknown");
  const arbStep = fc.record({
    process: procs, action: actions,
    params: fc.record({ h: fc.nat(3), k: fc.nat(1) }),
    changes: fc.array(fc.record({ cell: fc.constantFrom("cons[0]", "applied[1]", "slc", "status[0]"), after: fc.oneof(fc.boolean(), fc.integer(), fc.string()) }), { maxLength: 4 }),
    crash: fc.boolean(),
  });
  it("gives as many SVG messages and text rows as steps, every arrow between known lifelines", () => {
    fc.assert(
      fc.property(fc.array(arbStep, { maxLength: 25 }), (raw) => {
        const steps: DiagramStep[] = raw.map((r, i) => ({ seq: i + 1, process: r.process, action: r.action, params: r.params, changes: r.changes, ...(r.crash ? { mark: { kind: "crash" as const, text: "x" } } : {}) }));
        const d: Diagram = { id: "p", title: "t", steps };
        const svg = diagramSvg(d);
        expect(svg.match(/<g class="msg/g)?.length ?? 0).toBe(steps.length);
        const lifelines = new Set([...svg.matchAll(/data-process="([^"]*)"/g)].map((m) => m[1]));
        for (const m of svg.matchAll(/data-from="([^"]*)" data-to="([^"]*)"/g)) {
          expect(lifelines.has(m[1])).toBe(true);
          expect(lifelines.has(m[2])).toBe(true);
        }
        const rows = diagramText(d).slice(2).filter((l) => /^\s*\d+ /.test(l));
        expect(rows.length).toBe(steps.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe("steps from trace events", () => {
  it("shows changed cells against the replayed state and marks a crash with its cause", async () => {
    const { stepsFromEvents } = await import("../../src/diagram/from-events.ts");
    const steps = stepsFromEvents({ slc: "publishing", crashCause: "none", mbox: "E" }, [
      { seq: 1, process: "slc", action: "SlcRoute", params: {}, outcome: "ok", post: { mbox: "E", "pubState[0]": "pending" } },
      { seq: 2, process: "slc", action: "SlcCrash", params: {}, outcome: "crash", post: { slc: "down", crashCause: "sendNil" } },
    ]);
    expect(steps[0]!.changes).toEqual([{ cell: "pubState[0]", after: "pending" }]);
    expect(steps[0]!.mark).toBeUndefined();
    expect(steps[1]!.changes).toEqual([{ cell: "slc", before: "publishing", after: "down" }, { cell: "crashCause", before: "none", after: "sendNil" }]);
    expect(steps[1]!.mark).toEqual({ kind: "crash", text: "send(nil, …) raised: the ShapeLogCollector crashes" });
  });
});

describe("divergence diagrams", () => {
  it("draws the accepted events, then the refused one marked with the checker's message", async () => {
    const { divergenceDiagram } = await import("../../src/diagram/from-divergence.ts");
    const d = divergenceDiagram("t", "trace.ndjson", {
      message: "post: status[0] observed present, the rule gives absent", seq: 3, rule: "CleanerStatus", params: { k: 0 },
      cells: [{ cell: "status[0]", before: "present", expected: "absent", observed: "present" }, { cell: "chainPc[0]", before: "status", expected: "stop", observed: null }],
      lastEvents: [{ seq: 2, process: "api", action: "RemoveShape", params: { h: 0, k: 0 }, outcome: "ok", post: { "chainPc[0]": "status" } }],
    }, "cleaner:0")!;
    expect(d.steps.map((s) => [s.seq, s.process, s.action, s.mark?.kind])).toEqual([[2, "api", "RemoveShape", undefined], [3, "cleaner:0", "CleanerStatus", "divergence"]]);
    expect(d.steps[1]!.changes).toEqual([{ cell: "status[0]", before: "present", after: "present" }, { cell: "chainPc[0]", before: "status", after: "(not reported)" }]);
    expect(diagramText(d).join("\n")).toContain("DIVERGENCE: post: status[0] observed present");
    expect(divergenceDiagram("t", "x", { message: "malformed JSON", cells: [], lastEvents: [] }, "?")).toBeNull();
  });
});

describe("counterexample diagrams", () => {
  it("mark the last step with the violated property unless it is a crash", async () => {
    const { counterexampleDiagram } = await import("../../src/diagram/from-events.ts");
    const ev = [{ seq: 1, process: "api", action: "RemoveShape", params: { h: 0, k: 0 }, outcome: "ok", post: { "chainPc[0]": "status" } }];
    expect(counterexampleDiagram("a", "t", { "chainPc[0]": "idle" }, ev, "noRaceWindow violated").steps[0]!.mark).toEqual({ kind: "violation", text: "noRaceWindow violated" });
    expect(counterexampleDiagram("a", "t", {}, ev).steps[0]!.mark).toBeUndefined();
    const crash = [{ ...ev[0]!, action: "SlcCrash", process: "slc", outcome: "crash", post: { crashCause: "sendNil" } }];
    expect(counterexampleDiagram("a", "t", {}, crash, "noSendNilCrash").steps[0]!.mark!.kind).toBe("crash");
  });
});
