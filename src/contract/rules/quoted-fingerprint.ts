// The rulesFingerprint a trace header quotes: read from lean/rules/<Variant>.json when the Lean
// export exists, "unavailable" otherwise. (fingerprint.ts computes it; this only reads it.)
import { readFileSync } from "node:fs";
import { PROJECT_ROOT } from "../../util/project-root.ts";
import type { Variant } from "../vocabulary.ts";

export const RULES_DIR = `${PROJECT_ROOT}/lean/rules/`;

export function quotedRulesFingerprint(variant: Variant, dir: string = RULES_DIR): string {
  let text: string;
  try {
    text = readFileSync(`${dir}${variant}.json`, "utf8");
  } catch {
    return "unavailable";
  }
  try {
    const doc = JSON.parse(text) as { rulesFingerprint?: unknown };
    return typeof doc.rulesFingerprint === "string" && /^[0-9a-f]{64}$/.test(doc.rulesFingerprint) ? doc.rulesFingerprint : "unavailable";
  } catch {
    return "unavailable";
  }
}
