// Loading lean/rules/<Variant>.json: parse, validate the shape with ajv, compile per bounds.
// The production checker reads rules only from here; TypeScript holds no copy of the rules.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PROJECT_ROOT } from "../util/project-root.ts";
import { Ajv } from "ajv";
import { ajvMessage } from "../contract/ajv-message.ts";
import { rulesSchema } from "./rules-schema.ts";
import { rulesFingerprint } from "../contract/rules/fingerprint.ts";
import { compileModel, type Model } from "./interp.ts";
import type { Bounds, RulesDoc } from "../contract/rules/types.ts";
import type { Result } from "../contract/result.ts";
import { err, ok } from "../contract/result.ts";

/** The repository root. */
export const repoRoot = PROJECT_ROOT;
export const defaultRulesDir = path.join(repoRoot, "lean", "rules");

let validateRules: ReturnType<Ajv["compile"]> | undefined;

/** Validate a parsed document as a rules export; the error names `source`. */
export function parseRules(doc: unknown, source: string): Result<RulesDoc> {
  validateRules ??= new Ajv({ allErrors: false, strict: false }).compile(rulesSchema);
  if (!validateRules(doc)) return err(`${source}: not a valid rules export: ${ajvMessage(validateRules.errors)}`);
  return ok(doc as unknown as RulesDoc);
}

export async function readRulesFile(file: string): Promise<Result<RulesDoc>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err(code === "ENOENT" ? `${file}: rules file not found (run \`npm run prove\` to export it)` : `${file}: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return err(`${file}: malformed JSON: ${(e as Error).message}`);
  }
  return parseRules(doc, file);
}

/** Rules per variant, read once, compiled once per distinct bounds. */
export class RulesCache {
  private docs = new Map<string, Promise<Result<RulesDoc>>>();
  private models = new Map<string, Result<Model>>();
  constructor(readonly rulesDir: string = defaultRulesDir) {}

  fileFor(variant: string): string {
    return path.join(this.rulesDir, `${variant}.json`);
  }

  doc(variant: string): Promise<Result<RulesDoc>> {
    if (!/^[A-Za-z0-9_-]+$/.test(variant)) return Promise.resolve(err(`variant ${JSON.stringify(variant)} is not a valid variant name`));
    let p = this.docs.get(variant);
    if (!p) {
      const file = this.fileFor(variant);
      p = readRulesFile(file).then((r) => {
        // A hand edit after export would make the rules disagree with Lean: refuse them.
        if (r.ok && r.value.rulesFingerprint !== undefined && r.value.rulesFingerprint !== rulesFingerprint(r.value))
          return err(`${file}: rulesFingerprint does not match the document's content (edited after export?); run \`npm run prove\` to re-export`);
        return r;
      });
      this.docs.set(variant, p);
    }
    return p;
  }

  async model(variant: string, bounds: Bounds): Promise<Result<Model>> {
    const d = await this.doc(variant);
    if (!d.ok) return d;
    const key = `${variant} ${JSON.stringify(Object.entries(bounds).sort())}`;
    let m = this.models.get(key);
    if (!m) {
      const c = compileModel(d.value, bounds);
      m = c.ok ? c : err(`${this.fileFor(variant)}: ${c.error}`);
      this.models.set(key, m);
    }
    return m;
  }
}
