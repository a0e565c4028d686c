// A small argv parser shared by simulate and explore: typed result, usage errors as values.
export interface ArgSpec {
  readonly values: readonly string[]; // options that take a value
  readonly flags: readonly string[]; // boolean options
}

export interface ParsedArgs {
  readonly positional: readonly string[];
  readonly values: ReadonlyMap<string, string>;
  readonly flags: ReadonlySet<string>;
}

export type ArgsResult = { readonly ok: true; readonly args: ParsedArgs } | { readonly ok: false; readonly error: string };

export function parseArgs(argv: readonly string[], spec: ArgSpec): ArgsResult {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "-h") { flags.add("help"); continue; }
    if (!a.startsWith("--")) { positional.push(a); continue; }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq === -1 ? undefined : eq);
    if (spec.flags.includes(name)) {
      if (eq !== -1) return { ok: false, error: `--${name} takes no value` };
      flags.add(name);
    } else if (spec.values.includes(name)) {
      const v = eq !== -1 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || (eq === -1 && v.startsWith("--"))) return { ok: false, error: `--${name} needs a value` };
      values.set(name, v);
    } else return { ok: false, error: `unknown option ${a}` };
  }
  return { ok: true, args: { positional, values, flags } };
}

export function parseIntArg(v: string | undefined, name: string, lo: number, hi: number): { ok: true; value: number | undefined } | { ok: false; error: string } {
  if (v === undefined) return { ok: true, value: undefined };
  if (!/^[0-9]+$/.test(v)) return { ok: false, error: `--${name} expects a non-negative integer, got '${v}'` };
  const n = Number(v);
  if (n < lo || n > hi) return { ok: false, error: `--${name} must be in ${lo}..${hi}` };
  return { ok: true, value: n };
}
