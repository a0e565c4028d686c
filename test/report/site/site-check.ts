// What the browser test checks on a written site, given the model it was written from: the
// expectations come from the model, the observations from Chromium's rendering.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "puppeteer-core";
import { theoremSlug } from "../../../src/report/site/html.ts";
import type { SiteModel } from "../../../src/report/site/model.ts";
import { watchedPage, type PageProblems } from "../../helpers/browser.ts";

export interface DiagramSeen {
  page: string;
  id: string;
  messages: number;
  /** messages whose drawn box has a non-zero size */
  drawn: number;
}

export interface SiteObservation {
  matrixLinks: { href: string; theorem: string; landedTitle: string }[];
  matrixCells: number;
  diagrams: DiagramSeen[];
  problems: { page: string; problems: PageProblems }[];
  screenshots: string[];
}

/** The diagrams a model puts on each page: page path -> diagram id -> message count. */
export function expectedDiagrams(m: SiteModel): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  out.set("index.html", new Map());
  out.set("coverage.html", new Map());
  out.set("diagrams.html", new Map(m.sections.flatMap((s) => s.diagrams.map((d) => [d.id, d.steps.length] as const))));
  for (const t of m.theorems) out.set(`theorems/${theoremSlug(t.name)}`, new Map(t.witness ? [[t.witness.id, t.witness.steps.length]] : []));
  return out;
}

export async function observeSite(browser: Browser, siteDir: string, pages: readonly string[], shotDir: string, shots: Readonly<Record<string, string>>): Promise<SiteObservation> {
  await mkdir(shotDir, { recursive: true });
  const obs: SiteObservation = { matrixLinks: [], matrixCells: 0, diagrams: [], problems: [], screenshots: [] };
  for (const rel of pages) {
    const { page, problems } = await watchedPage(browser);
    await page.setViewport({ width: 1400, height: 900 });
    const resp = await page.goto(pathToFileURL(join(siteDir, rel)).href, { waitUntil: "load" });
    if (!resp?.ok() && resp !== null) problems.failedRequests.push(`${rel}: status ${resp.status()}`);
    const diagrams = await page.$$eval("svg.seq", (svgs) =>
      svgs.map((s) => {
        const msgs = [...s.querySelectorAll("g.msg")];
        return {
          id: s.getAttribute("data-diagram") ?? "",
          messages: msgs.length,
          drawn: msgs.filter((g) => {
            const b = (g as SVGGraphicsElement).getBBox();
            return b.width > 0 && b.height > 0;
          }).length,
        };
      }),
    );
    obs.diagrams.push(...diagrams.map((d) => ({ page: rel, ...d })));
    if (rel === "index.html") {
      obs.matrixCells = await page.$$eval("table.matrix td.cell", (tds) => tds.length);
      const links = await page.$$eval("table.matrix td.cell a", (as) => as.map((a) => ({ href: (a as HTMLAnchorElement).href, theorem: a.getAttribute("data-theorem") ?? "" })));
      for (const l of links) {
        const { page: p2, problems: pr2 } = await watchedPage(browser);
        const r = await p2.goto(l.href, { waitUntil: "load" }).catch((e: Error) => {
          pr2.failedRequests.push(`${l.href}: ${e.message}`);
          return null;
        });
        const landedTitle = r ? await p2.$eval("header.top h1", (h) => h.textContent ?? "").catch(() => "") : "";
        obs.matrixLinks.push({ ...l, landedTitle });
        obs.problems.push({ page: l.href, problems: pr2 });
        await p2.close();
      }
    }
    const shot = shots[rel];
    if (shot) {
      const path = join(shotDir, shot);
      // the index is shot as a reader first sees it (the matrix at the top); other pages whole
      await page.screenshot({ path: path as `${string}.png`, fullPage: rel !== "index.html" });
      obs.screenshots.push(path);
    }
    obs.problems.push({ page: rel, problems });
    await page.close();
  }
  return obs;
}
