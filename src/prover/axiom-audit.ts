// Which axioms a headline theorem rests on, and whether that is acceptable.
//
// Native Lean: `#print axioms` in a separate, non-module file; only the standard three axioms
// (propext, Classical.choice, Quot.sound) are allowed.
//
// Bundled engine: every file is a `module`, where `#print axioms` is refused, and every imported
// theorem is loaded WITHOUT its proof: the engine's exported-level .olean files store imported
// theorems as `axiomInfo` (checked on this engine: `Iff.mp`, `Nat.add_comm` and a project theorem
// from another module all read back as axioms, a theorem of the current file as `thmInfo`), so
// Lean's `collectAxioms` stops at every import and cannot tell `propext` from `Iff.mp`.
// The audit therefore works in two steps:
//   1. every module of the package is checked with a walker appended (`augmentForAudit`) that
//      prints, for EVERY declaration of the module (lemmas, auxiliary definitions too), the
//      constants its type and body use, each with its module and kind; and, for each imported
//      library constant it reaches, Lean's `collectAxioms` over the library (which follows the
//      library definitions whose bodies are exported and stops at body-less theorems);
//   2. the prover composes these per-module records across the project's modules
//      (`composeAxioms`): a project lemma from another module is opaque where it is used, but its
//      own module's record has its body.
// What is left is the library frontier. Real axioms are told apart from body-less library
// theorems by name only (the engine gives no other difference): the names below are Lean's
// axioms; every other body-less library constant is reported as "statement trusted".
import type { Diagnostic } from "./diagnostics.ts";

export type AuditMethod = "print-axioms" | "closure";

export const STANDARD_AXIOMS = ["propext", "Classical.choice", "Quot.sound"] as const;
export const DENIED_AXIOMS = ["sorryAx", "Lean.ofReduceBool", "Lean.ofReduceNat", "Lean.trustCompiler", "Lean.reduceBool", "Lean.reduceNat"] as const;
/** Names of the library's own axioms (Lean 4 core): standard ones and the escape hatches. */
export const LIBRARY_AXIOMS: readonly string[] = [...STANDARD_AXIOMS, ...DENIED_AXIOMS];

const DECL = "AXDECL ";
const STD = "AXSTD ";
/** Prefix of the walker's own helper declarations (left out of the records). */
const HELPER = "axiomAudit";

export interface AuditAugmentation {
  source: string;
  /** Lines of the original file; messages past this line come from the audit code. */
  originalLines: number;
}

/** One constant a declaration uses: its module (`null`: the same module) and kind letter. */
export interface AuditRef {
  name: string;
  module: string | null;
  /** a axiom-like (axiom or imported body-less theorem), t theorem, d definition, o opaque, i inductive, c constructor, r recursor, q quotient, ? unknown */
  kind: string;
}

export interface DeclAudit {
  kind: string;
  refs: AuditRef[];
}

/** One module's audit record: every declaration with its references, and the library frontier. */
export interface ModuleAudit {
  decls: Record<string, DeclAudit>;
  /** For each library constant reached: what `collectAxioms` finds behind it in the library. */
  library: Record<string, string[]>;
}

/**
 * The module's source with the walker appended. The imports it needs go on the `module` line so
 * that every original line keeps its number. The walker is written inside the engine's
 * compilable subset (reference/lean-wasm.md §3): hand-written recursion over the constant map's
 * nodes and arrays, no library folds.
 */
export function augmentForAudit(source: string, outFile?: string): AuditAugmentation {
  const imports = "import Lean.Util.CollectAxioms import Lean.CoreM";
  const lines = source.split("\n");
  const moduleLine = lines.findIndex((l) => /^\s*module\s*$/.test(l));
  if (moduleLine >= 0) lines[moduleLine] = `${lines[moduleLine]!.trimEnd()} ${imports}`;
  else lines[0] = `${imports} ${lines[0] ?? ""}`;
  const N = "Lean.PersistentHashMap.Node Lean.Name Lean.ConstantInfo";
  const audit = [
    "",
    "private partial def axiomAuditName : Lean.Name → String",
    '  | .anonymous => ""',
    "  | .str .anonymous s => s",
    '  | .str p s => axiomAuditName p ++ "." ++ s',
    '  | .num p n => axiomAuditName p ++ "." ++ toString n',
    "private partial def axiomAuditJoin (a : Array Lean.Name) (i : Nat) (acc : String) : String :=",
    '  if h : i < a.size then axiomAuditJoin a (i + 1) (acc ++ " " ++ axiomAuditName a[i]) else acc',
    "private partial def axiomAuditIsHelper : Lean.Name → Bool",
    '  | .str p s => s.startsWith "axiomAudit" || axiomAuditIsHelper p',
    "  | .num p _ => axiomAuditIsHelper p",
    "  | .anonymous => false",
    "private def axiomAuditKind : Option Lean.ConstantInfo → String",
    '  | some (.axiomInfo _) => "a" | some (.thmInfo _) => "t" | some (.defnInfo _) => "d"',
    '  | some (.opaqueInfo _) => "o" | some (.inductInfo _) => "i" | some (.ctorInfo _) => "c"',
    '  | some (.recInfo _) => "r" | some (.quotInfo _) => "q" | none => "?"',
    "mutual",
    `private partial def axiomAuditNode : ${N} → List Lean.Name → List Lean.Name`,
    "  | .entries es, acc => axiomAuditEntries es 0 acc",
    "  | .collision ks _ _, acc => axiomAuditKeys ks 0 acc",
    `private partial def axiomAuditEntries (es : Array (Lean.PersistentHashMap.Entry Lean.Name Lean.ConstantInfo (${N}))) (i : Nat) (acc : List Lean.Name) : List Lean.Name :=`,
    "  if h : i < es.size then",
    "    match es[i] with",
    "    | .entry k _ => axiomAuditEntries es (i + 1) (k :: acc)",
    "    | .ref n => axiomAuditEntries es (i + 1) (axiomAuditNode n acc)",
    "    | .null => axiomAuditEntries es (i + 1) acc",
    "  else acc",
    "private partial def axiomAuditKeys (ks : Array Lean.Name) (i : Nat) (acc : List Lean.Name) : List Lean.Name :=",
    "  if h : i < ks.size then axiomAuditKeys ks (i + 1) (ks[i] :: acc) else acc",
    "end",
    "/-- The references of one declaration, and the library constants among them not seen yet. -/",
    "private partial def axiomAuditRefs (env : Lean.Environment) (a : Array Lean.Name) (i : Nat) (acc : String)",
    "    (seen : Lean.NameSet) (lib : List Lean.Name) : String × Lean.NameSet × List Lean.Name :=",
    "  if h : i < a.size then",
    "    let n := a[i]",
    "    match env.getModuleIdxFor? n with",
    "    | some idx =>",
    "      let m := axiomAuditName (env.header.moduleNames[idx.toNat]!)",
    '      let acc := acc ++ " " ++ axiomAuditName n ++ "@" ++ m ++ "#" ++ axiomAuditKind (env.find? n)',
    "      if seen.contains n then axiomAuditRefs env a (i + 1) acc seen lib",
    "      else axiomAuditRefs env a (i + 1) acc (seen.insert n) (n :: lib)",
    '    | none => axiomAuditRefs env a (i + 1) (acc ++ " " ++ axiomAuditName n ++ "@.#" ++ axiomAuditKind (env.find? n)) seen lib',
    "  else (acc, seen, lib)",
    "#eval show Lean.CoreM Unit from do",
    "  let env ← Lean.getEnv",
    "  let mut seen : Lean.NameSet := {}",
    "  let mut lib : List Lean.Name := []",
    '  let mut out : String := ""',
    "  for n in axiomAuditNode env.constants.map₂.root [] do",
    "    let ci? := if axiomAuditIsHelper n then none else env.find? n",
    "    match ci? with",
    "    | some ci =>",
    '      let (s1, seen1, lib1) := axiomAuditRefs env ci.type.getUsedConstants 0 "" seen lib',
    "      let (s2, seen2, lib2) := match ci.value? (allowOpaque := true) with",
    "        | some v => axiomAuditRefs env v.getUsedConstants 0 s1 seen1 lib1",
    "        | none => (s1, seen1, lib1)",
    "      seen := seen2",
    "      lib := lib2",
    `      out := out ++ "${DECL}" ++ axiomAuditName n ++ "\\t" ++ axiomAuditKind ci? ++ "\\t" ++ s2 ++ "\\n"`,
    "    | none => pure ()",
    "  for n in lib do",
    "    let axs ← Lean.collectAxioms n",
    `    out := out ++ "${STD}" ++ axiomAuditName n ++ ":" ++ axiomAuditJoin axs 0 "" ++ "\\n"`,
    // A large record printed as one message can come out cut short on the bundled engine (a
    // 220 kB record ended mid-line); written to a file, as the rules export is, it arrives whole.
    ...(outFile === undefined
      ? ["  IO.print out"]
      : [`  IO.FS.writeFile ${JSON.stringify(outFile)} out`]),
    "",
  ];
  const originalLines = source.split("\n").length;
  return { source: lines.join("\n") + "\n" + audit.join("\n"), originalLines };
}

/** Strips a module-private mangling (`_private.M.0.Foo.bar` → `Foo.bar`). */
export function unmangle(name: string): string {
  const m = /^_private\.(?:[^.]+\.)*?\d+\.(.+)$/.exec(name);
  return m ? m[1]! : name;
}

function parseRef(token: string): AuditRef {
  const hash = token.lastIndexOf("#");
  const at = token.lastIndexOf("@", hash);
  const module = token.slice(at + 1, hash);
  return { name: token.slice(0, at), module: module === "." ? null : module, kind: token.slice(hash + 1) };
}

/** Extracts the walker's records from the engine's messages; returns the other messages. */
export function takeAuditResults(diagnostics: readonly Diagnostic[]): { audit: ModuleAudit; found: boolean; rest: Diagnostic[] } {
  const audit: ModuleAudit = { decls: {}, library: {} };
  const rest: Diagnostic[] = [];
  let found = false;
  for (const d of diagnostics) {
    if (d.severity !== "information" || !(d.message.includes(DECL) || d.message.includes(STD))) {
      rest.push(d);
      continue;
    }
    found = true;
    for (const line of d.message.split("\n")) {
      if (line.startsWith(DECL)) {
        const [name = "", kind = "?", refs = ""] = line.slice(DECL.length).split("\t");
        if (name.includes(HELPER)) continue;
        const prev = audit.decls[name];
        const parsed = refs.split(" ").filter((s) => s !== "").map(parseRef);
        const seen = new Set<string>();
        const unique = [...(prev?.refs ?? []), ...parsed].filter((r) => !seen.has(r.name) && seen.add(r.name));
        audit.decls[name] = { kind, refs: unique };
      } else if (line.startsWith(STD)) {
        const body = line.slice(STD.length);
        const colon = body.indexOf(":");
        audit.library[body.slice(0, colon)] = body.slice(colon + 1).trim().split(/\s+/).filter((s) => s !== "");
      }
    }
  }
  return { audit, found, rest };
}

/** A headline theorem's audit, composed across the project's modules. */
export interface ComposedAxioms {
  /** Real axioms: library axioms by name, and axioms declared in project modules. */
  axioms: string[];
  /** Axioms declared in project modules (always denied). */
  projectAxioms: string[];
  /** Library theorems reached whose proofs the engine does not load: statements trusted. */
  trustedLibrary: string[];
  /** Project constants whose module record does not list them (the audit cannot see through them). */
  unresolved: string[];
}

/**
 * Follows `theorem` from its module through every project declaration it uses, transitively
 * across modules, collecting the library frontier. Pure: the records come from the engine.
 */
export function composeAxioms(theorem: string, module: string, audits: ReadonlyMap<string, ModuleAudit>): ComposedAxioms {
  const axioms = new Set<string>();
  const projectAxioms = new Set<string>();
  const trusted = new Set<string>();
  const unresolved = new Set<string>();
  const visited = new Set<string>();
  const libraryAxioms = new Set(LIBRARY_AXIOMS);
  const stack: [string, string][] = [[module, theorem]];
  const library = (mod: string, name: string): void => {
    const behind = audits.get(mod)?.library[name];
    for (const a of behind ?? [name]) {
      if (libraryAxioms.has(a)) axioms.add(a);
      else trusted.add(a);
    }
  };
  while (stack.length > 0) {
    const [mod, name] = stack.pop()!;
    const key = `${mod}\u0000${name}`;
    if (visited.has(key)) continue;
    visited.add(key);
    const decl = audits.get(mod)?.decls[name];
    if (decl === undefined) {
      unresolved.add(`${name} (${mod})`);
      continue;
    }
    // A constant declared in the module it is recorded in with kind "a" is a real `axiom`:
    // theorems of the module itself are recorded as "t".
    if (decl.kind === "a") {
      axioms.add(name);
      projectAxioms.add(name);
    }
    for (const r of decl.refs) {
      if (r.module === null) stack.push([mod, r.name]);
      else if (audits.has(r.module)) stack.push([r.module, r.name]);
      else library(mod, r.name);
    }
  }
  const sorted = (s: Set<string>): string[] => [...s].sort();
  return { axioms: sorted(axioms), projectAxioms: sorted(projectAxioms), trustedLibrary: sorted(trusted), unresolved: sorted(unresolved) };
}

/**
 * The axioms that fail the audit: anything but the three standard axioms. On the bundled engine
 * the list comes from `composeAxioms` and holds real axioms only.
 */
export function deniedAxioms(axioms: readonly string[]): string[] {
  return axioms.filter((a) => !(STANDARD_AXIOMS as readonly string[]).includes(a));
}

/** A non-module file that prints the axioms of each theorem (native Lean only). */
export function printAxiomsFile(modules: readonly string[], theorems: readonly string[]): string {
  return [...modules.map((m) => `import ${m}`), "", ...theorems.map((t) => `#print axioms ${t}`), ""].join("\n");
}

/** Parses `#print axioms` output: `'X' depends on axioms: [a, b]` / `'X' does not depend on any axioms`. */
export function parsePrintAxioms(output: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const text = output.replace(/\n\s+/g, " ");
  for (const m of text.matchAll(/'([^']+)' depends on axioms: \[([^\]]*)\]/g)) {
    result.set(m[1]!, m[2]!.split(",").map((s) => s.trim()).filter((s) => s !== ""));
  }
  for (const m of text.matchAll(/'([^']+)' does not depend on any axioms/g)) result.set(m[1]!, []);
  return result;
}
