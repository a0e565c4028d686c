// The performing process is matched exactly against the rules' declaration (process plus the
// parameter naming its instance), on every path: NDJSON with and without the trace schema, and
// ITF import. Before, `consumer:0` passed for `ConsumerCrash {c:2,k:0}` (any parameter equal to
// 0 was accepted) and `api:0` passed for `RemoveShape` without the schema.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RulesCache } from "../../src/checker/rules.ts";
import { loadTraceSchema, type LineValidator } from "../../src/contract/trace/schema.ts";
import { parseEvent, parseHeader } from "../../src/contract/trace/parse.ts";
import type { TraceEvent } from "../../src/contract/trace/types.ts";
import { toItf } from "../../src/itf/export.ts";
import { checkItfText } from "../../src/itf/check.ts";
import { checkLines } from "./helpers.ts";

const rules = new RulesCache();
const LIFECYCLE = "traces/consumer-lifecycle.PreFix.ndjson";
const RECIPE = "traces/race-recipe.PreFix.ndjson";

async function schema(): Promise<LineValidator> {
  const s = await loadTraceSchema();
  if (!s.ok || s.value === undefined) throw new Error(`the trace schema must load: ${s.ok ? "missing" : s.error}`);
  return s.value;
}

const read = (file: string): string[] => readFileSync(file, "utf8").trimEnd().split("\n");

/** A committed trace with the process of the first event of `action` replaced. */
function forged(file: string, action: string, process: string): { lines: string[]; line: number } {
  const lines = read(file);
  const i = lines.findIndex((l) => (JSON.parse(l) as { action?: string }).action === action);
  if (i < 0) throw new Error(`${file} has no ${action} event`);
  lines[i] = JSON.stringify({ ...(JSON.parse(lines[i]!) as object), process });
  return { lines, line: i + 1 };
}

function itfOf(lines: string[]): string {
  const h = parseHeader(JSON.parse(lines[0]!));
  if (!h.ok) throw new Error(h.error);
  const evs: TraceEvent[] = lines.slice(1).map((l) => {
    const e = parseEvent(JSON.parse(l));
    if (!e.ok) throw new Error(e.error);
    return e.value;
  });
  return JSON.stringify(toItf(h.value, evs, "forged.ndjson"));
}

describe("process names are matched exactly", () => {
  it("the committed traces pass on every path (the forgeries below are the only change)", async () => {
    for (const file of [LIFECYCLE, RECIPE]) {
      const lines = read(file);
      expect((await checkLines(lines, { rules })).divergence?.message, file).toBeUndefined();
      expect((await checkLines(lines, { rules, validateLine: await schema() })).divergence?.message, file).toBeUndefined();
      expect((await checkItfText(itfOf(lines), "x.itf.json", { rules })).divergence?.message, file).toBeUndefined();
    }
  });

  const cases: [string, string, string, RegExp][] = [
    // c=2, k=0: the instance is named by c, so consumer:0 is another consumer's name
    [LIFECYCLE, "ConsumerCrash", "consumer:0", /ConsumerCrash\(c=2, k=0\) is performed by process 'consumer:2'.*parameter 'c'.*says 'consumer:0'/],
    [RECIPE, "RemoveShape", "api:0", /RemoveShape\(h=0, k=0\) is performed by process 'api', but the event says 'api:0'/],
  ];
  for (const [file, action, process, re] of cases) {
    it(`${action} by '${process}' is rejected without the schema`, async () => {
      const f = forged(file, action, process);
      const d = (await checkLines(f.lines, { rules })).divergence;
      expect([d?.kind, d?.line]).toEqual(["process", f.line]);
      expect(d?.message).toMatch(re);
    });
    it(`${action} by '${process}' is rejected with the schema`, async () => {
      const f = forged(file, action, process);
      const d = (await checkLines(f.lines, { rules, validateLine: await schema() })).divergence;
      expect(d?.line).toBe(f.line);
      expect(["process", "schema"]).toContain(d?.kind);
    });
    it(`${action} by '${process}' is rejected through ITF import`, async () => {
      const f = forged(file, action, process);
      const d = (await checkItfText(itfOf(f.lines), "x.itf.json", { rules })).divergence;
      expect([d?.kind, d?.line]).toEqual(["process", f.line - 1]); // ITF: state index = event seq
      expect(d?.message).toMatch(re);
    });
  }
});
