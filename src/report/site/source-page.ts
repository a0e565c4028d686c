// A repository file as a page of the site: numbered lines with anchors (#L12), Lean highlighted,
// so every excerpt's "file:line" link opens at its line from file:// (a raw .ts file would be
// offered as a download by the browser).
import { esc, page, type LinkBase } from "./html.ts";
import { highlightLean } from "./lean-highlight.ts";

export function sourcePage(file: string, text: string, base: LinkBase, home: string): string {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const gutter = lines.map((_, i) => `<a id="L${i + 1}" href="#L${i + 1}">${i + 1}</a>`).join("\n");
  const body = file.endsWith(".lean") ? highlightLean(lines.join("\n")) : esc(lines.join("\n"));
  return page(file, `<div class="source"><pre class="gutter">${gutter}</pre><pre class="${file.endsWith(".lean") ? "lean" : "ts"} code">${body}</pre></div>`, base, home);
}
