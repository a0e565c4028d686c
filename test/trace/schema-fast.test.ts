// The split schema validation (cells validated key by key with a memo) gives ajv's verdict on
// the whole schema, for valid lines and for lines broken in the cell map and around it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { defaultSchemaPath, loadTraceSchema } from "../../src/contract/trace/schema.ts";
import { rng } from "../fuzz/mutants.ts";

const dir = path.join(path.dirname(defaultSchemaPath), "..");
const lines = readdirSync(dir).filter((f) => f.endsWith(".ndjson")).flatMap((f) => readFileSync(path.join(dir, f), "utf8").split("\n").filter((l) => l !== ""));

describe("schema: split cell validation agrees with ajv on the whole schema", async () => {
  const fast = await loadTraceSchema();
  if (!fast.ok || !fast.value) throw new Error("trace schema missing");
  const full = new Ajv({ allErrors: false, strict: false, validateFormats: false }).compile(JSON.parse(readFileSync(defaultSchemaPath, "utf8")) as object);
  const agree = (v: unknown) => expect(fast.value!(v, 1) === undefined, JSON.stringify(v).slice(0, 200)).toBe(full(v));

  it(`every committed line (${lines.length}) is valid for both`, () => {
    expect(lines.length).toBeGreaterThan(100);
    for (const l of lines) {
      agree(JSON.parse(l));
      expect(fast.value!(JSON.parse(l), 1)).toBeUndefined();
    }
  });

  it("mutated cell maps and fields: same verdict, and a named path when invalid", () => {
    const r = rng(9);
    const bad: unknown[] = ["nope", 7, -2, true, null, [], {}, "present", "absent", 1.5];
    const keys = ["status[0]", "status[x]", "router[0][1]", "Status[0]", "zz", "nextTxn", "touches[0][0]", "cons[01]", "__proto__"];
    let invalid = 0;
    for (let i = 0; i < 3000; i++) {
      const v = JSON.parse(lines[Math.floor(r() * lines.length)]!) as Record<string, unknown>;
      const field = v.kind === "header" ? "init" : "post";
      const op = Math.floor(r() * 4);
      if (op === 0) (v[field] as Record<string, unknown>)[keys[Math.floor(r() * keys.length)]!] = bad[Math.floor(r() * bad.length)];
      else if (op === 1) v[field] = bad[Math.floor(r() * bad.length)];
      else if (op === 2) v[["seq", "process", "outcome", "bounds", "extra"][Math.floor(r() * 5)]!] = bad[Math.floor(r() * bad.length)];
      else {
        const cells = v[field] as Record<string, unknown>;
        const ks = Object.keys(cells);
        if (ks.length) cells[ks[Math.floor(r() * ks.length)]!] = bad[Math.floor(r() * bad.length)];
      }
      agree(v);
      const msg = fast.value!(v, 1);
      if (msg !== undefined) {
        invalid++;
        expect(msg).toMatch(/^does not match trace\.schema\.json: (\/|\(top level\))/);
      }
    }
    expect(invalid).toBeGreaterThan(1000);
  });
});
