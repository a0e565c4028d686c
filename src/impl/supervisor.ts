// Supervision (electric.md §3.7): an SLC crash takes down ShapeLogCollector.Supervisor
// (one_for_all, max_restarts 0), and Shapes.Supervisor restarts the whole shape subsystem.
// ShapeStatus and storage live elsewhere and survive.
import type { Cells } from "../contract/vocabulary.ts";

export type CrashCause = "none" | "sendNil" | "external" | "startRaise";

/** The contract's `crashes` cell saturates here (contracts.md §1: type int [0,2]). */
export const CRASH_COUNT_CAP = 2;

export class SupervisorLog {
  /** Crashes so far, saturated at CRASH_COUNT_CAP (part of the state). */
  crashes: number;
  /** The true number of crashes (a statistic, not part of the state hash). */
  total: number;
  cause: CrashCause;

  constructor(src?: SupervisorLog) {
    this.crashes = src?.crashes ?? 0;
    this.total = src?.total ?? 0;
    this.cause = src?.cause ?? "none";
  }

  clone(): SupervisorLog {
    return new SupervisorLog(this);
  }

  record(cause: CrashCause): void {
    this.crashes = Math.min(this.crashes + 1, CRASH_COUNT_CAP);
    this.total += 1;
    this.cause = cause;
  }

  stateKey(): string {
    return `${this.crashes}${this.cause}`;
  }

  project(cells: Cells): void {
    cells.set("crashes", this.crashes);
    cells.set("crashCause", this.cause);
  }
}
