// Text from an input file shown in a message: control characters (C0, DEL, C1) and invisible
// marks that could move the cursor, retitle or clear a terminal, or hide in plain sight are
// written as escapes; a BOM is named.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

export function escapeControls(s: string): string {
  return s.replace(UNSAFE, (c) => (c === "\ufeff" ? "<BOM U+FEFF>" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}
