import { describe, expect, it } from "vitest";
import { validateRecord } from "../helpers/trace-schema.ts";
import { ACTION_LABELS } from "../../src/contract/vocabulary.ts";
import { readFileSync } from "node:fs";
import { SCHEMA_PATH } from "../helpers/trace-schema.ts";
import { cellKeys } from "../../src/contract/vocabulary.ts";
import { Ajv } from "ajv";

const header = JSON.parse(readFileSync("traces/race-recipe.PreFix.ndjson", "utf8").split("\n")[0] ?? "{}") as Record<string, unknown>;
const event = { kind: "event", seq: 1, process: "cleaner:0", action: "CleanerStatus", params: { k: 0 }, outcome: "ok", post: { "status[0]": "absent", "chainPc[0]": "stop" } };

describe("trace schema", () => {
  it("accepts the contract's header and event examples", () => {
    expect(validateRecord(header)).toEqual([]);
    expect(validateRecord(event)).toEqual([]);
  });
  it("compiles under ajv's strict mode (no unknown keywords, no ambiguous types)", () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as object;
    expect(() => new Ajv({ strict: true }).compile(schema)).not.toThrow();
  });
  it("lists exactly the contract's action labels", () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as { definitions: { actionLabel: { enum: string[] } } };
    expect(schema.definitions.actionLabel.enum).toEqual([...ACTION_LABELS]);
  });
  it("covers every cell key the implementation emits", () => {
    const init = header.init as Record<string, unknown>;
    expect(Object.keys(init)).toEqual(cellKeys({ H: 1, C: 1, K: 1, T: 1 }));
  });
  it.each([
    ["unknown action", { ...event, action: "CleanerDance" }],
    ["bad outcome", { ...event, outcome: "boom" }],
    ["seq 0", { ...event, seq: 0 }],
    ["bad cell key", { ...event, post: { "status[01]": "absent" } }],
    ["unknown cell", { ...event, post: { "mystery[0]": 1 } }],
    ["cell value outside its domain", { ...event, post: { "status[0]": "gone" } }],
    ["unknown param", { ...event, params: { x: 1 } }],
    ["bad process", { ...event, process: "cleaner" }],
    ["missing post", { kind: "event", seq: 1, process: "slc", action: "SlcRoute", params: {}, outcome: "ok" }],
  ])("rejects an event with %s", (_name, rec) => {
    expect(validateRecord(rec).length).toBeGreaterThan(0);
  });
  it.each([
    ["bad fingerprint", { ...header, rulesFingerprint: "abc" }],
    ["unknown variant", { ...header, variant: "FixD" }],
    ["bounds 0", { ...header, bounds: { H: 0, C: 1, K: 1, T: 1 } }],
    ["wrong format", { ...header, format: "electric-race-trace/2" }],
  ])("rejects a header with %s", (_name, rec) => {
    expect(validateRecord(rec).length).toBeGreaterThan(0);
  });
});
