// The bounded, seeded fuzz run of `npm test` (issue 9): mutants of every committed trace, over
// NDJSON with and without the schema and over ITF. The long run is `npm run fuzz -- --cases N`.
import { describe, expect, it } from "vitest";
import { fuzz, loadCorpus } from "./harness.ts";
import { ITF_MUTATIONS, NDJSON_MUTATIONS } from "./mutants.ts";

describe("fuzz: 800 seeded mutants", async () => {
  const corpus = await loadCorpus();
  const s = await fuzz(corpus, { cases: 800, seed: 20261201, keep: 3 });

  it("covers every mutation kind on its paths", () => {
    for (const m of NDJSON_MUTATIONS) expect(s.byKind[`ndjson+schema:${m.kind}`]?.cases ?? 0, m.kind).toBeGreaterThan(0);
    for (const m of ITF_MUTATIONS) expect(s.byKind[`itf:${m.kind}`]?.cases ?? 0, m.kind).toBeGreaterThan(0);
  });
  it("no uncaught exception", () => expect(s.crashes).toEqual([]));
  it("no mutant that is invalid by construction is accepted", () => expect(s.falseAccepts).toEqual([]));
  it("every rejection is located and carries no raw control character", () => {
    expect(s.unlocated).toEqual([]);
    expect(s.unescaped).toEqual([]);
  });
  it("no answer costs more than a second of CPU", () => expect(s.hangs).toEqual([]));
});
