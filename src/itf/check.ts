// Checking an ITF file: import it, then replay it through the ordinary TraceChecker.
import { open } from "node:fs/promises";
import { parseJsonLine } from "../contract/trace/json-line.ts";
import { LIMIT_FLAGS, showBytes } from "../contract/limits.ts";
import { TraceChecker, type CheckOptions, type TraceResult } from "../checker/check.ts";
import { importItf } from "./import.ts";

export interface ItfCheckOptions extends CheckOptions {
  variant?: string;
  bounds?: Record<string, number>;
}

export async function checkItfText(text: string | Buffer, file: string, opts: ItfCheckOptions): Promise<TraceResult> {
  const c = new TraceChecker(file, { ...opts, unit: "state", validateLine: undefined });
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  if (bytes.length > c.limits.maxItfBytes) {
    c.fail(0, "too-long", `ITF document is ${bytes.length} bytes, over the ${showBytes(c.limits.maxItfBytes)} limit (raise it with ${LIMIT_FLAGS.maxItfBytes})`);
    return c.finish(0);
  }
  // The strict parser: duplicate keys, nesting depth, non-finite numbers and invalid UTF-8
  // are refused here, so decoding below never meets them (and never recurses deeper).
  const parsed = parseJsonLine(bytes, 0, bytes.length, c.limits);
  if (!parsed.ok) {
    const lineNo = lineOf(bytes, parsed.column - 1);
    c.fail(0, "malformed", `malformed JSON at line ${lineNo.line}, column ${lineNo.column}: ${parsed.message}; expected an ITF trace object`);
    return c.finish(0);
  }
  const doc = parsed.value;
  const imp = await importItf(doc, file, { rules: opts.rules, variant: opts.variant, bounds: opts.bounds, limits: c.limits });
  if (!imp.ok) {
    c.fail(Math.max(imp.error.state, 0), imp.error.usage ? "usage" : "malformed", `ITF: ${imp.error.message}`);
    return c.finish(0);
  }
  c.warnings.push(...imp.value.warnings);
  c.setup(imp.value.model, imp.value.header, 0);
  for (let i = 0; i < imp.value.events.length && !c.done; i++) c.event(imp.value.events[i], i + 1);
  return c.finish(imp.value.events.length);
}

/** 1-based line and column of byte offset `at` (for messages about a multi-line document). */
function lineOf(b: Buffer, at: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = b.indexOf(10); i >= 0 && i < at; i = b.indexOf(10, i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: at - start + 1 };
}

export async function checkItfFile(file: string, opts: ItfCheckOptions): Promise<TraceResult> {
  let text: Buffer;
  try {
    // size first, so that a huge file is refused without being read
    const h = await open(file, "r");
    try {
      const size = (await h.stat()).size;
      const limit = new TraceChecker(file, opts).limits.maxItfBytes;
      if (size > limit) {
        const c = new TraceChecker(file, { ...opts, unit: "state" });
        c.fail(0, "too-long", `ITF document is ${size} bytes, over the ${showBytes(limit)} limit (raise it with ${LIMIT_FLAGS.maxItfBytes})`);
        return c.finish(0);
      }
      text = await h.readFile();
    } finally {
      await h.close();
    }
  } catch (e) {
    const c = new TraceChecker(file, { ...opts, unit: "state" });
    const code = (e as NodeJS.ErrnoException).code;
    c.fail(0, "io", `cannot read ${file}: ${code === "ENOENT" ? "no such file" : (e as Error).message}`);
    return c.finish(0);
  }
  return checkItfText(text, file, opts);
}
