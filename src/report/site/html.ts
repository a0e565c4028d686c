// Page shell and link helpers shared by the site's pages. Every page is a complete HTML
// document that loads only style.css next to it: no scripts, no network.
import { esc } from "../../diagram/xml.ts";

export { esc };

/** Where pages link to repository files: `repo` is the relative path from the site root. */
export interface LinkBase {
  /** "" for pages in the site root, "../" for pages one folder down */
  up: string;
  repo: string;
  /** repository files the site renders as pages of its own (source/<file>.html, line anchors) */
  sources: ReadonlySet<string>;
}

/** The site page that shows repository file `file`. */
export function sourcePagePath(file: string): string {
  return `source/${file.replace(/[^A-Za-z0-9._/-]/g, "_")}.html`;
}

export function theoremSlug(name: string): string {
  return `${name.replace(/[^A-Za-z0-9._-]/g, "_")}.html`;
}

export function theoremHref(name: string, base: LinkBase): string {
  return `${base.up}theorems/${encodeURIComponent(theoremSlug(name))}`;
}

/** A link to a repository file at a line (opens the raw file from file://). */
export function sourceLink(file: string, line: number, base: LinkBase): string {
  // a rendered source page opens at the line; other files (traces) open raw from the repository
  const href = base.sources.has(file)
    ? `${base.up}${sourcePagePath(file).split("/").map(encodeURIComponent).join("/")}#L${line}`
    : `${base.up}${base.repo}${file.split("/").map(encodeURIComponent).join("/")}`;
  return `<a class="src" href="${esc(href)}" data-line="${line}">${esc(`${file}:${line}`)}</a>`;
}

export function page(title: string, body: string, base: LinkBase, home: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${base.up}style.css">
</head>
<body>
<header class="top"><h1>${esc(title)}</h1>${title !== home ? `<a href="${base.up}index.html">← ${esc(home)}</a>` : ""}</header>
<main>
${body}
</main>
</body>
</html>
`;
}
