import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eventLine } from "../../src/contract/trace/writer.ts";
import { writeFileAtomic } from "../../src/util/fs-atomic.ts";
import { quotedRulesFingerprint } from "../../src/contract/rules/quoted-fingerprint.ts";
import { writeFileSync, mkdirSync } from "node:fs";

describe("trace writer", () => {
  it("writes atomically and leaves no temporary file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trace-"));
    const p = join(dir, "sub", "t.ndjson");
    await writeFileAtomic(p, "a\n");
    await writeFileAtomic(p, "b\n");
    expect(readFileSync(p, "utf8")).toBe("b\n");
    expect(readdirSync(join(dir, "sub"))).toEqual(["t.ndjson"]);
  });
  it("orders event keys and params canonically whatever the input order", () => {
    const line = eventLine({ post: { "slc": "idle" }, outcome: "ok", params: { k: 1, h: 0 }, action: "RemoveShape", process: "api", seq: 3, kind: "event" });
    expect(line).toBe('{"kind":"event","seq":3,"process":"api","action":"RemoveShape","params":{"h":0,"k":1},"outcome":"ok","post":{"slc":"idle"}}');
  });
  it("quotes the Lean rules fingerprint when the export exists, else 'unavailable'", () => {
    const dir = mkdtempSync(join(tmpdir(), "rules-")) + "/";
    expect(quotedRulesFingerprint("PreFix", dir)).toBe("unavailable");
    const fp = "a".repeat(64);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "PreFix.json"), JSON.stringify({ rulesFingerprint: fp }));
    expect(quotedRulesFingerprint("PreFix", dir)).toBe(fp);
    writeFileSync(join(dir, "FixA.json"), "{not json");
    expect(quotedRulesFingerprint("FixA", dir)).toBe("unavailable");
  });
});
