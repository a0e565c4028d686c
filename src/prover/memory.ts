// Whether there is room for one more engine process. /proc/meminfo's MemAvailable counts
// reclaimable cache, which os.freemem() does not; fall back to os.freemem() elsewhere.
import { readFile } from "node:fs/promises";
import { availableParallelism, freemem } from "node:os";

/** Peak resident memory of one bundled-engine process, with headroom (measured 1.3-1.6 GB). */
export const ENGINE_MEMORY_BYTES = 1.7 * 2 ** 30;

export async function availableMemoryBytes(): Promise<number | undefined> {
  const override = process.env.ELECTRIC_RACE_AVAILABLE_MEMORY;
  if (override !== undefined && /^\d+$/.test(override)) return Number(override);
  try {
    const m = /^MemAvailable:\s+(\d+) kB/m.exec(await readFile("/proc/meminfo", "utf8"));
    if (m) return Number(m[1]) * 1024;
  } catch {
    /* not Linux */
  }
  return freemem();
}

/** The most one module has needed (Thm.Model, 3.1 GiB in the proof report): what each parallel
 * check is budgeted, so that two heavy modules at once still fit. */
export const ENGINE_PEAK_BYTES = 3.2 * 2 ** 30;

/** Parallel module checks: one per core, as many as the free memory covers at peak, at least one. */
export async function defaultJobs(): Promise<number> {
  const available = await availableMemoryBytes();
  const byMemory = available === undefined ? 1 : Math.floor(available / ENGINE_PEAK_BYTES);
  return Math.max(1, Math.min(availableParallelism(), byMemory));
}
