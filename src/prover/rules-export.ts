// Finishes the rules export. Lean writes each variant's rules into lean/build/rules/ without
// hashes; here they are canonicalised, stamped with the Lean sources' SHA-256 and their own
// fingerprint, and compared with the committed copies in lean/rules/. A difference means the
// committed rules no longer say what the proofs are about: the file is rewritten and the run
// fails until the new version is committed.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { canonicalJson, rulesFingerprint } from "../checker/fingerprint.ts";
import { writeFileAtomic } from "../util/fs-atomic.ts";

export interface RulesFileResult {
  file: string;
  status: "unchanged" | "changed" | "new" | "invalid";
  rulesFingerprint?: string;
  message?: string;
}

export interface RulesExportResult {
  files: RulesFileResult[];
  /** Committed files the export no longer produces. */
  stale: string[];
}

/** Stamps one exported document. Tables carry the fingerprint of the rules they were built from. */
export function stampRules(doc: Record<string, unknown>, sourceSha256: string): Record<string, unknown> {
  return { ...doc, sourceSha256, rulesFingerprint: rulesFingerprint(doc) };
}

export async function finishRulesExport(buildRulesDir: string, committedDir: string, sourceSha256: string): Promise<RulesExportResult> {
  const produced = existsSync(buildRulesDir) ? (await readdir(buildRulesDir)).filter((f) => f.endsWith(".json")).sort() : [];
  const committed = existsSync(committedDir) ? (await readdir(committedDir)).filter((f) => f.endsWith(".json")).sort() : [];
  const files: RulesFileResult[] = [];
  for (const name of produced) {
    const path = join(buildRulesDir, name);
    let doc: unknown;
    try {
      doc = JSON.parse(await readFile(path, "utf8"));
    } catch (err) {
      files.push({ file: name, status: "invalid", message: `${path}: the Lean export wrote invalid JSON: ${(err as Error).message}` });
      continue;
    }
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
      files.push({ file: name, status: "invalid", message: `${path}: expected a JSON object` });
      continue;
    }
    const stamped = stampRules(doc as Record<string, unknown>, sourceSha256);
    const text = canonicalJson(stamped) + "\n";
    const target = join(committedDir, name);
    const before = existsSync(target) ? await readFile(target, "utf8") : undefined;
    const fingerprint = stamped.rulesFingerprint as string;
    if (before === text) {
      files.push({ file: name, status: "unchanged", rulesFingerprint: fingerprint });
      continue;
    }
    await writeFileAtomic(target, text);
    files.push({ file: name, status: before === undefined ? "new" : "changed", rulesFingerprint: fingerprint });
  }
  const stale = committed.filter((f) => !produced.includes(f));
  return { files, stale };
}
