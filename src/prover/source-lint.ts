// Words that let a Lean file claim more than the kernel checked. The bundled engine cannot run
// `#print axioms` (it forces module mode), so these are rejected in the sources, outside
// comments and string literals, on both engines.

import { blockCommentEnd } from "./lean-comments.ts";

export interface LintFinding {
  file: string;
  line: number;
  column: number;
  word: string;
  why: string;
}

// A Map, not an object literal: `FORBIDDEN["toString"]` must not find Object.prototype.
export const FORBIDDEN: ReadonlyMap<string, string> = new Map(Object.entries({
  sorry: "an unfinished proof",
  admit: "an unfinished proof",
  axiom: "a new axiom is an unchecked assumption",
  native_decide: "trusts the compiler instead of the kernel",
  implemented_by: "runs code other than the definition the proofs are about",
  extern: "runs foreign code the proofs know nothing about",
  unsafe: "escapes the kernel's checks",
}));

const IDENT_CHAR = /[A-Za-z0-9_'!?.\u00c0-\uffff]/;

/** Replaces comments, string and char literals with spaces, keeping line/column positions. */
export function blankCommentsAndStrings(source: string): string {
  const out = source.split("");
  let i = 0;
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== "\n") out[k] = " ";
  };
  while (i < source.length) {
    if (source.startsWith("--", i)) {
      const nl = source.indexOf("\n", i);
      const end = nl === -1 ? source.length : nl;
      blank(i, end);
      i = end;
    } else if (source.startsWith("/-", i)) {
      const end = blockCommentEnd(source, i);
      const j = end === -1 ? source.length : end;
      blank(i, j);
      i = j;
    } else if (source[i] === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== '"') j += source[j] === "\\" ? 2 : 1;
      blank(i, j + 1);
      i = j + 1;
    } else if (source[i] === "'" && (i === 0 || !IDENT_CHAR.test(source[i - 1]!))) {
      // char literal 'a' or '\n'; a prime inside an identifier (x') is not one
      const m = /^'(\\.|[^\\'])'/.exec(source.slice(i, i + 8));
      if (m) { blank(i, i + m[0].length); i += m[0].length; } else i++;
    } else {
      i++;
    }
  }
  return out.join("");
}

export function lintSource(file: string, source: string): LintFinding[] {
  const code = blankCommentsAndStrings(source);
  const findings: LintFinding[] = [];
  const lines = code.split("\n");
  lines.forEach((text, idx) => {
    for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_'!?]*/g)) {
      const word = m[0];
      const before = m.index === 0 ? "" : text[m.index - 1]!;
      // `Foo.sorry` or `x.axiom` is a different name; only bare words count.
      if (before !== "" && IDENT_CHAR.test(before)) continue;
      const why = FORBIDDEN.get(word);
      if (why !== undefined) findings.push({ file, line: idx + 1, column: m.index, word, why });
    }
    const native = /\bdecide\s*\+\s*native\b|\bnative\s*:=\s*true\b/.exec(text);
    if (native) findings.push({ file, line: idx + 1, column: native.index, word: native[0], why: "trusts the compiler instead of the kernel" });
  });
  return findings;
}

export function formatFinding(f: LintFinding): string {
  return `${f.file}:${f.line}:${f.column}: error: forbidden '${f.word}' (${f.why})`;
}
