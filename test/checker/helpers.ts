// Shared test helpers: toy fixture rules, generated valid traces, in-memory checking.
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { RulesCache } from "../../src/checker/rules.ts";
import { checkStream } from "../../src/checker/stream.ts";
import type { CheckOptions, TraceResult } from "../../src/checker/check.ts";
import { defaultState, makeHeader, randomWalk, rng } from "../../src/checker/generate.ts";
import type { Model } from "../../src/checker/interp.ts";
import type { Scalar } from "../../src/contract/rules/types.ts";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const fixtureRulesDir = path.join(here, "fixtures", "rules");
export const toyRules = () => new RulesCache(fixtureRulesDir);

export const TOY_BOUNDS = { H: 2, C: 2, T: 2 };
export const TOY_INIT: Record<string, Scalar> = {
  "status[0]": "present", "status[1]": "present", "router[0]": true, "router[1]": true,
  "touches[0][0]": true, "touches[0][1]": true, "touches[1][0]": true,
};

export async function toyModel(variant: string, bounds: Record<string, number> = TOY_BOUNDS): Promise<Model> {
  const m = await toyRules().model(variant, bounds);
  if (!m.ok) throw new Error(m.error);
  return m.value;
}

/** A valid trace as NDJSON lines (header first). */
export function genTrace(m: Model, seed: number, steps = 40, init: Record<string, Scalar> = TOY_INIT): string[] {
  const s0 = defaultState(m, init);
  const lines = [JSON.stringify(makeHeader(m, s0, { seed }))];
  for (const e of randomWalk(m, s0, steps, rng(seed))) lines.push(JSON.stringify(e));
  return lines;
}

export function checkText(text: string, opts: CheckOptions, file = "mem.ndjson"): Promise<TraceResult> {
  return checkStream(Readable.from([Buffer.from(text)]), file, opts);
}

export const checkLines = (lines: string[], opts: CheckOptions, file?: string) => checkText(lines.join("\n") + "\n", opts, file);
