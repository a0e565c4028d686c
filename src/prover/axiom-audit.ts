// Which axioms a headline theorem rests on, and whether that is acceptable.
//
// Native Lean: `#print axioms` in a separate, non-module file; only the standard three axioms
// (propext, Classical.choice, Quot.sound) are allowed.
//
// Bundled engine: every file is a `module`, where `#print axioms` is refused, and imported
// theorems carry no proof bodies, so an audit only sees through theorems of its own file. The
// runner therefore appends a `collectAxioms` evaluation to the very module that declares the
// theorems and applies a deny-list (reference/lean-wasm.md, section 2).
import type { Diagnostic } from "./diagnostics.ts";

export type AuditMethod = "print-axioms" | "deny-list";

export const STANDARD_AXIOMS = ["propext", "Classical.choice", "Quot.sound"] as const;
export const DENIED_AXIOMS = ["sorryAx", "Lean.ofReduceBool", "Lean.trustCompiler", "Lean.reduceBool"] as const;

const MARKER = "AXIOM-AUDIT ";

export interface AuditAugmentation {
  source: string;
  /** Lines of the original file; messages past this line come from the audit code. */
  originalLines: number;
}

/**
 * The module's source with the audit appended. The two imports it needs go on the `module`
 * line so that every original line keeps its number.
 */
export function augmentForAudit(source: string, theorems: readonly string[]): AuditAugmentation {
  const imports = "import Lean.Util.CollectAxioms import Lean.CoreM";
  const lines = source.split("\n");
  const moduleLine = lines.findIndex((l) => /^\s*module\s*$/.test(l));
  if (moduleLine >= 0) lines[moduleLine] = `${lines[moduleLine]!.trimEnd()} ${imports}`;
  else lines[0] = `${imports} ${lines[0] ?? ""}`;
  const names = theorems.map((t) => "``" + t).join(", ");
  // Name.toString and Array iteration are outside the engine's compilable subset: hand-written.
  const audit = [
    "",
    "private partial def axiomAuditName : Lean.Name → String",
    '  | .anonymous => ""',
    "  | .str .anonymous s => s",
    '  | .str p s => axiomAuditName p ++ "." ++ s',
    '  | .num p n => axiomAuditName p ++ "." ++ toString n',
    "private partial def axiomAuditJoin (a : Array Lean.Name) (i : Nat) (acc : String) : String :=",
    '  if h : i < a.size then axiomAuditJoin a (i + 1) (acc ++ " " ++ axiomAuditName a[i]) else acc',
    "#eval show Lean.CoreM Unit from do",
    `  for n in [${names}] do`,
    "    let axs ← Lean.collectAxioms n",
    `    IO.println ("${MARKER}" ++ axiomAuditName n ++ ":" ++ axiomAuditJoin axs 0 "")`,
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

/** Extracts the audit's findings from the engine's messages; returns the other messages. */
export function takeAuditResults(diagnostics: readonly Diagnostic[]): { axioms: Map<string, string[]>; rest: Diagnostic[] } {
  const axioms = new Map<string, string[]>();
  const rest: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (d.severity !== "information" || !d.message.includes(MARKER)) {
      rest.push(d);
      continue;
    }
    for (const line of d.message.split("\n")) {
      if (!line.startsWith(MARKER)) continue;
      const body = line.slice(MARKER.length);
      const colon = body.indexOf(":");
      const name = unmangle(body.slice(0, colon));
      axioms.set(name, body.slice(colon + 1).trim().split(/\s+/).filter((s) => s !== ""));
    }
  }
  return { axioms, rest };
}

/**
 * The axioms that fail the audit. Deny-list: the known escape hatches plus anything declared
 * in a project module (the lint rejects `axiom` in sources too; this catches what slips by).
 */
export function deniedAxioms(axioms: readonly string[], method: AuditMethod, projectModules: readonly string[]): string[] {
  if (method === "print-axioms") return axioms.filter((a) => !(STANDARD_AXIOMS as readonly string[]).includes(a));
  const projectPrivate = projectModules.map((m) => `_private.${m}.`);
  return axioms.filter((a) => (DENIED_AXIOMS as readonly string[]).includes(a) || projectPrivate.some((p) => a.startsWith(p)));
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
