// What a prepared engine folder must contain, recorded when it is prepared and checked before
// each use, so that a truncated wasm, an emptied .olean or code appended to the patched glue
// is noticed instead of being run. Code the engine executes (the glue, the launcher, the wasm)
// is hashed at every check; the ~2,000 library files are compared by size at every check
// (a stat each) and hashed only in a deep check, which keeps a warm `prove` cheap.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";

export interface ManifestEntry {
  /** path relative to the engine folder, with "/" separators */
  path: string;
  size: number;
  sha256: string;
}

export type Manifest = ManifestEntry[];

/** Files the prover executes or that decide how it is executed: always hashed. */
export const EXECUTED = new Set(["lean.js", "lean.wasm", "launch.cjs", "package.json"]);
/** The record of the preparation itself; not part of the manifest. */
export const READY_FILE = "READY.json";

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Every regular file below `dir` (READY.json excepted), sorted, as "/"-separated paths. */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() && !e.isSymbolicLink()) continue;
    const rel = relative(dir, join(e.parentPath, e.name)).split(sep).join("/");
    if (rel !== READY_FILE) out.push(rel);
  }
  return out.sort();
}

export async function buildManifest(dir: string): Promise<Manifest> {
  const out: Manifest = [];
  for (const path of await listFiles(dir)) {
    const full = join(dir, path);
    out.push({ path, size: (await stat(full)).size, sha256: await sha256File(full) });
  }
  return out;
}

/**
 * Compares the folder with its manifest; returns what differs (the first few problems, in
 * words) or undefined when it matches. `deep` hashes every file, not only the executed ones.
 */
export async function checkManifest(dir: string, manifest: Manifest, deep = false): Promise<string | undefined> {
  let present: string[];
  try {
    present = await listFiles(dir);
  } catch (e) {
    return `cannot list ${dir}: ${(e as Error).message}`;
  }
  const problems: string[] = [];
  const known = new Set(manifest.map((m) => m.path));
  for (const x of EXECUTED) if (!known.has(x)) problems.push(`the manifest does not record ${x}`);
  for (const p of present) if (!known.has(p)) problems.push(`${p} was added`);
  const have = new Set(present);
  for (const m of manifest) {
    if (problems.length >= 5) break;
    if (!have.has(m.path)) {
      problems.push(`${m.path} is missing`);
      continue;
    }
    const full = join(dir, m.path);
    const size = (await stat(full)).size;
    if (size !== m.size) {
      problems.push(`${m.path} is ${size} bytes, ${m.size} were prepared`);
      continue;
    }
    if (deep || EXECUTED.has(m.path)) {
      const sha = await sha256File(full);
      if (sha !== m.sha256) problems.push(`${m.path} has SHA-256 ${sha}, ${m.sha256} was prepared`);
    }
  }
  return problems.length === 0 ? undefined : problems.slice(0, 5).join("; ");
}

/** A manifest read from READY.json, shape-checked (a hand-edited file must not crash the prover). */
export function isManifest(v: unknown): v is Manifest {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every(
      (e) =>
        typeof e === "object" && e !== null &&
        typeof (e as ManifestEntry).path === "string" &&
        Number.isSafeInteger((e as ManifestEntry).size) &&
        typeof (e as ManifestEntry).sha256 === "string" && /^[0-9a-f]{64}$/.test((e as ManifestEntry).sha256),
    )
  );
}
