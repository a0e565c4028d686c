// Input limits: every cost that grows with what an input declares (bounds, cells, header
// size, nesting) is checked against a limit before it is paid, so that rejecting any input
// costs well under a second and 200 MB. Each limit has a documented default and a flag.
export interface InputLimits {
  /** largest value of any one bound (H, C, K, T) */
  maxBound: number;
  /** largest number of state cells the bounds may imply (sum over variables of the product of their index domains) */
  maxCells: number;
  /** longest header line, bytes (the header holds the whole initial state) */
  maxHeaderBytes: number;
  /** longest event line, bytes */
  maxLineBytes: number;
  /** deepest nesting of objects and arrays in one record (an NDJSON record nests 2, an ITF document about 10) */
  maxDepth: number;
  /** largest ITF document, bytes (it is read whole) */
  maxItfBytes: number;
}

export const DEFAULT_LIMITS: Readonly<InputLimits> = {
  maxBound: 10_000,
  maxCells: 100_000,
  maxHeaderBytes: 16 << 20,
  maxLineBytes: 1 << 20,
  maxDepth: 32,
  maxItfBytes: 4 << 20,
};

/** Hard ceilings a flag cannot exceed: beyond them the parser's recursion could exhaust the stack. */
export const CEILINGS: Readonly<Pick<InputLimits, "maxDepth">> = { maxDepth: 1000 };

export const LIMIT_FLAGS: Record<keyof InputLimits, string> = {
  maxBound: "--max-bound",
  maxCells: "--max-cells",
  maxHeaderBytes: "--max-header-bytes",
  maxLineBytes: "--max-line-bytes",
  maxDepth: "--max-depth",
  maxItfBytes: "--max-itf-bytes",
};

export function withDefaults(l: Partial<InputLimits> | undefined): InputLimits {
  return { ...DEFAULT_LIMITS, ...(l ?? {}) };
}

/** The variables' index domains, as the rules document declares them. */
export interface DomainShape {
  domains: Record<string, string>;
  variables: readonly { name: string; index: readonly string[] }[];
}

/**
 * Checks bounds against the limits before any layout is built: each bound a safe integer within
 * maxBound, and the implied number of cells within maxCells (computed in floating point, so a
 * huge product cannot wrap). Returns the problem in words, or undefined.
 */
export function checkBounds(rules: DomainShape, bounds: Record<string, unknown>, limits: InputLimits): string | undefined {
  for (const [k, v] of Object.entries(bounds)) {
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) return `bound ${k} must be a non-negative integer, got ${String(v)}`;
    if (v > limits.maxBound) return `bound ${k}=${v} is over the limit of ${limits.maxBound} (raise it with ${LIMIT_FLAGS.maxBound})`;
  }
  let cells = 0;
  for (const v of rules.variables) {
    let n = 1;
    for (const d of v.index) {
      const b = bounds[rules.domains[d] ?? d];
      n *= typeof b === "number" ? b : 0;
    }
    cells += n;
  }
  if (cells > limits.maxCells)
    return `bounds ${JSON.stringify(bounds)} give ${cells.toLocaleString("en")} state cells, over the limit of ${limits.maxCells.toLocaleString("en")} (raise it with ${LIMIT_FLAGS.maxCells})`;
  return undefined;
}

/** Parses a limit flag's value: a positive integer, with an optional k/M/G suffix for byte sizes. */
export function parseLimit(flag: string, text: string): { ok: true; value: number } | { ok: false; error: string } {
  const m = /^(\d+)([kKmMgG]?)$/.exec(text.trim());
  if (!m) return { ok: false, error: `${flag}: expected a positive integer (bytes may end in k, M or G), got '${text}'` };
  const mult = { "": 1, k: 1 << 10, K: 1 << 10, m: 1 << 20, M: 1 << 20, g: 1 << 30, G: 1 << 30 }[m[2]!]!;
  const v = Number(m[1]) * mult;
  if (!Number.isSafeInteger(v) || v < 1) return { ok: false, error: `${flag}: ${text} is out of range` };
  if (flag === LIMIT_FLAGS.maxDepth && v > CEILINGS.maxDepth) return { ok: false, error: `${flag}: at most ${CEILINGS.maxDepth}` };
  return { ok: true, value: v };
}

/** A byte count as people write limits: "1 MiB", "64 KiB", else "N bytes". */
export function showBytes(n: number): string {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`;
  if (n >= 1 << 10 && n % (1 << 10) === 0) return `${n / (1 << 10)} KiB`;
  return `${n} bytes`;
}
