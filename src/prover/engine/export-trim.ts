// Which exports of the Lean engine to keep. The rule comes from reference/lean-wasm.md:
// Lean's interpreter looks up compiled `l_*` functions by name (dlsym), but never the
// compiler's auxiliary specialisations, lambdas, closed terms and reduced-arity copies.
import {
  EXPORT_KIND_FUNC,
  SECTION_EXPORT,
  SECTION_IMPORT,
  WasmFormatError,
  readExports,
  readImports,
  readSections,
  replaceExports,
  type WasmExport,
} from "./wasm-sections.ts";

/** V8 refuses to instantiate a module with more exports than this. */
export const V8_EXPORT_LIMIT = 100_000;

const AUXILIARY = /___spec__|___lam__|___redArg|___closed__|_elambda|___at__/;

export function keepExport(e: WasmExport, gotImports: ReadonlySet<string>): boolean {
  if (e.kind !== EXPORT_KIND_FUNC) return true;
  if (!e.name.startsWith("l_")) return true;
  if (gotImports.has(e.name)) return true;
  return !AUXILIARY.test(e.name);
}

export interface TrimResult {
  bytes: Uint8Array<ArrayBuffer>;
  before: number;
  after: number;
}

export function trimExports(module: Uint8Array, limit = V8_EXPORT_LIMIT): TrimResult {
  const sections = readSections(module);
  const importSection = sections.find((s) => s.id === SECTION_IMPORT);
  const exportSection = sections.find((s) => s.id === SECTION_EXPORT);
  if (exportSection === undefined) throw new WasmFormatError("module has no export section");
  const got = new Set<string>();
  if (importSection !== undefined) {
    for (const imp of readImports(module, importSection)) {
      if (imp.module === "GOT.func" || imp.module === "GOT.mem") got.add(imp.field);
    }
  }
  const exports = readExports(module, exportSection);
  const kept = exports.filter((e) => keepExport(e, got));
  if (kept.length >= limit) {
    throw new WasmFormatError(`trimming left ${kept.length} exports, still not below V8's limit of ${limit}`);
  }
  return { bytes: replaceExports(module, kept), before: exports.length, after: kept.length };
}
