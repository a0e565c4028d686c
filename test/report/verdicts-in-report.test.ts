// The audit report words its verdicts from Lean's verdict export, not from a list of its own.
import { describe, expect, it } from "vitest";
import { collectAudit } from "../../src/report/collect.ts";
import { renderAudit } from "../../src/report/audit-markdown.ts";
import { verdictTable } from "../../src/report/verdict-table.ts";
import { PROJECT_ROOT } from "../../src/util/project-root.ts";

describe("report verdicts", () => {
  it("carries the export's verdict table and each theorem's exported kind", async () => {
    const data = await collectAudit(PROJECT_ROOT);
    const md = renderAudit(data);
    expect(md).toContain(verdictTable(data.verdicts));
    expect(md).toMatch(/### `ElectricRace\.fixC_noWindow`[\s\S]*?- verdicts \(lean\/rules\/verdicts\.json\): safetyAtBounds at H=C=K=T=1 FixC `raceWindow`/);
    // a forged export changes what the report says
    const forged = { ...data, verdicts: { ...data.verdicts, theorems: data.verdicts.theorems.filter((t) => t.name !== "ElectricRace.fixC_noWindow") } };
    expect(renderAudit(forged)).toMatch(/### `ElectricRace\.fixC_noWindow`[\s\S]*?- verdicts \(lean\/rules\/verdicts\.json\): none/);
  });
});
