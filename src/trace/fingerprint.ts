// The header's rulesFingerprint: quoted from lean/rules/<Variant>.json when the Lean export
// exists, "unavailable" otherwise.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Variant } from "../impl/types.ts";

export const RULES_DIR = fileURLToPath(new URL("../../lean/rules/", import.meta.url));

export function rulesFingerprint(variant: Variant, dir: string = RULES_DIR): string {
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
