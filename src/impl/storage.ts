// Storage (electric.md §3.3, §5b): shape data on disk. A consumer's writer creates or opens it on
// initialisation; Storage.cleanup! deletes it. Nothing stops a later writer from re-creating it.
import type { Handle } from "../contract/vocabulary.ts";
import type { Cells } from "../contract/vocabulary.ts";
import { key1 } from "../contract/vocabulary.ts";

type Entry = "present" | "cleaned";

export class Storage {
  private readonly data: Map<Handle, Entry>;

  constructor(data?: Map<Handle, Entry>) {
    this.data = new Map(data);
  }

  clone(): Storage {
    const s = new Storage(this.data);
    s.recreations = this.recreations;
    return s;
  }

  /** Ghost counter: how many times a writer re-created cleaned storage (for the explorer). */
  recreations = 0;

  /** The writer's create-or-open. Returns true when it re-created storage that had been cleaned. */
  openOrCreate(h: Handle): boolean {
    const recreated = this.data.get(h) === "cleaned";
    if (recreated) this.recreations++;
    this.data.set(h, "present");
    return recreated;
  }

  cleanup(h: Handle): void {
    this.data.set(h, "cleaned");
  }

  get(h: Handle): "absent" | Entry {
    return this.data.get(h) ?? "absent";
  }

  stateKey(): string {
    return [...this.data.entries()].sort((a, b) => a[0] - b[0]).map(([h, e]) => `${h}${e[0]}`).join("");
  }

  project(cells: Cells, H: number): void {
    for (let h = 0; h < H; h++) cells.set(key1("storage", h), this.get(h));
  }
}
