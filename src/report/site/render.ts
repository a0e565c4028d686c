// The whole site as a map from relative path to file content: pure, so tests can inspect every
// page without touching the disk.
import { SITE_CSS } from "./style.ts";
import { theoremSlug, type LinkBase } from "./html.ts";
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
  const top: LinkBase = { up: "", repo: opts.repo };
  files.set("index.html", indexPage(m, top));
  files.set("coverage.html", coveragePage(m, top));
  files.set("diagrams.html", diagramsPage(m, top));
  const sub: LinkBase = { up: "../", repo: opts.repo };
  for (const t of m.theorems) {
    const path = `theorems/${theoremSlug(t.name)}`;
    if (files.has(path)) throw new SiteModelError(`two theorems map to the same page ${path} (${t.name})`);
    files.set(path, theoremPage(t, m, sub));
  }
  // a matrix link must land on a page: refuse a model whose cells name an unknown theorem
  const pages = new Set(m.theorems.map((t) => t.name));
  for (const row of m.matrix) for (const c of row) for (const e of c.entries) {
    if (!pages.has(e.theorem)) throw new SiteModelError(`matrix cell ${c.variant} × ${c.property} names ${e.theorem}, which has no theorem page`);
  }
  return files;
}
