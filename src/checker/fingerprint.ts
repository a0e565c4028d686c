// Hashes tying the rules export to its Lean sources (used by the prover runner to write the
// fields, and by the tests to detect a stale export).
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

/**
 * SHA-256 over `path\0content\0` of every `**\/*.lean` under `leanDir` (paths relative to it,
 * `/`-separated, sorted bytewise), excluding `.lake/` and `build/`. Hex digest.
 */
/** Every Lean source under `leanDir` (paths relative to it, `/`-separated, sorted bytewise). */
export async function listLeanSources(leanDir: string): Promise<string[]> {
  const files: string[] = [];
  await leanFiles(leanDir, "", files);
  return files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

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

/** Canonical JSON: object keys sorted recursively (bytewise), no whitespace. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== "object") {
    if (typeof v === "number" && !Number.isFinite(v)) throw new TypeError(`canonicalJson: non-finite number ${v}`);
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
}

/** SHA-256 (hex) of the canonical JSON of a rules document without its two hash fields. */
export function rulesFingerprint(doc: unknown): string {
  let body = doc;
  if (doc !== null && typeof doc === "object" && !Array.isArray(doc)) {
    const { sourceSha256: _s, rulesFingerprint: _r, ...rest } = doc as Record<string, unknown>;
    body = rest;
  }
  return createHash("sha256").update(canonicalJson(body), "utf8").digest("hex");
}
