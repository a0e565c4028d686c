// Lean 4 source as highlighted HTML: a small tokenizer for comments (nested), docstrings,
// strings, numbers, keywords and names. Good enough for statements; it never drops a character.
import { esc } from "../../diagram/xml.ts";
import { blockCommentEnd } from "../../prover/lean-comments.ts";

const KEYWORDS = new Set([
  "theorem", "lemma", "def", "abbrev", "structure", "inductive", "instance", "where", "namespace", "end", "section",
  "open", "import", "public", "private", "protected", "noncomputable", "module", "variable", "fun", "let", "have", "show",
  "from", "by", "at", "if", "then", "else", "match", "with", "do", "for", "in", "∀", "∃", "λ", "Type", "Prop", "Sort",
]);

export type TokenKind = "comment" | "doc" | "string" | "number" | "keyword" | "name" | "symbol" | "space";

export interface Token {
  kind: TokenKind;
  text: string;
}

const NAME_START = /[\p{L}_«]/u;
const NAME_PART = /[\p{L}\p{N}_'!?.₀-₉ᵢ-ᵪ»]/u;

/** Split Lean source into tokens whose texts concatenate back to `src`. */
export function tokenizeLean(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, j: number): void => {
    out.push({ kind, text: src.slice(i, j) });
    i = j;
  };
  while (i < src.length) {
    const c = String.fromCodePoint(src.codePointAt(i)!); // whole code point: never split a surrogate pair
    if (src.startsWith("/-", i)) {
      const kind: TokenKind = src.startsWith("/--", i) ? "doc" : "comment";
      const end = blockCommentEnd(src, i);
      push(kind, end === -1 ? src.length : end);
    } else if (src.startsWith("--", i)) {
      const nl = src.indexOf("\n", i);
      push("comment", nl < 0 ? src.length : nl);
    } else if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === "\\" ? 2 : 1;
      push("string", Math.min(j + 1, src.length));
    } else if (/\s/.test(c)) {
      let j = i;
      while (j < src.length && /\s/.test(src[j]!)) j++;
      push("space", j);
    } else if (/[0-9]/.test(c)) {
      let j = i;
      while (j < src.length && /[0-9]/.test(src[j]!)) j++;
      push("number", j);
    } else if (NAME_START.test(c)) {
      let j = i + c.length;
      while (j < src.length) {
        const d = String.fromCodePoint(src.codePointAt(j)!);
        if (!NAME_PART.test(d)) break;
        j += d.length;
      }
      push(KEYWORDS.has(src.slice(i, j)) ? "keyword" : "name", j);
    } else if (KEYWORDS.has(c)) push("keyword", i + 1);
    else push("symbol", i + c.length);
  }
  return out;
}

const CLASS: Readonly<Record<TokenKind, string | null>> = {
  comment: "c", doc: "d", string: "s", number: "n", keyword: "k", name: null, symbol: "o", space: null,
};

export function highlightLean(src: string): string {
  return tokenizeLean(src)
    .map((t) => {
      const cls = CLASS[t.kind];
      return cls ? `<span class="${cls}">${esc(t.text)}</span>` : esc(t.text);
    })
    .join("");
}
