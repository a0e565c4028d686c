// The site opened from file:// in headless Chromium (from the npm package, see
// test/helpers/browser.ts). If Chromium cannot start, this fails with the reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "puppeteer-core";
import { renderSite } from "../../../src/report/site/render.ts";
import { writeSite } from "../../../src/report/site/write.ts";
import { launchChromium } from "../../helpers/browser.ts";
import { fixtureModel } from "./fixture.ts";
import { expectedDiagrams, observeSite, type SiteObservation } from "./site-check.ts";

const SHOTS = fileURLToPath(new URL("../../../report/screenshots/fixture", import.meta.url));

describe("the site in a real browser (fixture model)", () => {
  const model = fixtureModel();
  const expected = expectedDiagrams(model);
  let browser: Browser;
  let dir: string;
  let obs: SiteObservation;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "site-browser-"));
    await writeSite(renderSite(model, { repo: "../../" }), join(dir, "site"));
    browser = await launchChromium();
    obs = await observeSite(browser, join(dir, "site"), [...expected.keys()], SHOTS, {
      "index.html": "index.png",
      "theorems/ElectricRace.preFix_nilCrash_reachable.html": "prefix-crash.png",
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("links every decided matrix cell to the page of its theorem", () => {
    expect(obs.matrixCells).toBe(model.variants.length * model.properties.length);
    const entries = model.matrix.flat().flatMap((c) => c.entries.map((e) => e.theorem));
    expect(obs.matrixLinks.map((l) => l.theorem)).toEqual(entries);
    for (const l of obs.matrixLinks) expect(l.landedTitle, l.href).toBe(l.theorem);
  });
  it("renders every diagram with the expected number of drawn messages", () => {
    const seen = new Map<string, Map<string, number>>();
    for (const d of obs.diagrams) {
      expect(d.drawn, `${d.page} ${d.id}`).toBe(d.messages);
      if (!seen.has(d.page)) seen.set(d.page, new Map());
      seen.get(d.page)!.set(d.id, d.messages);
    }
    for (const [page, ds] of expected) expect(Object.fromEntries(seen.get(page) ?? []), page).toEqual(Object.fromEntries(ds));
    expect(obs.diagrams.filter((d) => d.id === "prefix-crash")).toEqual([{ page: "diagrams.html", id: "prefix-crash", messages: 9, drawn: 9 }]);
  });
  it("shows no console error, loads nothing it lacks and reaches no network", () => {
    for (const p of obs.problems) expect(p.problems, p.page).toEqual({ console: [], pageErrors: [], failedRequests: [], network: [] });
  });
  it("saves screenshots of the matrix and the PreFix crash", () => {
    expect(obs.screenshots).toHaveLength(2);
    for (const s of obs.screenshots) expect(existsSync(s), s).toBe(true);
  });
});
