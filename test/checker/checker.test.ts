// The checker on toy fixture rules: generated valid traces pass; malformed input is located;
// the mutation corpus is rejected with a located, rule-naming message.
import { describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { checkLines, checkText, genTrace, toyModel, toyRules } from "./helpers.ts";
import { dropEvent, editEvent, editHeader, parse, swapEvents, otherValue } from "./mutations.ts";
import { oracleFirstBad } from "./oracle.ts";
import { checkStream } from "../../src/checker/stream.ts";
import { formatResult } from "../../src/checker/report.ts";

const opts = () => ({ rules: toyRules() });

describe("valid traces", () => {
  it("accepts random walks of the rules for both toy variants", async () => {
    for (const v of ["ToyPreFix", "ToyFixA"]) {
      const m = await toyModel(v);
      for (let seed = 1; seed <= 30; seed++) {
        const lines = genTrace(m, seed);
        const r = await checkLines(lines, opts());
        expect(r.divergence?.message, `${v} seed ${seed}`).toBeUndefined();
        expect(r.events).toBe(lines.length - 1);
      }
    }
  });
  it("accepts a trace without a trailing newline and with CRLF line ends", async () => {
    const lines = genTrace(await toyModel("ToyPreFix"), 3);
    expect((await checkText(lines.join("\r\n"), opts())).ok).toBe(true);
  });
  it("reports coverage: rules fired per handle, never-fired rules, distinct states", async () => {
    const r = await checkLines(genTrace(await toyModel("ToyPreFix"), 2), opts());
    expect(r.coverage!.actions.size).toBeGreaterThan(0);
    expect(r.coverage!.states.size).toBeGreaterThan(1);
  });
});

describe("located errors, never a stack trace", () => {
  const cases: [string, string, number, RegExp][] = [
    ["malformed JSON", "{\"kind\":\"header\"\n", 1, /malformed JSON/],
    ["missing header", '{"kind":"event","seq":1}\n', 1, /expected the header/],
    ["empty trace", "", 1, /empty trace: expected a header line/],
    ["a JSON array", "[1,2]\n", 1, /expected the header object/],
  ];
  for (const [name, text, line, re] of cases)
    it(name, async () => {
      const r = await checkText(text, opts(), "t.ndjson");
      expect(r.ok).toBe(false);
      expect(r.divergence!.line).toBe(line);
      expect(r.divergence!.message).toMatch(re);
      expect(formatResult(r)).toMatch(new RegExp(`^FAIL t\\.ndjson:${line}`));
    });
  it("wrong types, unknown action, bad params, empty and malformed event lines", async () => {
    const lines = genTrace(await toyModel("ToyPreFix"), 5);
    const at = async (ls: string[]) => (await checkLines(ls, opts())).divergence!;
    let d = await at(editEvent(lines, 2, (e) => ({ ...e, seq: "2" as unknown as number })));
    expect([d.line, d.message]).toEqual([3, expect.stringMatching(/field 'seq': expected a positive integer, got "2"/)]);
    d = await at(editEvent(lines, 2, (e) => ({ ...e, action: "Frobnicate" })));
    expect([d.line, d.kind]).toEqual([3, "unknown-action"]);
    expect(d.message).toMatch(/unknown action 'Frobnicate'.*the rules define: StartConsumer/);
    d = await at(editEvent(lines, 2, (e) => ({ ...e, params: { ...e.params, zz: 1 } })));
    expect(d.kind === "params" || d.kind === "unknown-action").toBe(true);
    d = await at(editEvent(lines, 2, (e) => ({ ...e, post: { ...e.post, "nosuch[0]": 1 } })));
    expect(d.message).toMatch(/unknown cell 'nosuch\[0\]'/);
    d = await at(editEvent(lines, 2, (e) => ({ ...e, outcome: "boom" })));
    expect(d.message).toMatch(/field 'outcome': expected "ok" or "crash"/);
    const withBlank = lines.slice();
    withBlank.splice(3, 0, "");
    d = await at(withBlank);
    expect([d.line, d.kind]).toEqual([4, "empty"]);
    const trunc = lines.slice();
    trunc[4] = trunc[4]!.slice(0, 20);
    d = await at(trunc);
    expect([d.line, d.kind]).toEqual([5, "malformed"]);
  });
  it("an over-long line is a located error, read without holding it", async () => {
    const lines = genTrace(await toyModel("ToyPreFix"), 5);
    const big = Buffer.alloc(3 << 20, 0x20); // 3 MiB of spaces, no newline
    const chunks = [Buffer.from(lines.slice(0, 3).join("\n") + "\n"), big, big, Buffer.from("\n" + lines.slice(3).join("\n") + "\n")];
    const r = await checkStream(Readable.from(chunks), "big.ndjson", opts());
    expect(r.divergence!.line).toBe(4);
    expect(r.divergence!.kind).toBe("too-long");
    expect(r.divergence!.message).toMatch(/6291456 bytes long, over the 1 MiB limit/);
  });
  it("an unreadable file is reported, not thrown", async () => {
    const { checkFile } = await import("../../src/checker/stream.ts");
    const r = await checkFile("/nonexistent/x.ndjson", opts());
    expect(r.ok).toBe(false);
    expect(formatResult(r)).toMatch(/cannot read \/nonexistent\/x\.ndjson: no such file/);
  });
  it("a header naming a variant without rules, and wrong bounds", async () => {
    const lines = genTrace(await toyModel("ToyPreFix"), 5);
    let r = await checkLines(editHeader(lines, (h) => ({ ...h, variant: "Nope" })), opts());
    expect(r.divergence!.message).toMatch(/cannot check variant 'Nope'.*Nope\.json: rules file not found/);
    r = await checkLines(editHeader(lines, (h) => ({ ...h, bounds: { H: 2, C: 2 } })), opts());
    expect(r.divergence!.message).toMatch(/bounds has no 'T'/);
    r = await checkLines(editHeader(lines, (h) => ({ ...h, init: { ...(h.init as object), "status[0]": "gone" } })), opts());
    expect(r.divergence!.message).toMatch(/init: cell 'status\[0\]' must be one of "absent", "present"/);
    r = await checkLines(editHeader(lines, (h) => { const init = { ...(h.init as Record<string, unknown>) }; delete init.crashes; return { ...h, init }; }), opts());
    expect(r.divergence!.message).toMatch(/init must give every cell; missing 1: crashes/);
    r = await checkLines(editHeader(lines, (h) => ({ ...h, init: { ...(h.init as object), crashes: 3 } })), opts());
    expect(r.divergence!.message).toMatch(/init violates the rules' init conjunct 'slc_idle'/);
  });
});

describe("mutation corpus: every mutant rejected, located, naming the rule", async () => {
  const pre = await toyModel("ToyPreFix");
  const fix = await toyModel("ToyFixA");
  // a PreFix walk that crashes, a FixA walk that filters the nil
  const seedWith = (m: typeof pre, action: string) => {
    for (let s = 1; s < 500; s++) {
      const ls = genTrace(m, s);
      if (ls.some((l, i) => i > 0 && parse(l).action === action) && ls.length > 8) return ls;
    }
    throw new Error(`no walk with ${action}`);
  };
  const crashing = seedWith(pre, "Crash");
  const fixWalk = seedWith(fix, "Broadcast");
  const idx = (ls: string[], f: (e: ReturnType<typeof parse>) => boolean) => ls.findIndex((l, i) => i > 0 && f(parse(l)));

  const expectRejected = async (ls: string[], line: number, rule: string | RegExp, kind?: string) => {
    const r = await checkLines(ls, opts(), "mut.ndjson");
    expect(r.ok).toBe(false);
    const d = r.divergence!;
    expect(d.line).toBe(line);
    if (kind) expect(d.kind).toBe(kind);
    const text = formatResult(r);
    expect(text).toMatch(new RegExp(`^FAIL mut\\.ndjson:${line}`));
    expect(text).toMatch(rule);
    return d;
  };

  it("drop an event (seq gap)", async () => {
    await expectRejected(dropEvent(crashing, 3), 4, /seq 4 where 3 was expected/, "seq");
  });
  it("drop an event and renumber: the next dependent event is refused", async () => {
    const i = idx(crashing, (e) => e.action === "TxnArrive");
    const ls = dropEvent(crashing, i, false);
    const bad = oracleFirstBad(pre, JSON.parse(ls[0]!).init, ls.slice(1).map(parse));
    expect(bad).toBeGreaterThanOrEqual(0);
    await expectRejected(ls, bad + 2, new RegExp(parse(ls[bad + 1]!).action));
  });
  it("swap two events", async () => {
    const i = idx(crashing, (e) => e.action === "Crash");
    const ls = swapEvents(crashing, i - 1, i); // Crash before the resolution that enables it
    await expectRejected(ls, i, /Crash is not enabled: guard conjunct '(all_resolved|has_nil|publishing)'/, "guard");
  });
  it("flip an observed variable", async () => {
    const i = idx(crashing, (e) => Object.keys(e.post).length > 0);
    const d = await expectRejected(editEvent(crashing, i, (e) => {
      const [k, v] = Object.entries(e.post)[0]!;
      return { ...e, post: { ...e.post, [k]: otherValue(v, ["absent", "present", "none", "pending", "nil", "consumer", "idle", "publishing", "down", "unused", "running"]) } };
    }), i + 1, new RegExp(`rule: ${parse(crashing[i]!).action}`), "post");
    expect(d.cells.length).toBeGreaterThan(0);
  });
  it("omit a changed cell from post", async () => {
    const i = idx(crashing, (e) => e.action === "TxnArrive");
    const d = await expectRejected(editEvent(crashing, i, (e) => { const post = { ...e.post }; delete post.nextTxn; return { ...e, post }; }), i + 1, /not reported in post: nextTxn \(0 -> 1\)/, "post");
    expect(d.cells).toContainEqual({ cell: "nextTxn", before: 0, expected: 1, observed: null });
  });
  it("PreFix: a nil send that does not crash (Broadcast instead of Crash)", async () => {
    const i = idx(crashing, (e) => e.action === "Crash");
    const ls = editEvent(crashing, i, (e) => ({ ...e, action: "Broadcast", outcome: "ok", post: { slc: "idle", unacked: -1 } }));
    const d = await expectRejected(ls, i + 1, /Broadcast is not enabled: guard conjunct 'no_nil'/, "guard");
    expect(d.theorems).toContain("Toy.prefix_crash_reachable");
    expect(formatResult({ ok: false, file: "mut.ndjson", events: 0, warnings: [], divergence: d })).toMatch(/related Lean theorem\(s\): Toy\.prefix_crash_reachable/);
  });
  it("fix variant: a crash event where the fix filters the nil", async () => {
    const i = idx(fixWalk, (e) => e.action === "Broadcast");
    const ls = editEvent(fixWalk, i, (e) => ({ ...e, action: "Crash", outcome: "crash", post: { slc: "down" } }));
    await expectRejected(ls, i + 1, /unknown action 'Crash' for variant ToyFixA/, "unknown-action");
  });
  it("claim a crash that did not happen", async () => {
    const i = idx(crashing, (e) => e.action === "TxnArrive");
    await expectRejected(editEvent(crashing, i, (e) => ({ ...e, outcome: "crash" })), i + 1, /outcome "crash" reported, but TxnArrive does not crash the SLC/, "outcome");
  });
  it("hide a crash that did happen", async () => {
    const i = idx(crashing, (e) => e.action === "Crash");
    await expectRejected(editEvent(crashing, i, (e) => ({ ...e, outcome: "ok" })), i + 1, /the rules predict an SLC crash in Crash/, "outcome");
  });
  it("stale fingerprint", async () => {
    await expectRejected(editHeader(crashing, (h) => ({ ...h, rulesFingerprint: "f".repeat(64) })), 1, /rulesFingerprint "f+" does not match the rules of variant 'ToyPreFix'/, "fingerprint");
  });
  it("a guard dropped by the implementation (consumer started for a removed shape)", async () => {
    // insert StartConsumer right after RemoveShape of the same handle
    const i = idx(crashing, (e) => e.action === "RemoveShape");
    const h = parse(crashing[i]!).params.h!;
    const ls = crashing.slice(0, i + 1);
    ls.push(JSON.stringify({ kind: "event", seq: i + 1, process: "shapecache", action: "StartConsumer", params: { h, c: 0 }, outcome: "ok", post: { "cons[0]": "running", "owner[0]": h, [`registry[${h}]`]: 0 } }));
    await expectRejected(ls, i + 2, /StartConsumer\(h=\d, c=0\) is not enabled: guard conjunct 'status_present'/, "guard");
  });
  it("the divergence report carries the last 10 events and the handle context", async () => {
    const long = genTrace(pre, 7, 40);
    const n = long.length - 1;
    const d = (await checkLines(editEvent(long, n, (e) => ({ ...e, seq: e.seq + 5 })), opts())).divergence!;
    expect(d.lastEvents.length).toBe(Math.min(10, n - 1));
    expect(d.lastEvents.at(-1)!.seq).toBe(n - 1);
  });
});
