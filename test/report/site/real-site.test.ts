// The site `npm run report` writes, built from this repository's real data (proof report, Lean's
// verdict export, rules, committed traces re-checked, Lean witnesses, the explorer on the
// recipe), opened from file:// in headless Chromium. A missing input (e.g. no
// lean/rules/verdicts.json yet) fails here with the report's own message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "puppeteer-core";
import { collectSite, type SiteData } from "../../../src/report/site/collect-site.ts";
import { explorerSection } from "../../../src/report/site/explorer-section.ts";
import { theoremSlug } from "../../../src/report/site/html.ts";
import { renderSite } from "../../../src/report/site/render.ts";
import { writeSite } from "../../../src/report/site/write.ts";
import { launchChromium, watchedPage } from "../../helpers/browser.ts";
import { expectedDiagrams, observeSite, type SiteObservation } from "./site-check.ts";
import { committedVerdicts } from "../../helpers/lean-properties.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const SHOTS = join(ROOT, "report", "screenshots");

describe("the real site in a real browser", () => {
  let data: SiteData;
  let browser: Browser;
  let dir: string;
  let site: string;
  let obs: SiteObservation;
  let files: Map<string, string>;
  let prefixCrash: string;

  beforeAll(async () => {
    data = await collectSite(ROOT, { sections: [explorerSection(join(ROOT, "traces/scenarios/race-recipe.yaml"), "the recipe", committedVerdicts())] });
    const crash = data.model.theorems.find((t) => t.variant === "PreFix" && t.property === "nilCrash" && t.kind === "witness");
    if (!crash) throw new Error("lean/rules/verdicts.json has no PreFix nilCrash witness to draw");
    prefixCrash = `theorems/${theoremSlug(crash.name)}`;
    dir = await mkdtemp(join(tmpdir(), "real-site-"));
    site = join(dir, "site");
    files = renderSite(data.model, { repo: `${relative(site, ROOT)}/` });
    await writeSite(files, site);
    browser = await launchChromium();
    obs = await observeSite(browser, site, [...expectedDiagrams(data.model).keys()], SHOTS, { "index.html": "index.png", [prefixCrash]: "prefix-crash.png" });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("finds no problem: every witness replays, every exported theorem is a headline theorem", () => {
    expect(data.problems).toEqual([]);
  });
  it("links every matrix entry to its theorem's page", () => {
    expect(obs.matrixCells).toBe(data.model.variants.length * data.model.properties.length);
    expect(obs.matrixLinks.map((l) => l.theorem)).toEqual(data.model.matrix.flat().flatMap((c) => c.entries.map((e) => e.theorem)));
    for (const l of obs.matrixLinks) expect(l.landedTitle, l.href).toBe(l.theorem);
  });
  it("draws every diagram with its messages, the PreFix crash marked", () => {
    for (const d of obs.diagrams) expect(d.drawn, `${d.page} ${d.id}`).toBe(d.messages);
    const seen = new Map<string, Record<string, number>>();
    for (const d of obs.diagrams) seen.set(d.page, { ...seen.get(d.page), [d.id]: d.messages });
    for (const [page, ds] of expectedDiagrams(data.model)) expect(seen.get(page) ?? {}, page).toEqual(Object.fromEntries(ds));
    expect(files.get(prefixCrash)!.match(/class="msg marked crash"/g)).toHaveLength(1);
  });
  it("links only to files that exist, source pages at lines they have", () => {
    for (const [path, html] of files) {
      for (const m of html.matchAll(/class="src" href="([^"]+)"/g)) {
        const [rel, anchor] = decodeURIComponent(m[1]!).split("#");
        const target = resolve(site, path, "..", rel!);
        expect(existsSync(target), `${path}: ${m[1]}`).toBe(true);
        // a source page link opens at a line that page has
        if (anchor) expect(files.get(relative(site, target)), `${path}: ${m[1]}`).toContain(`id="${anchor}"`);
      }
    }
  });
  it("has no console error, failed load or network request on any page", async () => {
    for (const p of obs.problems) expect(p.problems, p.page).toEqual({ console: [], pageErrors: [], failedRequests: [], network: [] });
    const { page, problems } = await watchedPage(browser);
    await page.goto(`file://${site}/index.html`, { waitUntil: "load" });
    expect(await page.$eval("table.matrix", (t) => t.getBoundingClientRect().height)).toBeGreaterThan(0);
    expect(problems.console).toEqual([]);
    await page.close();
  });
  it("saves screenshots of the matrix and the PreFix crash", () => {
    expect(obs.screenshots).toEqual([join(SHOTS, "index.png"), join(SHOTS, "prefix-crash.png")]);
    for (const s of obs.screenshots) expect(existsSync(s), s).toBe(true);
  });
});
