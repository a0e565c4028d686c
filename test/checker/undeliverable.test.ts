// HEAD (FixA2) records what its publish could not deliver (electric.md 3.4, 4): `no_shape` for a
// handle whose pid resolved to nil, `noproc` for a stale dead pid. Earlier versions drop both
// silently. The implementation writes the cell, the traces show it, the checker verifies it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RulesCache } from "../../src/checker/rules.ts";
import { checkLines } from "./helpers.ts";

const rules = new RulesCache();
type Ev = { kind: string; action?: string; post?: Record<string, unknown> };
const read = (file: string): string[] => readFileSync(file, "utf8").trimEnd().split("\n");
const events = (lines: string[]): Ev[] => lines.slice(1).map((l) => JSON.parse(l) as Ev);
const undeliverableCells = (e: Ev): string[] => Object.keys(e.post ?? {}).filter((k) => k.startsWith("undeliverable["));

/** Replace the post of the first event of `action` with `f(post)`. */
function editPost(lines: string[], action: string, f: (post: Record<string, unknown>) => Record<string, unknown>): { lines: string[]; line: number } {
  const out = lines.slice();
  const i = out.findIndex((l) => (JSON.parse(l) as Ev).action === action);
  if (i < 0) throw new Error(`no ${action} event`);
  const e = JSON.parse(out[i]!) as Ev;
  out[i] = JSON.stringify({ ...e, post: f(e.post ?? {}) });
  return { lines: out, line: i + 1 };
}

describe("undeliverable records (FixA2 only)", () => {
  it("the FixA and FixA2 recipe traces are the same run and differ only where HEAD records :no_shape", () => {
    const a = events(read("traces/race-recipe.FixA.ndjson"));
    const a2 = events(read("traces/race-recipe.FixA2.ndjson"));
    expect(a.map((e) => e.action)).toEqual(a2.map((e) => e.action));
    const strip = (e: Ev): Ev => ({ ...e, post: Object.fromEntries(Object.entries(e.post ?? {}).filter(([k]) => !k.startsWith("undeliverable["))) });
    expect(a2.map(strip)).toEqual(a);
    expect(a.flatMap(undeliverableCells)).toEqual([]);
    const recorded = a2.filter((e) => undeliverableCells(e).length > 0);
    expect(recorded.map((e) => [e.action, e.post!["undeliverable[0]"]])).toEqual([["SlcBroadcast", "no_shape"]]);
  });

  it("a stale dead pid is recorded as :noproc at HEAD and nowhere in PreFix", () => {
    const pre = events(read("traces/stale-dead-pid.PreFix.ndjson"));
    const head = events(read("traces/stale-dead-pid.FixA2.ndjson"));
    expect(pre.flatMap(undeliverableCells)).toEqual([]);
    expect(head.filter((e) => e.post?.["undeliverable[0]"] === "noproc").map((e) => e.action)).toEqual(["SlcBroadcast"]);
  });

  it("every committed trace with a record passes the checker", async () => {
    for (const f of ["traces/race-recipe.FixA2.ndjson", "traces/stale-dead-pid.FixA2.ndjson"])
      expect((await checkLines(read(f), { rules })).divergence?.message, f).toBeUndefined();
  });

  it("a forged reason is rejected, naming the cell, the expected and the observed reason", async () => {
    const f = editPost(read("traces/race-recipe.FixA2.ndjson"), "SlcBroadcast", (p) => ({ ...p, "undeliverable[0]": "noproc" }));
    const d = (await checkLines(f.lines, { rules })).divergence;
    expect([d?.kind, d?.line]).toEqual(["post", f.line]);
    expect(d?.message).toMatch(/undeliverable\[0\] \(expected "no_shape", observed "noproc"\)/);
  });

  it("an omitted record and a record FixA never makes are rejected", async () => {
    const omitted = editPost(read("traces/race-recipe.FixA2.ndjson"), "SlcBroadcast", (p) => {
      const { ["undeliverable[0]"]: _gone, ...rest } = p;
      return rest;
    });
    const d1 = (await checkLines(omitted.lines, { rules })).divergence;
    expect([d1?.kind, d1?.line]).toEqual(["post", omitted.line]);
    expect(d1?.message).toMatch(/not reported in post: undeliverable\[0\] \("none" -> "no_shape"\)/);
    const invented = editPost(read("traces/race-recipe.FixA.ndjson"), "SlcBroadcast", (p) => ({ ...p, "undeliverable[0]": "no_shape" }));
    const d2 = (await checkLines(invented.lines, { rules })).divergence;
    expect([d2?.kind, d2?.line]).toEqual(["post", invented.line]);
    expect(d2?.message).toMatch(/undeliverable\[0\] \(expected "none", observed "no_shape"\)/);
  });

  it("a value outside the cell's enum is refused as such", async () => {
    const f = editPost(read("traces/race-recipe.FixA2.ndjson"), "SlcBroadcast", (p) => ({ ...p, "undeliverable[0]": "absent" }));
    const d = (await checkLines(f.lines, { rules })).divergence;
    expect(d?.message).toMatch(/post cell 'undeliverable\[0\]' must be one of "none", "no_shape", "noproc", got "absent"/);
  });
});
