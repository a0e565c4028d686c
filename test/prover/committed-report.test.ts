// Fast, Lean-free guard: the committed proof report must describe the Lean sources as they are.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { listLeanSources } from "../../src/prover/lean-sources.ts";
import { loadHeadline } from "../../src/prover/headline.ts";
import { loadPackage } from "../../src/prover/lake-package.ts";
import type { ProofReport } from "../../src/contract/proof-report.ts";

const lean = resolve(import.meta.dirname, "..", "..", "lean");
const reportPath = join(lean, "proof-report.json");


describe("committed proof report (lean/proof-report.json)", () => {
  const report = existsSync(reportPath) ? (JSON.parse(readFileSync(reportPath, "utf8")) as ProofReport) : undefined;

  it("exists", () => {
    expect(report, "lean/proof-report.json is missing: run `npm run prove` and commit it").toBeDefined();
  });

  it("records the SHA-256 of every Lean source as it is now", async () => {
    const actual: Record<string, string> = {};
    for (const f of await listLeanSources(lean)) actual[f] = createHash("sha256").update(readFileSync(join(lean, f))).digest("hex");
    expect(report?.sources, "the Lean sources changed since the proof report was written: run `npm run prove` and commit lean/proof-report.json").toEqual(actual);
  });

  it("lists every headline theorem as checked, with no denied axiom", async () => {
    const pkg = await loadPackage(lean);
    const headline = await loadHeadline(lean, new Set(pkg.modules.map((m) => m.name)));
    expect(report?.ok).toBe(true);
    const byName = new Map(report?.theorems.map((t) => [t.name, t]));
    for (const t of headline) {
      expect(byName.get(t.name)?.status, `${t.name} in lean/proof-report.json`).toBe("checked");
      expect(byName.get(t.name)?.denied).toEqual([]);
    }
  });
});
