// Checking an ITF file: import it, then replay it through the ordinary TraceChecker.
import { readFile } from "node:fs/promises";
import { TraceChecker, type CheckOptions, type TraceResult } from "../checker/check.ts";
import { importItf } from "./import.ts";

export interface ItfCheckOptions extends CheckOptions {
  variant?: string;
  bounds?: Record<string, number>;
}

export async function checkItfText(text: string, file: string, opts: ItfCheckOptions): Promise<TraceResult> {
  const c = new TraceChecker(file, { ...opts, unit: "state", validateLine: undefined });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    c.fail(0, "malformed", `malformed JSON: ${(e as Error).message}; expected an ITF trace object`);
    return c.finish(0);
  }
  const imp = await importItf(doc, file, { rules: opts.rules, variant: opts.variant, bounds: opts.bounds });
  if (!imp.ok) {
    c.fail(Math.max(imp.error.state, 0), imp.error.usage ? "usage" : "malformed", `ITF: ${imp.error.message}`);
    return c.finish(0);
  }
  c.warnings.push(...imp.value.warnings);
  c.setup(imp.value.model, imp.value.header, 0);
  for (let i = 0; i < imp.value.events.length && !c.done; i++) c.event(imp.value.events[i], i + 1);
  return c.finish(imp.value.events.length);
}

export async function checkItfFile(file: string, opts: ItfCheckOptions): Promise<TraceResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const c = new TraceChecker(file, { ...opts, unit: "state" });
    const code = (e as NodeJS.ErrnoException).code;
    c.fail(0, "io", `cannot read ${file}: ${code === "ENOENT" ? "no such file" : (e as Error).message}`);
    return c.finish(0);
  }
  return checkItfText(text, file, opts);
}
