// Consumer processes (electric.md §3.3) and the DynamicConsumerSupervisor that starts them.
// Consumers are :temporary (never restarted); ids are fresh pids, never reused.
import type { Handle, Pid, TxnId } from "../contract/vocabulary.ts";
import type { Cells } from "../contract/vocabulary.ts";
import { key1 } from "../contract/vocabulary.ts";

export type ConsumerState =
  | "starting" | "running" | "dead_cleanup" | "dead_suspend" | "dead_crash" | "dead_killed" | "dead_shutdown";

interface ConsumerRec {
  readonly pid: Pid;
  readonly owner: Handle;
  state: ConsumerState;
  applied: TxnId;
}

export function isLive(s: ConsumerState): boolean {
  return s === "starting" || s === "running";
}

export type StopResult = "ok" | "noproc";

export class Consumers {
  private readonly recs: ConsumerRec[];

  constructor(private readonly capacity: number, recs?: readonly ConsumerRec[]) {
    this.recs = (recs ?? []).map((r) => ({ ...r }));
  }

  clone(): Consumers {
    return new Consumers(this.capacity, this.recs);
  }

  get nextPid(): Pid {
    return this.recs.length;
  }

  canStart(): boolean {
    return this.recs.length < this.capacity;
  }

  /** start_shape_consumer: init/1 runs during start_child; the writer is set up later by the
   * async {:initialize_shape} message. */
  start(owner: Handle, state: ConsumerState = "starting"): Pid {
    const pid = this.recs.length;
    this.recs.push({ pid, owner, state, applied: -1 });
    return pid;
  }

  get(pid: Pid): Readonly<ConsumerRec> | undefined {
    return this.recs[pid];
  }

  isAlive(pid: Pid): boolean {
    const r = this.recs[pid];
    return r !== undefined && isLive(r.state);
  }

  all(): readonly Readonly<ConsumerRec>[] {
    return this.recs;
  }

  /** handle_info {:initialize_shape}: create or open storage; the caller does the storage I/O. */
  initialise(pid: Pid): Handle {
    const r = this.must(pid);
    r.state = "running";
    return r.owner;
  }

  /** handle_call {:handle_event}: apply, reply :ok. Offsets at or below the last applied are skipped. */
  handleEvent(pid: Pid, txn: TxnId): void {
    const r = this.must(pid);
    if (txn > r.applied) r.applied = txn;
  }

  /** Consumer.stop: `stop(nil)` and a dead pid are :ok; a live pid is called with {:stop, reason},
   * which replies :ok and THEN terminates, so by the time the caller continues the process is on
   * its way out. Its registry entry is not touched (unregister_name is a no-op). */
  stop(pid: Pid | undefined): StopResult {
    if (pid === undefined) return "ok";
    const r = this.recs[pid];
    if (r === undefined || !isLive(r.state)) return "ok"; // Process.alive? false
    r.state = "dead_cleanup";
    return "ok";
  }

  /** Exits with the given reason (suspend, crash, self-clean, kill). */
  exit(pid: Pid, reason: "dead_suspend" | "dead_crash" | "dead_cleanup" | "dead_killed"): Handle {
    const r = this.must(pid);
    r.state = reason;
    return r.owner;
  }

  /** Shapes.Supervisor one_for_all restart: every consumer is shut down. */
  shutdownAll(): void {
    for (const r of this.recs) if (isLive(r.state)) r.state = "dead_shutdown";
  }

  project(cells: Cells, C: number): void {
    for (let c = 0; c < C; c++) {
      const r = this.recs[c];
      cells.set(key1("cons", c), r?.state ?? "unused");
      cells.set(key1("owner", c), r?.owner ?? -1);
      cells.set(key1("applied", c), r?.applied ?? -1);
    }
    cells.set("nextConsumer", this.recs.length);
  }

  stateKey(): string {
    return this.recs.map((r) => `${r.owner}:${r.state}:${r.applied}`).join(",");
  }

  private must(pid: Pid): ConsumerRec {
    const r = this.recs[pid];
    if (r === undefined) throw new Error(`no consumer ${pid}`);
    return r;
  }
}
