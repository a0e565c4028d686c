import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { filterEngineStderr, formatDiagnostic, isSorry, parseJsonMessages, parseTextMessages } from "../../src/prover/diagnostics.ts";
import { takeAuditResults } from "../../src/prover/axiom-audit.ts";

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");

describe("diagnostics from the bundled engine (recorded output)", () => {
  it("parses hasSorry and the audit's information message", () => {
    const { diagnostics, other } = parseJsonMessages(fixture("recorded/sorry-and-audit.stdout.jsonl"));
    expect(other).toEqual([]);
    expect(diagnostics).toHaveLength(2);
    const sorry = diagnostics[0]!;
    expect(sorry).toMatchObject({ file: "shadow/P/T.lean", line: 7, column: 8, severity: "warning", kind: "hasSorry" });
    expect(isSorry(sorry)).toBe(true);
    // the old per-theorem audit line is not a walker record: it stays a message
    const { found, rest } = takeAuditResults(diagnostics);
    expect(found).toBe(false);
    expect(rest).toHaveLength(2);
  });

  it("parses a kernel-refuted theorem with its location", () => {
    const text = fixture("recorded/false-theorem.stdout.jsonl");
    const { diagnostics } = parseJsonMessages(text);
    const err = diagnostics.find((d) => d.severity === "error");
    expect(err).toBeDefined();
    expect(formatDiagnostic(err!)).toMatch(/^Bad\/FalseThm\.lean:5:\d+: error: Tactic `decide` proved that the proposition/);
  });

  it("keeps non-JSON lines aside instead of failing", () => {
    const { diagnostics, other } = parseJsonMessages('garbage\n{"not":"a message"}\n{"severity":"error","data":"boom","pos":{"line":1,"column":2},"fileName":"X.lean"}\n');
    expect(other).toEqual(["garbage", '{"not":"a message"}']);
    expect(diagnostics).toEqual([{ file: "X.lean", line: 1, column: 2, severity: "error", kind: "", message: "boom" }]);
  });

  it("drops the fork's debug chatter from stderr and keeps the rest", () => {
    const lines = filterEngineStderr(fixture("recorded/debug-chatter.stderr.txt") + "\nworker sent an error! undefined:undefined: undefined\n");
    expect(lines).toEqual(["worker sent an error! undefined:undefined: undefined"]);
  });
});

describe("diagnostics from native Lake (synthetic text in Lake's format; no native Lake here)", () => {
  it("parses errors with continuation lines and sorry warnings", () => {
    const ds = parseTextMessages(fixture("lake-build.synthetic.txt"));
    expect(ds.map((d) => `${d.file}:${d.line}:${d.column}:${d.severity}:${d.kind}`)).toEqual([
      "Bad/FalseThm.lean:5:39:error:",
      "Bad/Sorry.lean:5:15:warning:hasSorry",
    ]);
    expect(ds[0]!.message).toBe("Tactic `decide` proved that the proposition\n  2 + 2 = 5\nis false");
  });

  it("accepts the file-first form too", () => {
    expect(parseTextMessages("Foo.lean:3:4: error: unknown identifier 'x'")).toEqual([
      { file: "Foo.lean", line: 3, column: 4, severity: "error", kind: "", message: "unknown identifier 'x'" },
    ]);
  });
});
