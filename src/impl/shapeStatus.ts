// ShapeStatus (electric.md §3.2): the shape metadata store. It lives outside the shape
// subsystem, so it survives SLC crashes. Fix C adds a routing tombstone (§"Model recommendation").
import type { Handle } from "../contract/vocabulary.ts";
import type { Cells } from "../contract/vocabulary.ts";
import { key1 } from "../contract/vocabulary.ts";

type Entry = "present" | "tombstoned";

export type RemoveResult = { readonly ok: true } | { readonly ok: false; readonly error: "enoshape" };
export type FetchResult = "ok" | "no_shape" | "removing";

export class ShapeStatus {
  private readonly shapes: Map<Handle, Entry>;

  constructor(private readonly tombstones: boolean, shapes?: Map<Handle, Entry>) {
    this.shapes = new Map(shapes);
  }

  clone(): ShapeStatus {
    return new ShapeStatus(this.tombstones, this.shapes);
  }

  addShape(h: Handle): void {
    this.shapes.set(h, "present");
  }

  /** remove_shape: {:error, {:enoshape, h}} for an unknown handle. A tombstoned shape is already
   * being removed, so a second remover loses as well. */
  removeShape(h: Handle): RemoveResult {
    if (this.shapes.get(h) !== "present") return { ok: false, error: "enoshape" };
    if (this.tombstones) this.shapes.set(h, "tombstoned");
    else this.shapes.delete(h);
    return { ok: true };
  }

  /** fetch_shape_by_handle; with Fix C a tombstone answers "being removed" instead of "no shape". */
  fetchShapeByHandle(h: Handle): FetchResult {
    const e = this.shapes.get(h);
    if (e === "present") return "ok";
    if (e === "tombstoned") return "removing";
    return "no_shape";
  }

  isTombstoned(h: Handle): boolean {
    return this.shapes.get(h) === "tombstoned";
  }

  /** Fix C: the SLC's removal of the handle clears the tombstone. */
  clearTombstone(h: Handle): void {
    if (this.shapes.get(h) === "tombstoned") this.shapes.delete(h);
  }

  /** list_shapes, used to rebuild the router after a restart: live shapes only. */
  listShapes(): Handle[] {
    return [...this.shapes.entries()].filter(([, e]) => e === "present").map(([h]) => h).sort((a, b) => a - b);
  }

  project(cells: Cells, H: number): void {
    for (let h = 0; h < H; h++) cells.set(key1("status", h), this.shapes.get(h) ?? "absent");
  }

  stateKey(): string {
    return [...this.shapes.entries()].sort((a, b) => a[0] - b[0]).map(([h, e]) => `${h}:${e}`).join(",");
  }
}
