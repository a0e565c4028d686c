// The headline theorems: the claims about Electric that the proof report vouches for. They are
// listed in one place, `lean/headline.toml`, so that the axiom audit cannot quietly skip one.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { PackageError } from "./lake-package.ts";

export interface HeadlineTheorem {
  /** Fully qualified Lean name. */
  name: string;
  /** Module that declares it (the audit runs inside that module). */
  module: string;
  /** Protocol variant(s) or model the claim is about, free text such as "PreFix". */
  variant: string;
  /** The claim in plain words. */
  claim: string;
}

export const HEADLINE_FILE = "headline.toml";

export function parseHeadline(text: string, path: string, modules: ReadonlySet<string>): HeadlineTheorem[] {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    throw new PackageError(`${path}: not valid TOML: ${(err as Error).message.split("\n")[0]}`);
  }
  const entries = doc.theorem;
  if (!Array.isArray(entries) || entries.length === 0) throw new PackageError(`${path}: expected one or more [[theorem]] tables`);
  const seen = new Set<string>();
  return entries.map((e: Record<string, unknown>, i) => {
    const where = `${path}: [[theorem]] #${i + 1}`;
    for (const field of ["name", "module", "variant", "claim"]) {
      if (typeof e[field] !== "string" || (e[field] as string).trim() === "") throw new PackageError(`${where}: expected a non-empty string '${field}'`);
    }
    const t = { name: e.name as string, module: e.module as string, variant: e.variant as string, claim: e.claim as string };
    if (!/^[A-Za-z_][A-Za-z0-9_'.]*$/.test(t.name)) throw new PackageError(`${where}: '${t.name}' is not a Lean name`);
    if (!modules.has(t.module)) throw new PackageError(`${where}: module '${t.module}' is not part of the Lake package`);
    if (seen.has(t.name)) throw new PackageError(`${where}: '${t.name}' is listed twice`);
    seen.add(t.name);
    return t;
  });
}

export async function loadHeadline(leanRoot: string, modules: ReadonlySet<string>): Promise<HeadlineTheorem[]> {
  const path = join(leanRoot, HEADLINE_FILE);
  if (!existsSync(path)) throw new PackageError(`${path} does not exist: list the headline theorems there so their axioms are audited`);
  return parseHeadline(await readFile(path, "utf8"), path, modules);
}
