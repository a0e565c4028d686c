// Finishes the rules export. Lean writes each variant's rules into lean/build/rules/ without
// hashes; here they are canonicalised, stamped with the Lean sources' SHA-256 and their own
// fingerprint, and compared with the committed copies in lean/rules/. A difference means the
// committed rules no longer say what the proofs are about: the file is rewritten and the run
// fails until the new version is committed.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { canonicalJson, rulesFingerprint } from "../contract/rules/fingerprint.ts";
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

/** Stamps one exported rules document with the sources' hash and its own fingerprint. */
export function stampRules(doc: Record<string, unknown>, sourceSha256: string): Record<string, unknown> {
  return { ...doc, sourceSha256, rulesFingerprint: rulesFingerprint(doc) };
}

/**
 * A transition table (`<Variant>.table.json`) carries the fingerprint of the rules it was
 * computed from, not the sources' hash: the tables are large, and a comment-only change to the
 * Lean sources must not rewrite them.
 */
export function stampTable(doc: Record<string, unknown>, rulesFingerprintOfVariant: string | undefined): Record<string, unknown> {
  return rulesFingerprintOfVariant === undefined ? doc : { ...doc, rulesFingerprint: rulesFingerprintOfVariant };
}

const TABLE_SUFFIX = ".table.json";
/** Random walks at larger bounds (`<Variant>.walks.json`), stamped like a table. */
const WALKS_SUFFIX = ".walks.json";
const derivedSuffix = (name: string): string | undefined =>
  name.endsWith(TABLE_SUFFIX) ? TABLE_SUFFIX : name.endsWith(WALKS_SUFFIX) ? WALKS_SUFFIX : undefined;

/**
 * The Lean-owned verdict description (format electric-race-verdicts/1). It lives next to the
 * rules but is not a rules document: it gets the sources' hash, no rulesFingerprint.
 */
export const VERDICTS_FILE = "verdicts.json";

/** `lean/rules/<name>` is a variant's rules document (not a table or walks, not the verdicts). */
export function isVariantRulesFile(name: string): boolean {
  return name.endsWith(".json") && derivedSuffix(name) === undefined && name !== VERDICTS_FILE;
}

/** Stamps the verdict description with the sources' hash only. */
export function stampVerdicts(doc: Record<string, unknown>, sourceSha256: string): Record<string, unknown> {
  return { ...doc, sourceSha256 };
}

export async function finishRulesExport(buildRulesDir: string, committedDir: string, sourceSha256: string): Promise<RulesExportResult> {
  // Rules before tables, so that each table can quote its rules' fingerprint.
  const produced = existsSync(buildRulesDir)
    ? (await readdir(buildRulesDir)).filter((f) => f.endsWith(".json")).sort((a, b) => Number(derivedSuffix(a) !== undefined) - Number(derivedSuffix(b) !== undefined) || a.localeCompare(b))
    : [];
  const fingerprints = new Map<string, string>();
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
    const suffix = derivedSuffix(name);
    const isTable = suffix !== undefined;
    const stamped = suffix !== undefined
      ? stampTable(doc as Record<string, unknown>, fingerprints.get(name.slice(0, -suffix.length) + ".json"))
      : name === VERDICTS_FILE
        ? stampVerdicts(doc as Record<string, unknown>, sourceSha256)
        : stampRules(doc as Record<string, unknown>, sourceSha256);
    const text = canonicalJson(stamped) + "\n";
    const target = join(committedDir, name);
    const before = existsSync(target) ? await readFile(target, "utf8") : undefined;
    const fingerprint = stamped.rulesFingerprint as string | undefined;
    if (!isTable && fingerprint !== undefined) fingerprints.set(name, fingerprint);
    if (before === text) {
      files.push({ file: name, status: "unchanged", ...(fingerprint !== undefined ? { rulesFingerprint: fingerprint } : {}) });
      continue;
    }
    await writeFileAtomic(target, text);
    files.push({ file: name, status: before === undefined ? "new" : "changed", ...(fingerprint !== undefined ? { rulesFingerprint: fingerprint } : {}) });
  }
  const stale = committed.filter((f) => !produced.includes(f));
  return { files, stale };
}
