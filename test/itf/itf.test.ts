// ITF interop: export -> import round trip, Quint-style input (qualified names, MBT variables,
// variants, #set/#tup/#map), and located import errors.
import { describe, expect, it } from "vitest";
import { genTrace, toyModel, toyRules } from "../checker/helpers.ts";
import { toItf } from "../../src/itf/export.ts";
import { importItf } from "../../src/itf/import.ts";
import { checkItfText } from "../../src/itf/check.ts";
import { decode } from "../../src/itf/value.ts";
import { parseEvent, parseHeader } from "../../src/contract/trace/parse.ts";
import type { TraceEvent } from "../../src/contract/trace/types.ts";
import { formatResult } from "../../src/checker/report.ts";

async function ourTrace(seed: number) {
  const lines = genTrace(await toyModel("ToyPreFix"), seed);
  const h = parseHeader(JSON.parse(lines[0]!));
  if (!h.ok) throw new Error(h.error);
  const events = lines.slice(1).map((l) => { const e = parseEvent(JSON.parse(l)); if (!e.ok) throw new Error(e.error); return e.value; });
  return { header: h.value, events };
}

describe("ITF values", () => {
  it("decodes #bigint, #tup, #set, #map, variants, records; rejects unknown forms", () => {
    const d = decode({ a: { "#bigint": "-12" }, b: { "#tup": [1, true] }, c: { "#set": ["x"] }, d: { "#map": [[{ "#bigint": "0" }, "v"]] }, e: { tag: "Some", value: 3 } }, "v");
    expect(d.ok).toBe(true);
    expect(decode({ "#weird": 1 }, "v")).toEqual({ ok: false, error: "v: unknown ITF form '#weird'" });
    expect(decode({ "#bigint": "1.5" }, "v").ok).toBe(false);
    expect(decode(2 ** 60, "v").ok).toBe(false);
  });
});

describe("ITF export/import", () => {
  it("round-trips: the imported trace equals ours (full-state posts) and passes the checker", async () => {
    for (const seed of [1, 2, 3, 4]) {
      const t = await ourTrace(seed);
      const itf = toItf(t.header, t.events, "mem.ndjson") as { states: unknown[]; vars: string[]; "#meta": Record<string, unknown> };
      expect(itf.states.length).toBe(t.events.length + 1);
      expect(itf["#meta"].format).toBe("ITF");
      expect((itf.states[1] as { "#meta": { index: number } })["#meta"].index).toBe(1);
      const json = JSON.parse(JSON.stringify(itf));
      const imp = await importItf(json, "x.itf.json", { rules: toyRules() });
      if (!imp.ok) throw new Error(imp.error.message);
      expect(imp.value.header.init).toEqual(t.header.init);
      expect(imp.value.header.rulesFingerprint).toBe(t.header.rulesFingerprint);
      expect(imp.value.header.bounds).toEqual(t.header.bounds);
      let state = { ...t.header.init };
      imp.value.events.forEach((e: TraceEvent, i: number) => {
        const o = t.events[i]!;
        state = { ...state, ...o.post };
        expect({ ...e, post: undefined }).toEqual({ ...o, post: undefined });
        expect(e.post).toEqual(state);
      });
      const r = await checkItfText(JSON.stringify(itf), "x.itf.json", { rules: toyRules() });
      expect(r.divergence?.message).toBeUndefined();
      expect(r.events).toBe(t.events.length);
    }
  });

  it("imports a Quint-style trace: qualified names, mbt:: action/picks, variants, #set booleans, no #meta variant", async () => {
    const t = await ourTrace(2);
    const itf = toItf(t.header, t.events, "mem.ndjson") as { "#meta": Record<string, unknown>; vars: string[]; states: Record<string, unknown>[] };
    const quint = {
      "#meta": { format: "ITF", source: "toy.qnt", status: "ok" },
      vars: itf.vars.map((v) => (v.startsWith("mbt::") ? v : `toy::${v}`)),
      states: itf.states.map((s) => {
        const o: Record<string, unknown> = { "#meta": s["#meta"] };
        for (const [k, v] of Object.entries(s)) {
          if (k === "#meta" || ["action", "params", "process", "outcome", "seq"].includes(k)) continue;
          if (k === "router") {
            const entries = (v as { "#map": [unknown, boolean][] })["#map"];
            o["toy::router"] = { "#set": entries.filter(([, b]) => b).map(([i]) => i) };
          } else if (k === "slc") o["toy::slc"] = { tag: (v as string).charAt(0).toUpperCase() + (v as string).slice(1), value: { "#tup": [] } };
          else if (k === "unacked") o["toy::unacked"] = (v as { "#bigint": string })["#bigint"] === "-1" ? { tag: "None", value: { "#tup": [] } } : { tag: "Some", value: v };
          else if (k === "touches") {
            const rows = (v as { "#map": [{ "#bigint": string }, { "#map": [{ "#bigint": string }, boolean][] }][] })["#map"];
            o["toy::touches"] = { "#map": rows.flatMap(([t, row]) => row["#map"].map(([h, b]) => [{ "#tup": [t, h] }, b])) };
          } else o[k.startsWith("mbt::") ? k : `toy::${k}`] = v;
        }
        return o;
      }),
    };
    const r = await checkItfText(JSON.stringify(quint), "q.itf.json", { rules: toyRules(), variant: "ToyPreFix", bounds: t.header.bounds });
    expect(r.divergence?.message).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.warnings.join("\n")).toMatch(/carries no rulesFingerprint/);
    expect(r.warnings.join("\n")).toMatch(/no 'outcome' variable/);
  });

  it("locates import errors by state index and divergences by state", async () => {
    const t = await ourTrace(3);
    const itf = toItf(t.header, t.events, "mem.ndjson") as { states: Record<string, unknown>[] };
    const bad1 = JSON.parse(JSON.stringify(itf));
    bad1.states[2].status = "present";
    let r = await checkItfText(JSON.stringify(bad1), "b.itf.json", { rules: toyRules() });
    expect(formatResult(r)).toMatch(/^FAIL b\.itf\.json states\[2\]: ITF: status: 'status' is indexed by handle; expected a #map/);
    const bad2 = JSON.parse(JSON.stringify(itf));
    bad2.states[3].action = "Frobnicate";
    r = await checkItfText(JSON.stringify(bad2), "b.itf.json", { rules: toyRules() });
    expect(formatResult(r)).toMatch(/^FAIL b\.itf\.json states\[3\] \(event seq 3\): unknown action 'Frobnicate'/);
    r = await checkItfText("{", "b.itf.json", { rules: toyRules() });
    expect(formatResult(r)).toMatch(/^FAIL b\.itf\.json: malformed JSON/);
    const bad3 = JSON.parse(JSON.stringify(itf));
    delete bad3["#meta"].variant;
    r = await checkItfText(JSON.stringify(bad3), "b.itf.json", { rules: toyRules() });
    expect(formatResult(r)).toMatch(/no variant: .*pass --variant/);
  });
});
