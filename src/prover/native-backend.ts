// Native Lean through Lake, used whenever `lake` is on PATH: `lake build --wfail` (warnings,
// including `declaration uses sorry`, fail the build), then `#print axioms` for every headline
// theorem from a separate non-module file, where native Lean allows it.
import { accessSync, constants } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { execa } from "execa";
import { parsePrintAxioms, printAxiomsFile } from "./axiom-audit.ts";
import { parseTextMessages, type Diagnostic } from "./diagnostics.ts";

export function findOnPath(command: string, pathVar = process.env.PATH ?? ""): string | undefined {
  for (const dir of pathVar.split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

export interface NativeBuild {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Seconds per module, as Lake reports them (`✔ [2/5] Built Foo (1.2s)`). */
  moduleSeconds: Map<string, number>;
  /** Modules Lake reports as failed (`✖ [3/5] Building Foo`). */
  failedModules: Set<string>;
  output: string;
  seconds: number;
  timedOut: boolean;
}

export function parseLakeProgress(output: string): { built: Map<string, number>; failed: Set<string> } {
  const built = new Map<string, number>();
  const failed = new Set<string>();
  for (const line of output.split("\n")) {
    const ok = /Built ([A-Za-z0-9_.'«»]+)(?: \(([\d.]+)(ms|s)\))?/.exec(line);
    if (ok) built.set(ok[1]!, ok[2] === undefined ? 0 : Number(ok[2]) / (ok[3] === "ms" ? 1000 : 1));
    const bad = /✖ \[\d+\/\d+\] Building ([A-Za-z0-9_.'«»]+)/.exec(line);
    if (bad) failed.add(bad[1]!);
  }
  return { built, failed };
}

export async function lakeBuild(lake: string, leanRoot: string, timeoutSeconds: number): Promise<NativeBuild> {
  const started = Date.now();
  const r = await execa(lake, ["build", "--wfail"], { cwd: leanRoot, all: true, reject: false, timeout: timeoutSeconds * 1000, stdin: "ignore" });
  const output = String(r.all ?? "");
  const { built, failed } = parseLakeProgress(output);
  return {
    ok: r.exitCode === 0 && !r.timedOut,
    diagnostics: parseTextMessages(output),
    moduleSeconds: built,
    failedModules: failed,
    output,
    seconds: (Date.now() - started) / 1000,
    timedOut: r.timedOut,
  };
}

export async function lakeLeanVersion(lake: string, leanRoot: string): Promise<string> {
  const r = await execa(lake, ["env", "lean", "--version"], { cwd: leanRoot, reject: false, stdin: "ignore" });
  const text = String(r.stdout).trim().split("\n")[0] ?? "";
  return text === "" ? "unknown (lake env lean --version printed nothing)" : text;
}

export interface NativeAudit {
  axioms: Map<string, string[]>;
  diagnostics: Diagnostic[];
  ok: boolean;
}

export async function lakePrintAxioms(
  lake: string,
  leanRoot: string,
  buildDir: string,
  modules: readonly string[],
  theorems: readonly string[],
  timeoutSeconds: number,
): Promise<NativeAudit> {
  await mkdir(buildDir, { recursive: true });
  const file = join(buildDir, "AxiomAudit.lean");
  await writeFile(file, printAxiomsFile(modules, theorems));
  const r = await execa(lake, ["env", "lean", file], { cwd: leanRoot, all: true, reject: false, timeout: timeoutSeconds * 1000, stdin: "ignore" });
  const output = String(r.all ?? "");
  const diagnostics = parseTextMessages(output).filter((d) => d.severity === "error");
  return { axioms: parsePrintAxioms(output), diagnostics, ok: r.exitCode === 0 && diagnostics.length === 0 };
}
