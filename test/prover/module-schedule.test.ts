import { describe, expect, it } from "vitest";
import { criticalPath, runSchedule } from "../../src/prover/module-schedule.ts";
import type { ScheduledModule } from "../../src/prover/module-schedule.ts";

// The package's real shape: Spec.Model and the simple model are independent roots.
const GRAPH: ScheduledModule[] = [
  { name: "Spec.Model", imports: [], estimate: 78 },
  { name: "Thm.Model", imports: ["Spec.Model"], estimate: 22 },
  { name: "Thm.Witnesses", imports: ["Thm.Model"], estimate: 17 },
  { name: "Thm.Orphan", imports: ["Thm.Witnesses"], estimate: 23 },
  { name: "Simple", imports: [], estimate: 12 },
  { name: "Thm.Projection", imports: ["Simple", "Thm.Witnesses"], estimate: 13 },
  { name: "Thm.FixB", imports: ["Thm.Model"], estimate: 57 },
  { name: "Thm.FixC", imports: ["Thm.Model"], estimate: 34 },
  { name: "Headline", imports: [], estimate: 9 },
  { name: "All", imports: ["Spec.Model", "Thm.Model", "Thm.Witnesses", "Thm.Orphan", "Thm.Projection", "Thm.FixB", "Thm.FixC", "Headline"], estimate: 11 },
];

/** A fake checker: records start/finish order and concurrency; each module takes `estimate` ticks. */
function fakeRun(graph: readonly ScheduledModule[], fail: ReadonlySet<string> = new Set()) {
  const log: string[] = [];
  let now = 0;
  let running = 0;
  let peak = 0;
  const finished = new Set<string>();
  const run = async (name: string): Promise<{ ok: boolean; result: number }> => {
    const m = graph.find((x) => x.name === name)!;
    for (const i of m.imports) expect(finished.has(i), `${name} started before its import ${i} finished`).toBe(true);
    running++;
    peak = Math.max(peak, running);
    log.push(`start ${name}`);
    await new Promise((r) => setTimeout(r, m.estimate / 10));
    now += m.estimate;
    running--;
    finished.add(name);
    log.push(`end ${name}`);
    return { ok: !fail.has(name), result: now };
  };
  return { run, log, peak: () => peak };
}

describe("module schedule", () => {
  it("runs every module after its imports, never more than `jobs` at once", async () => {
    for (const jobs of [1, 2, 3]) {
      const f = fakeRun(GRAPH);
      const out = await runSchedule(GRAPH, { jobs, run: f.run });
      expect(out.size).toBe(GRAPH.length);
      for (const o of out.values()) expect(o.kind).toBe("ran");
      expect(f.peak()).toBeLessThanOrEqual(jobs);
      if (jobs > 1) expect(f.peak()).toBeGreaterThan(1);
    }
  });
  it("starts the head of the longest chain first", async () => {
    const f = fakeRun(GRAPH);
    await runSchedule(GRAPH, { jobs: 1, run: f.run });
    const starts = f.log.filter((l) => l.startsWith("start")).map((l) => l.slice(6));
    expect(starts[0]).toBe("Spec.Model");
    // after Thm.Model, the 57 s FixB (a leaf of the longest chain) before the 9 s Headline
    expect(starts.indexOf("Thm.FixB")).toBeLessThan(starts.indexOf("Headline"));
    const cp = criticalPath(GRAPH);
    expect(cp.get("Spec.Model")).toBe(78 + 22 + 57 + 11);
    expect(cp.get("All")).toBe(11);
  });
  it("does not run what imports a failed module, and says which import blocked it", async () => {
    const f = fakeRun(GRAPH, new Set(["Thm.Witnesses"]));
    const done: string[] = [];
    const out = await runSchedule(GRAPH, { jobs: 2, run: f.run, onDone: (n) => done.push(n) });
    expect(out.get("Thm.Witnesses")).toMatchObject({ kind: "ran", ok: false });
    expect(out.get("Thm.Orphan")).toEqual({ kind: "blocked", by: ["Thm.Witnesses"] });
    expect(out.get("Thm.Projection")).toEqual({ kind: "blocked", by: ["Thm.Witnesses"] });
    const all = out.get("All");
    expect(all?.kind).toBe("blocked");
    expect(out.get("Thm.FixB")).toMatchObject({ kind: "ran", ok: true });
    expect(f.log).not.toContain("start Thm.Orphan");
    expect(done.sort()).toEqual(GRAPH.map((m) => m.name).sort());
  });
  it("refuses an import cycle", async () => {
    const cyc: ScheduledModule[] = [
      { name: "A", imports: ["B"], estimate: 1 },
      { name: "B", imports: ["A"], estimate: 1 },
    ];
    await expect(runSchedule(cyc, { jobs: 2, run: async () => ({ ok: true, result: 0 }) })).rejects.toThrow(/cycle/);
  });
  it("passes a checker's exception on instead of hanging", async () => {
    await expect(runSchedule(GRAPH, { jobs: 2, run: async () => { throw new Error("engine gone"); } })).rejects.toThrow(/engine gone/);
  });
});
