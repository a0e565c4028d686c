import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { finishRulesExport, isVariantRulesFile, VERDICTS_FILE } from "../../src/prover/rules-export.ts";

describe("rules export: the verdict description is not a rules document", () => {
  it("tells variant rules from tables and the verdicts", () => {
    expect(isVariantRulesFile("PreFix.json")).toBe(true);
    expect(isVariantRulesFile("PreFix.table.json")).toBe(false);
    expect(isVariantRulesFile("PreFix.walks.json")).toBe(false);
    expect(isVariantRulesFile(VERDICTS_FILE)).toBe(false);
  });

  it("stamps verdicts.json with the sources' hash only, rules with their fingerprint too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rules-export-"));
    const build = join(dir, "build");
    const committed = join(dir, "rules");
    mkdirSync(build);
    mkdirSync(committed);
    writeFileSync(join(build, "verdicts.json"), JSON.stringify({ format: "electric-race-verdicts/1", theorems: [] }));
    writeFileSync(join(build, "PreFix.json"), JSON.stringify({ format: "electric-race-rules/1", variant: "PreFix" }));
    const r = await finishRulesExport(build, committed, "abc");
    expect(r.files.map((f) => [f.file, f.status])).toEqual([["PreFix.json", "new"], ["verdicts.json", "new"]]);
    const v = JSON.parse(readFileSync(join(committed, "verdicts.json"), "utf8")) as Record<string, unknown>;
    expect(v).toEqual({ format: "electric-race-verdicts/1", theorems: [], sourceSha256: "abc" });
    const rules = JSON.parse(readFileSync(join(committed, "PreFix.json"), "utf8")) as Record<string, unknown>;
    expect(typeof rules.rulesFingerprint).toBe("string");
    const again = await finishRulesExport(build, committed, "abc");
    expect(again.files.map((f) => f.status)).toEqual(["unchanged", "unchanged"]);
  });
});
