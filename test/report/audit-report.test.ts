import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { collectAudit, leanExcerpt } from "../../src/report/collect.ts";

describe("Lean excerpts", () => {
  const src = [
    "namespace N",
    "/-- A doc",
    "   on two lines. -/",
    "public theorem t_one (x : Nat) :",
    "    x = x := by",
    "  rfl",
    "-- theorem t_two is only mentioned in a comment",
    "theorem t_two : True := trivial",
  ].join("\n");

  it("takes the docstring and the statement, not the proof", () => {
    expect(leanExcerpt(src, "F.lean", "N.t_one")).toEqual({ file: "F.lean", line: 4, text: "/-- A doc\n   on two lines. -/\npublic theorem t_one (x : Nat) :\n    x = x := …" });
  });

  it("skips mentions in comments and does not match longer names", () => {
    expect(leanExcerpt(src, "F.lean", "N.t_two")?.line).toBe(8);
    expect(leanExcerpt(src, "F.lean", "N.t")).toBeUndefined();
  });
});

describe("audit report over this repository", () => {
  it("finds the Lean statement of every headline theorem, and every committed trace passes", async () => {
    const data = await collectAudit(resolve(import.meta.dirname, "..", ".."));
    expect(data.theorems.length).toBeGreaterThan(0);
    for (const t of data.theorems) expect(t.lean, `${t.theorem.name}: declaration found in ${t.theorem.module}`).toBeDefined();
    expect(data.traces.filter((t) => !t.ok).map((t) => `${t.file}: ${t.problem}`)).toEqual([]);
    // every exported action is performed somewhere in the implementation
    expect([...data.code].filter(([, sites]) => sites.length === 0).map(([a]) => a)).toEqual([]);
  }, 120_000);
});
