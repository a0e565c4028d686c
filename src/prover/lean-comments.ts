// Lean's block comments nest (`/- … /- … -/ … -/`); every reader of Lean source that skips them
// (import parser, source lint, the report's highlighter) uses this one scanner.

/** The index just past the (nested) block comment that starts at `from`, or -1 if it is never closed. */
export function blockCommentEnd(text: string, from = 0): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    if (text.startsWith("/-", i)) {
      depth++;
      i += 2;
    } else if (text.startsWith("-/", i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return -1;
}
