// Storage (electric.md §3.3, §5b): shape data on disk. A consumer's writer creates or opens it on
// initialisation; Storage.cleanup! deletes it. Nothing stops a later writer from re-creating it.
import type { Handle } from "./types.ts";
import type { Cells } from "../trace/cells.ts";
import { key1 } from "../trace/cells.ts";

type Entry = "present" | "cleaned";

export class Storage {
  private readonly data: Map<Handle, Entry>;

  constructor(data?: Map<Handle, Entry>) {
    this.data = new Map(data);
  }

  clone(): Storage {
    return new Storage(this.data);
  }

  /** The writer's create-or-open. Returns true when it re-created storage that had been cleaned. */
  openOrCreate(h: Handle): boolean {
    const recreated = this.data.get(h) === "cleaned";
    this.data.set(h, "present");
    return recreated;
  }

  cleanup(h: Handle): void {
    this.data.set(h, "cleaned");
  }

  get(h: Handle): "absent" | Entry {
    return this.data.get(h) ?? "absent";
  }

  project(cells: Cells, H: number): void {
    for (let h = 0; h < H; h++) cells.set(key1("storage", h), this.get(h));
  }
}
