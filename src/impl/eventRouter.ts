// EventRouter (electric.md §3.6): the SLC's filter from transactions to shape handles. It knows
// nothing about ShapeStatus; removal is idempotent.
import type { Handle } from "../contract/vocabulary.ts";
import type { Cells } from "../contract/vocabulary.ts";
import { key1 } from "../contract/vocabulary.ts";

export class EventRouter {
  private readonly shapes: Set<Handle>;

  constructor(shapes?: Iterable<Handle>) {
    this.shapes = new Set(shapes);
  }

  clone(): EventRouter {
    return new EventRouter(this.shapes);
  }

  addShape(h: Handle): void {
    this.shapes.add(h);
  }

  /** Returns false ("not registered") when the handle was not there; callers ignore it. */
  removeShape(h: Handle): boolean {
    return this.shapes.delete(h);
  }

  has(h: Handle): boolean {
    return this.shapes.has(h);
  }

  /** event_by_shape_handle: the routed handles that the transaction matches, ascending. */
  route(matches: (h: Handle) => boolean): Handle[] {
    return [...this.shapes].filter(matches).sort((a, b) => a - b);
  }

  stateKey(): string {
    return [...this.shapes].sort((a, b) => a - b).join(",");
  }

  project(cells: Cells, H: number): void {
    for (let h = 0; h < H; h++) cells.set(key1("router", h), this.shapes.has(h));
  }
}
