// The Lean sources of the package and their hash: the prover stamps the rules export and the
// proof report with it, and a test compares it with the committed report.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Top-level directories of lean/ that hold build output, not sources. */
const EXCLUDED = new Set([".lake", "build"]);

async function leanFiles(root: string, rel: string, out: string[]): Promise<void> {
  const entries = await readdir(path.join(root, rel), { withFileTypes: true });
  for (const e of entries) {
    const r = rel === "" ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) {
      if (rel === "" && EXCLUDED.has(e.name)) continue;
      await leanFiles(root, r, out);
    } else if (e.isFile() && e.name.endsWith(".lean")) out.push(r);
  }
}

/** Every Lean source under `leanDir` (paths relative to it, `/`-separated, sorted bytewise). */
export async function listLeanSources(leanDir: string): Promise<string[]> {
  const files: string[] = [];
  await leanFiles(leanDir, "", files);
  return files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/**
 * SHA-256 over `path\0content\0` of every `**\/*.lean` under `leanDir` (paths relative to it,
 * `/`-separated, sorted bytewise), excluding `.lake/` and `build/`. Hex digest.
 */
export async function leanSourcesSha256(leanDir: string): Promise<string> {
  const files = await listLeanSources(leanDir);
  const h = createHash("sha256");
  for (const f of files) {
    h.update(f, "utf8");
    h.update("\0");
    h.update(await readFile(path.join(leanDir, f)));
    h.update("\0");
  }
  return h.digest("hex");
}
