// Whether there is room for one more engine process. /proc/meminfo's MemAvailable counts
// reclaimable cache, which os.freemem() does not; fall back to os.freemem() elsewhere.
import { readFile } from "node:fs/promises";
import { freemem } from "node:os";

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
