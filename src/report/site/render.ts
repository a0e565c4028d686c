// The whole site as a map from relative path to file content: pure, so tests can inspect every
// page without touching the disk.
import { SITE_CSS } from "./style.ts";
import { sourcePagePath, theoremSlug, type LinkBase } from "./html.ts";
import { sourcePage } from "./source-page.ts";
import { coveragePage, diagramsPage, indexPage } from "./index-page.ts";
import type { SiteModel } from "./model.ts";
import { theoremPage } from "./theorem-page.ts";

export class SiteModelError extends Error {
  override name = "SiteModelError";
}

export interface RenderOptions {
  /** relative path from the site's root folder to the repository root, ending in "/" */
  repo: string;
}

export function renderSite(m: SiteModel, opts: RenderOptions): Map<string, string> {
  const files = new Map<string, string>();
  files.set("style.css", SITE_CSS);
  const sources = new Set(m.sources.map((x) => x.file));
  const top: LinkBase = { up: "", repo: opts.repo, sources };
  files.set("index.html", indexPage(m, top));
  files.set("coverage.html", coveragePage(m, top));
  files.set("diagrams.html", diagramsPage(m, top));
  const sub: LinkBase = { up: "../", repo: opts.repo, sources };
  for (const t of m.theorems) {
    const path = `theorems/${theoremSlug(t.name)}`;
    if (files.has(path)) throw new SiteModelError(`two theorems map to the same page ${path} (${t.name})`);
    files.set(path, theoremPage(t, m, sub));
  }
  for (const src of m.sources) {
    const path = sourcePagePath(src.file);
    const up = "../".repeat(path.split("/").length - 1);
    files.set(path, sourcePage(src.file, src.text, { up, repo: opts.repo, sources }, m.title));
  }
  // a matrix link must land on a page: refuse a model whose cells name an unknown theorem
  const pages = new Set(m.theorems.map((t) => t.name));
  for (const row of m.matrix) for (const c of row) for (const e of c.entries) {
    if (!pages.has(e.theorem)) throw new SiteModelError(`matrix cell ${c.variant} × ${c.property} names ${e.theorem}, which has no theorem page`);
  }
  return files;
}
