// The vocabulary in code matches docs/contracts.md: a change to the contract's tables shows up here.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { ACTION_LABELS } from "../../src/contract/vocabulary.ts";
import { cellKeys } from "../../src/contract/vocabulary.ts";

const doc = readFileSync("docs/contracts.md", "utf8");

function tableFirstColumn(afterHeading: string, header: string): string[] {
  const start = doc.indexOf(afterHeading);
  const lines = doc.slice(start).split("\n");
  const h = lines.findIndex((l) => l.startsWith(header));
  const out: string[] = [];
  for (const l of lines.slice(h + 2)) {
    if (!l.startsWith("|")) break;
    const m = /^\|\s*`([^`]+)`/.exec(l);
    if (m?.[1]) out.push(m[1]);
  }
  return out;
}

describe("contract vocabulary", () => {
  it("action labels are exactly the contract's", () => {
    const contract = tableFirstColumn("### Actions", "| label");
    expect([...ACTION_LABELS].sort()).toEqual([...contract].sort());
  });
  it("cell names are exactly the contract's", () => {
    const names = tableFirstColumn("### State cells", "| cell").map((c) => c.replace(/\[.*$/, ""));
    const mine = [...new Set(cellKeys({ H: 1, C: 1, K: 1, T: 1 }).map((k) => k.replace(/\[.*$/, "")))];
    expect(mine.sort()).toEqual([...new Set(names)].sort());
  });
});
