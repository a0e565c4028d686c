// Reads a Lake package the way `lake build` sees it: the libraries in lakefile.toml, their root
// modules, and everything those import inside the package, in an order where every module
// comes after its imports. Pure functions on top of two small I/O helpers.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { blockCommentEnd } from "./lean-comments.ts";

export class PackageError extends Error {
  override name = "PackageError";
}

export interface LeanModule {
  /** Dotted module name, e.g. `ElectricRace.Spec.Model`. */
  name: string;
  /** Path relative to the package root, e.g. `ElectricRace/Spec/Model.lean`. */
  file: string;
  source: string;
  /** Imports that resolve to modules of this package. */
  imports: string[];
}

export interface LeanPackage {
  root: string;
  name: string;
  libraries: { name: string; roots: string[] }[];
  /** Every module reachable from the library roots, imports first. */
  modules: LeanModule[];
  toolchain: string | undefined;
}

export function moduleFile(name: string): string {
  return name.split(".").join("/") + ".lean";
}

/**
 * The module names a Lean file imports. Only the header counts (`module`, `prelude`,
 * `[public] [meta] import X`, comments); parsing stops at the first other command.
 */
export function parseImports(source: string): string[] {
  const imports: string[] = [];
  let text = source;
  for (;;) {
    text = text.replace(/^\s+/, "");
    if (text.startsWith("--")) {
      const nl = text.indexOf("\n");
      text = nl === -1 ? "" : text.slice(nl + 1);
      continue;
    }
    if (text.startsWith("/-")) {
      const end = blockCommentEnd(text);
      if (end === -1) return imports;
      text = text.slice(end);
      continue;
    }
    const keyword = /^(module|prelude)\b/.exec(text);
    if (keyword) {
      text = text.slice(keyword[0].length);
      continue;
    }
    const imp = /^(?:(?:public|private)\s+)?(?:meta\s+)?import\s+(?:all\s+)?([A-Za-z_][A-Za-z0-9_'.«»]*)/.exec(text);
    if (!imp) return imports;
    imports.push(imp[1]!);
    text = text.slice(imp[0].length);
  }
}

/**
 * Orders modules so that each follows its imports. Throws a PackageError naming the cycle when
 * there is one (Lean itself would report it only as a missing .olean).
 */
export function importOrder(modules: ReadonlyMap<string, readonly string[]>, roots: readonly string[]): string[] {
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (name: string): void => {
    const s = state.get(name);
    if (s === "done") return;
    if (s === "visiting") {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      throw new PackageError(`import cycle: ${cycle.join(" -> ")}`);
    }
    const deps = modules.get(name);
    if (deps === undefined) throw new PackageError(`module ${name} is imported but not part of the package`);
    state.set(name, "visiting");
    stack.push(name);
    for (const d of deps) visit(d);
    stack.pop();
    state.set(name, "done");
    order.push(name);
  };
  for (const r of roots) visit(r);
  return order;
}

interface LakefileLib {
  name?: unknown;
  roots?: unknown;
}

export function parseLakefile(text: string, path: string): { name: string; libraries: { name: string; roots: string[] }[] } {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    throw new PackageError(`${path}: not valid TOML: ${(err as Error).message.split("\n")[0]}`);
  }
  const name = typeof doc.name === "string" ? doc.name : undefined;
  if (name === undefined) throw new PackageError(`${path}: expected a top-level 'name = "…"'`);
  const libs = Array.isArray(doc.lean_lib) ? (doc.lean_lib as LakefileLib[]) : [];
  if (libs.length === 0) throw new PackageError(`${path}: expected at least one [[lean_lib]]`);
  const libraries = libs.map((lib, i) => {
    if (typeof lib.name !== "string") throw new PackageError(`${path}: [[lean_lib]] #${i + 1} needs a 'name'`);
    const roots = lib.roots === undefined ? [lib.name] : lib.roots;
    if (!Array.isArray(roots) || roots.some((r) => typeof r !== "string")) {
      throw new PackageError(`${path}: [[lean_lib]] '${lib.name}': 'roots' must be a list of module names`);
    }
    return { name: lib.name, roots: roots as string[] };
  });
  return { name, libraries };
}

/** Loads the package rooted at `root` (the folder holding lakefile.toml). */
export async function loadPackage(root: string): Promise<LeanPackage> {
  const lakefile = join(root, "lakefile.toml");
  if (!existsSync(lakefile)) throw new PackageError(`${lakefile} does not exist: expected a Lake package there`);
  const { name, libraries } = parseLakefile(await readFile(lakefile, "utf8"), lakefile);
  const toolchainFile = join(root, "lean-toolchain");
  const toolchain = existsSync(toolchainFile) ? (await readFile(toolchainFile, "utf8")).trim() : undefined;

  const loaded = new Map<string, LeanModule>();
  const pending = libraries.flatMap((l) => l.roots);
  while (pending.length > 0) {
    const mod = pending.pop()!;
    if (loaded.has(mod)) continue;
    const file = moduleFile(mod);
    const path = join(root, file);
    if (!existsSync(path)) throw new PackageError(`module ${mod}: file ${path} does not exist`);
    const source = await readFile(path, "utf8");
    const imports = parseImports(source).filter((i) => existsSync(join(root, moduleFile(i))));
    loaded.set(mod, { name: mod, file, source, imports });
    pending.push(...imports);
  }
  const graph = new Map([...loaded].map(([k, m]) => [k, m.imports] as const));
  const order = importOrder(graph, libraries.flatMap((l) => l.roots));
  return { root, name, libraries, modules: order.map((n) => loaded.get(n)!), toolchain };
}
