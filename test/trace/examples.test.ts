// The committed example traces regenerate byte for byte, and every line is schema-valid.
// Regenerate after an intended change with: UPDATE_TRACES=1 npx vitest run test/trace/examples.test.ts
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXAMPLES, TRACES_DIR, generateExample } from "../helpers/examples.ts";
import { writeFileAtomic } from "../../src/util/fs-atomic.ts";
import { validateRecord } from "../helpers/trace-schema.ts";

const update = process.env.UPDATE_TRACES === "1";

describe("committed example traces", () => {
  for (const ex of EXAMPLES) {
    it(`${ex.file} regenerates byte-identically`, async () => {
      const text = generateExample(ex);
      const path = `${TRACES_DIR}${ex.file}`;
      if (update || !existsSync(path)) await writeFileAtomic(path, text);
      expect(readFileSync(path, "utf8")).toBe(text);
      const lines = text.trimEnd().split("\n");
      lines.forEach((l, i) => expect(validateRecord(JSON.parse(l)), `line ${i + 1}`).toEqual([]));
    });
  }

  it("the PreFix recipe trace crashes and no fix does", () => {
    for (const ex of EXAMPLES.filter((e) => e.scenario === "race-recipe.yaml")) {
      const crashes = generateExample(ex).split("\n").filter((l) => l.includes('"outcome":"crash"')).length;
      expect(crashes, ex.variant).toBe(ex.variant === "PreFix" ? 1 : 0);
    }
  });
});
