// The README's verdict table is generated from Lean's verdict export; this fails when the
// committed README differs, and says which command regenerates it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { spliceTable, verdictTable, TABLE_BEGIN } from "../../src/report/verdict-table.ts";
import { committedVerdicts } from "../helpers/lean-properties.ts";

describe("README verdict table", () => {
  it("is exactly the table generated from lean/rules/verdicts.json", () => {
    const readme = readFileSync("README.md", "utf8");
    expect(readme).toContain(TABLE_BEGIN);
    const spliced = spliceTable(readme, verdictTable(committedVerdicts()));
    if (!spliced.ok) throw new Error(spliced.error);
    expect(spliced.text === readme, "README.md's verdict table is stale: run `npm run -s verdicts -- --markdown --write`").toBe(true);
  });
  it("a changed export changes the table (the check can fail)", () => {
    const doc = committedVerdicts();
    const forged = { ...doc, theorems: doc.theorems.filter((t) => t.name !== "ElectricRace.fixC_noWindow_allBounds") };
    expect(verdictTable(forged)).not.toBe(verdictTable(doc));
    const col = (t: string, variant: string, prop: string): string => {
      const lines = t.split("\n");
      const header = lines.find((l) => l.startsWith("| variant"))!.split(" | ");
      return lines.find((l) => l.startsWith(`| \`${variant}\``))!.split(" | ")[header.indexOf(`\`${prop}\``)]!;
    };
    expect(col(verdictTable(forged), "FixC", "raceWindow")).toMatch(/^not decided by Lean/);
    expect(col(verdictTable(doc), "FixC", "raceWindow")).toMatch(/^\*\*impossible\*\*/);
  });
  it("FixC's raceWindow is impossible and routedNotPresent reachable, two columns", () => {
    const t = verdictTable(committedVerdicts());
    const lines = t.split("\n");
    const header = lines.find((l) => l.startsWith("| variant"))!.split(" | ");
    const cells = lines.find((l) => l.startsWith("| `FixC`"))!.split(" | ");
    expect(cells[header.indexOf("`raceWindow`")]).toBe("**impossible**, all bounds (`fixC_noWindow_allBounds`)");
    expect(cells[header.indexOf("`routedNotPresent`")]).toContain("**reachable** by witness (`fixC_tombstone_routed`)");
  });
  it("a liveness theorem makes its starvation cell impossible for all bounds, with its fairness assumptions, and FixA stays undecided", () => {
    const t = verdictTable(committedVerdicts());
    const lines = t.split("\n");
    // the last column ends in " |": cut it so that every cell splits alike
    const cells = (l: string) => l.replace(/ \|$/, "").split(" | ");
    const header = cells(lines.find((l) => l.startsWith("| variant"))!);
    const row = (v: string) => cells(lines.find((l) => l.startsWith(`| \`${v}\``))!);
    const sr = row("SerializedRemoval");
    expect(sr[header.indexOf("`removalStarves`")]).toMatch(/^\*\*impossible\*\*, all bounds, in every run with weak fairness .*finitely many unforced moves.*\(`serializedRemoval_removal_fairRuns_settle_allBounds`\)/);
    expect(sr[header.indexOf("`ackStarves`")]).toContain("(`serializedRemoval_ack_fairRuns_settle_allBounds`)");
    expect(row("FixA")[header.indexOf("`removalStarves`")]).toMatch(/^not decided by Lean/);
    // FixA2 and FixC: the acknowledgement is proved live, the removal keeps its orphan counterexample
    expect(row("FixC")[header.indexOf("`ackStarves`")]).toMatch(/^\*\*impossible\*\*, all bounds, in every run with weak fairness .*\(`fixC_ack_fairRuns_settle_allBounds`\)/);
    expect(row("FixC")[header.indexOf("`removalStarves`")]).toBe("**reachable** by witness (`fixC_removal_starves_orphan`)");
    expect(row("FixA2")[header.indexOf("`ackStarves`")]).toMatch(/^\*\*impossible\*\*, all bounds, in every run with weak fairness .*\(`fixA2_ack_fairRuns_settle_allBounds`\)/);
    expect(row("PreFix")[header.indexOf("`ackStarves`")]).toMatch(/^not decided by Lean/);
  });
  it("the txnLoss column: every variant impossible for all bounds with no assumption, each by its own theorem", () => {
    const lines = verdictTable(committedVerdicts()).split("\n");
    const cells = (l: string) => l.replace(/ \|$/, "").split(" | ");
    const header = cells(lines.find((l) => l.startsWith("| variant"))!);
    const rows = lines.filter((l) => /^\| `[A-Za-z0-9]+` \|/.test(l));
    expect(rows.length).toBe(6);
    for (const l of rows) {
      const variant = /^\| `([A-Za-z0-9]+)`/.exec(l)![1]!;
      const prefix = variant[0]!.toLowerCase() + variant.slice(1);
      expect(cells(l)[header.indexOf("`txnLoss`")], variant).toBe(`**impossible**, all bounds (\`${prefix}_noTxnLoss_allBounds\`)`);
    }
  });
});
