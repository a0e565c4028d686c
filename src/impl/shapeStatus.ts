// ShapeStatus (electric.md §3.2): the shape metadata store. It lives outside the shape
// subsystem, so it survives SLC crashes. Fix C adds a routing tombstone (§"Model recommendation");
// SerializedRemoval has the collector write a tombstone when it drops the route.
import type { Handle } from "../contract/vocabulary.ts";
import type { Cells } from "../contract/vocabulary.ts";
import { key1 } from "../contract/vocabulary.ts";

export type Entry = "present" | "tombstoned";

export type RemoveResult = { readonly ok: true } | { readonly ok: false; readonly error: "enoshape" };
export type FetchResult = "ok" | "no_shape" | "removing";

/** What a tombstone is: "none" (remove_shape deletes the shape), "consulted" (Fix C: the
 * chain's remove_shape leaves it, and fetch_shape_by_handle answers "being removed"),
 * "collector" (SerializedRemoval: only the collector writes it, and a lookup sees the shape
 * as gone, like HEAD's ShapeDb tombstone). */
export type TombstoneKind = "none" | "consulted" | "collector";

export class ShapeStatus {
  private readonly shapes: Map<Handle, Entry>;

  constructor(private readonly tombstones: TombstoneKind, shapes?: ReadonlyMap<Handle, Entry>) {
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
    if (this.tombstones === "consulted") this.shapes.set(h, "tombstoned");
    else this.shapes.delete(h);
    return { ok: true };
  }

  /** SerializedRemoval: the collector marks a present shape as being removed (a shape that is
   * already tombstoned or gone is left as it is). */
  tombstone(h: Handle): void {
    if (this.shapes.get(h) === "present") this.shapes.set(h, "tombstoned");
  }

  /** fetch_shape_by_handle; with Fix C a tombstone answers "being removed" instead of "no shape". */
  fetchShapeByHandle(h: Handle): FetchResult {
    const e = this.shapes.get(h);
    if (e === "present") return "ok";
    if (e === "tombstoned") return this.tombstones === "consulted" ? "removing" : "no_shape";
    return "no_shape";
  }

  /** The stored entry itself, whatever a lookup would answer. */
  entry(h: Handle): Entry | "absent" {
    return this.shapes.get(h) ?? "absent";
  }

  isPresent(h: Handle): boolean {
    return this.shapes.get(h) === "present";
  }

  isTombstoned(h: Handle): boolean {
    return this.shapes.get(h) === "tombstoned";
  }

  /** The SLC's removal of the handle (or a restart) clears the tombstone. */
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
