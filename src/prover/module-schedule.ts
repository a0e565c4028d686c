// Runs the checks of a module graph with up to `jobs` at once: a module starts only when every
// module it imports has succeeded; one whose import failed is not run at all. Among the ready
// modules the one heading the longest remaining chain (by the caller's time estimates) goes
// first, so the critical path is never left waiting behind short side modules.

export interface ScheduledModule {
  readonly name: string;
  /** Imports inside the graph (others are ignored). */
  readonly imports: readonly string[];
  /** Expected seconds (from the last run), for ordering only. */
  readonly estimate: number;
}

export type Outcome<R> = { readonly kind: "ran"; readonly ok: boolean; readonly result: R } | { readonly kind: "blocked"; readonly by: readonly string[] };

export interface ScheduleOptions<R> {
  readonly jobs: number;
  /** Check one module; `ok` says whether modules importing it may run. */
  readonly run: (name: string) => Promise<{ ok: boolean; result: R }>;
  /** Called as each module finishes or is blocked, in completion order. */
  readonly onDone?: (name: string, o: Outcome<R>) => void;
}

/** Longest chain of estimates from each module to the end of the graph (itself included). */
export function criticalPath(mods: readonly ScheduledModule[]): Map<string, number> {
  const byName = new Map(mods.map((m) => [m.name, m]));
  const dependents = new Map<string, string[]>(mods.map((m) => [m.name, []]));
  for (const m of mods) for (const i of m.imports) dependents.get(i)?.push(m.name);
  const memo = new Map<string, number>();
  const visit = (n: string, stack: Set<string>): number => {
    const known = memo.get(n);
    if (known !== undefined) return known;
    if (stack.has(n)) throw new Error(`module graph has an import cycle through ${n}`);
    stack.add(n);
    let tail = 0;
    for (const d of dependents.get(n) ?? []) tail = Math.max(tail, visit(d, stack));
    stack.delete(n);
    const v = (byName.get(n)?.estimate ?? 0) + tail;
    memo.set(n, v);
    return v;
  };
  for (const m of mods) visit(m.name, new Set());
  return memo;
}

/** Runs the graph; resolves with every module's outcome, keyed by name, once all are settled. */
export async function runSchedule<R>(mods: readonly ScheduledModule[], opts: ScheduleOptions<R>): Promise<Map<string, Outcome<R>>> {
  const jobs = Math.max(1, Math.floor(opts.jobs));
  const names = new Set(mods.map((m) => m.name));
  const prio = criticalPath(mods);
  const outcomes = new Map<string, Outcome<R>>();
  const waiting = mods.map((m) => ({ ...m, imports: m.imports.filter((i) => names.has(i)) }));
  const succeeded = new Set<string>();
  let running = 0;

  return new Promise((resolve, reject) => {
    const settle = (name: string, o: Outcome<R>): void => {
      outcomes.set(name, o);
      opts.onDone?.(name, o);
    };
    const pump = (): void => {
      // Block every waiting module whose import has settled without success (repeat: blocking
      // one can block its own dependents).
      for (let changed = true; changed; ) {
        changed = false;
        for (let i = waiting.length - 1; i >= 0; i--) {
          const m = waiting[i]!;
          const by = m.imports.filter((x) => outcomes.has(x) && !succeeded.has(x));
          if (by.length === 0) continue;
          waiting.splice(i, 1);
          settle(m.name, { kind: "blocked", by });
          changed = true;
        }
      }
      const ready = waiting.filter((m) => m.imports.every((x) => succeeded.has(x)));
      ready.sort((a, b) => (prio.get(b.name) ?? 0) - (prio.get(a.name) ?? 0));
      for (const m of ready) {
        if (running >= jobs) break;
        waiting.splice(waiting.indexOf(m), 1);
        running++;
        opts.run(m.name).then(
          (r) => {
            running--;
            if (r.ok) succeeded.add(m.name);
            settle(m.name, { kind: "ran", ok: r.ok, result: r.result });
            pump();
          },
          (e: unknown) => reject(e),
        );
      }
      if (running === 0 && waiting.length === 0) resolve(outcomes);
      else if (running === 0 && ready.length === 0) reject(new Error(`module graph: ${waiting.map((m) => m.name).join(", ")} can never run (missing imports)`));
    };
    pump();
  });
}
