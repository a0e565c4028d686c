import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eventLine, writeFileAtomic } from "../../src/trace/writer.ts";
import { parseNdjson } from "../../src/trace/reader.ts";
import { rulesFingerprint } from "../../src/trace/fingerprint.ts";
import { writeFileSync, mkdirSync } from "node:fs";

describe("trace writer and reader", () => {
  it("writes atomically and leaves no temporary file", () => {
    const dir = mkdtempSync(join(tmpdir(), "trace-"));
    const p = join(dir, "sub", "t.ndjson");
    writeFileAtomic(p, "a\n");
    writeFileAtomic(p, "b\n");
    expect(readFileSync(p, "utf8")).toBe("b\n");
    expect(readdirSync(join(dir, "sub"))).toEqual(["t.ndjson"]);
  });
  it("orders event keys and params canonically whatever the input order", () => {
    const line = eventLine({ post: { "slc": "idle" }, outcome: "ok", params: { k: 1, h: 0 }, action: "RemoveShape", process: "api", seq: 3, kind: "event" });
    expect(line).toBe('{"kind":"event","seq":3,"process":"api","action":"RemoveShape","params":{"h":0,"k":1},"outcome":"ok","post":{"slc":"idle"}}');
  });
  it("parses NDJSON with line numbers and reports the bad line", () => {
    const ok = parseNdjson('{"a":1}\n\n{"b":2}\n');
    expect(ok.ok && ok.lines.map((l) => l.line)).toEqual([1, 3]);
    const bad = parseNdjson('{"a":1}\n{oops\n');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.line).toBe(2);
  });
  it("quotes the Lean rules fingerprint when the export exists, else 'unavailable'", () => {
    const dir = mkdtempSync(join(tmpdir(), "rules-")) + "/";
    expect(rulesFingerprint("PreFix", dir)).toBe("unavailable");
    const fp = "a".repeat(64);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "PreFix.json"), JSON.stringify({ rulesFingerprint: fp }));
    expect(rulesFingerprint("PreFix", dir)).toBe(fp);
    writeFileSync(join(dir, "FixA.json"), "{not json");
    expect(rulesFingerprint("FixA", dir)).toBe("unavailable");
  });
});
