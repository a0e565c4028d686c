import { describe, expect, it } from "vitest";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderSite, SiteModelError } from "../../../src/report/site/render.ts";
import { writeSite } from "../../../src/report/site/write.ts";
import { fixtureModel } from "./fixture.ts";

describe("site rendering", () => {
  const files = renderSite(fixtureModel(), { repo: "../../" });
  it("writes an index, the coverage and diagram pages, a stylesheet and a page per theorem", () => {
    expect([...files.keys()].sort()).toEqual([
      "coverage.html", "diagrams.html", "index.html", "source/src/impl/shapeCleaner.ts.html", "style.css",
      "theorems/ElectricRace.fixA_noNilCrash.html", "theorems/ElectricRace.fixB_nilCrash_afterExternal.html", "theorems/ElectricRace.fixB_noNilCrash_b1.html",
      "theorems/ElectricRace.preFix_nilCrash_reachable.html", "theorems/ElectricRace.step_deterministic.html",
    ]);
  });
  it("links every matrix entry to a page that exists", () => {
    const index = files.get("index.html")!;
    const hrefs = [...index.matchAll(/<td class="cell[^>]*>(.*?)<\/td>/g)].flatMap((m) => [...m[1]!.matchAll(/href="([^"]+)"/g)].map((h) => decodeURIComponent(h[1]!)));
    expect(hrefs).toHaveLength(4);
    for (const h of hrefs) expect(files.has(h)).toBe(true);
  });
  it("loads nothing but its own stylesheet", () => {
    for (const [path, text] of files) {
      if (!path.endsWith(".html")) continue;
      expect(text).not.toMatch(/<script/i);
      expect(text).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
  });
  it("puts the witness diagram, the rules and the code on the theorem page", () => {
    const pg = files.get("theorems/ElectricRace.preFix_nilCrash_reachable.html")!;
    expect(pg.match(/<g class="msg/g)).toHaveLength(9);
    expect(pg).toContain("chainPc[k] = status");
    expect(pg).toContain('href="../source/src/impl/shapeCleaner.ts.html#L40"');
    expect(pg).toContain('href="../../../traces/prefix-crash.ndjson"'); // not rendered: raw file
    expect(pg).toContain('<span class="k">theorem</span>');
  });
  it("shows a source file with numbered, anchored lines, escaped", () => {
    const src = files.get("source/src/impl/shapeCleaner.ts.html")!;
    expect(src).toContain('<a id="L1" href="#L1">1</a>\n<a id="L2" href="#L2">2</a></pre>');
    expect(src).toContain("line 1\n&lt;two&gt;</pre>");
    expect(src).toContain('href="../../../style.css"');
  });
  it("refuses a matrix entry without a theorem page", () => {
    const m = fixtureModel();
    m.theorems = m.theorems.filter((t) => t.name !== "ElectricRace.fixA_noNilCrash");
    expect(() => renderSite(m, { repo: "" })).toThrow(SiteModelError);
  });
});

describe("site writing", () => {
  it("replaces the old site whole and leaves no temporary folder", async () => {
    const dir = await mkdtemp(join(tmpdir(), "site-"));
    try {
      const out = join(dir, "site");
      await writeSite(new Map([["old.html", "x"]]), out);
      await writeSite(new Map([["index.html", "new"], ["theorems/a.html", "a"]]), out);
      expect((await readdir(out)).sort()).toEqual(["index.html", "theorems"]);
      expect(await readFile(join(out, "theorems/a.html"), "utf8")).toBe("a");
      expect(await readdir(dir)).toEqual(["site"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("Markdown summary", () => {
  it("shows the matrix with assumptions as notes, trace counts and problems, and stays short", async () => {
    const { summaryMarkdown } = await import("../../../src/report/site/summary-md.ts");
    const md = summaryMarkdown(fixtureModel(), "report/site/index.html", ["witness X: step 2 not enabled"]);
    expect(md).toContain("| variant | nilCrash | raceWindow | quiescentOrphan |");
    expect(md).toContain("| FixB | proved at H=1 C=1 K=1 T=1 [1]; reachable by witness [2] | not decided | not decided |");
    expect(md).toContain("[1] ElectricRace.fixB_noNilCrash_b1: assuming no external collector crash");
    expect(md).toContain("Committed traces re-checked: 1, 1 conform, 0 diverge.");
    expect(md).toContain("- witness X: step 2 not enabled");
    expect(md.split("\n").length).toBeLessThan(40);
  });
});
