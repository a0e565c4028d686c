// How each protocol variant configures the implementation's components. This is behaviour of
// the implementation (written from electric.md §4), not vocabulary: the checker never sees it.
import type { Variant } from "../contract/vocabulary.ts";
import type { TombstoneKind } from "./shapeStatus.ts";

/** Who takes the shape out of ShapeStatus and out of the collector's routing, and in which order
 * (the variants differ in nothing else along the removal chain):
 * - "statusFirst" (1.2.7–HEAD, Fix A/A2/C): the chain's own ShapeStatus.remove_shape, then
 *   Consumer.stop, Storage.cleanup!, and the batched SLC removal (router + registry) last.
 * - "routerFirst" (Fix B): a non-blocking request the SLC serves between events drops the route
 *   and the registry entry first; then ShapeStatus, stop, storage, and no batched removal.
 * - "collectorTombstone" (SerializedRemoval, the proposed complete fix): the request asks the SLC
 *   to tombstone the shape in ShapeStatus and drop its route in ONE message, so a removal is
 *   serialized with publishes. The registry entry stays (the chain's Consumer.stop must still
 *   find the consumer); the chain has no ShapeStatus step; the batched SLC removal at the end
 *   deletes the registry entry and turns the tombstone into "absent".
 * One mode rather than two flags because the orders are alternatives: a flag pair would admit
 * combinations no Electric version or proposal has. */
export type RemovalOrder = "statusFirst" | "routerFirst" | "collectorTombstone";

/** What each Electric version does at the points where the versions differ (electric.md §4). */
export interface VariantConfig {
  /** What publish does with a nil pid: PreFix sends to it (crash); 1.3.3 filters it in
   * broadcast; HEAD records it as undeliverable {:publish, :no_shape} before broadcast. */
  readonly nilPolicy: "send" | "filter" | "undeliverable";
  /** HEAD (#4730): a chain that finds the shape already gone re-issues the SLC removal. */
  readonly reissueWhenGone: boolean;
  readonly removal: RemovalOrder;
  /** Fix C: the chain's ShapeStatus removal leaves a tombstone that routing skips and that
   * ShapeCache's check answers as "being removed". (SerializedRemoval's tombstone, written by
   * the collector, is consulted by neither: its route is already gone, and a lookup sees the
   * shape as gone, as HEAD's ShapeDb tombstone does.) */
  readonly tombstoneFilter: boolean;
  /** electric.md §5b: until f7f6bc78c (#3998, 1.4.14) Consumer.init re-read ShapeStatus with
   * `{:ok, shape} = …` after registering, so a shape removed since ShapeCache's check makes the
   * start fail and start_consumer! raise in the SLC ("recheck"). From 1.4.14 the consumer never
   * re-checks ("noRecheck"). B, C and SerializedRemoval are stated on the 1.4.14 start. */
  readonly consumerStart: "recheck" | "noRecheck";
  /** electric.md §3.7: where the cleanup tasks live. Until ba6dd2c7d (#3716, 2026-01-26: all of
   * 1.2.7–1.3.2) CleanupTaskSupervisor was a child of Shapes.Supervisor, and the synchronous
   * removals ran in ShapeCache or ExpiryManager, children too, so a collector crash killed every
   * removal in progress ("shapesSupervisor"). Since then it sits under MonitoredCoreSupervisor
   * and removals outlive the crash ("monitoredCore"). FixA stands for the fix-A releases after
   * ba6dd2c7d (up to 1.4.13); its first release, 1.3.3 (tagged 2026-01-21), still had the old
   * placement. */
  readonly cleanupTasks: "shapesSupervisor" | "monitoredCore";
  /** electric.md §3.5, §5(i): when start_shape fails for a reason other than :no_shape, it calls
   * clean_shape, a synchronous ShapeCleaner.remove_shape that runs the chain inside the
   * ShapeCache process while the collector waits for ShapeCache's reply. Modelled where the
   * chain begins by waiting for the collector, Fix B ("insideShapeCache"): the collector →
   * ShapeCache → cleaner → collector cycle deadlocks. Elsewhere the hosted chain never waits
   * for the collector and the failure is just another external crash ("notModelled"). */
  readonly startFailureClean: "insideShapeCache" | "notModelled";
}

/** Which tombstones ShapeStatus keeps: Fix C's (consulted by routing and ShapeCache) or the
 * collector's (SerializedRemoval); both are dropped by the batched SLC removal and by a restart. */
export function tombstoneKind(cfg: VariantConfig): TombstoneKind {
  return cfg.tombstoneFilter ? "consulted" : cfg.removal === "collectorTombstone" ? "collector" : "none";
}

/** The chain starts with the request to the collector, not with ShapeStatus. */
export function requestsCollectorFirst(cfg: VariantConfig): boolean {
  return cfg.removal !== "statusFirst";
}

export function variantConfig(v: Variant): VariantConfig {
  switch (v) {
    case "PreFix": return { nilPolicy: "send", reissueWhenGone: false, removal: "statusFirst", tombstoneFilter: false, consumerStart: "recheck", cleanupTasks: "shapesSupervisor", startFailureClean: "notModelled" };
    case "FixA": return { nilPolicy: "filter", reissueWhenGone: false, removal: "statusFirst", tombstoneFilter: false, consumerStart: "recheck", cleanupTasks: "monitoredCore", startFailureClean: "notModelled" };
    case "FixA2": return { nilPolicy: "undeliverable", reissueWhenGone: true, removal: "statusFirst", tombstoneFilter: false, consumerStart: "noRecheck", cleanupTasks: "monitoredCore", startFailureClean: "notModelled" };
    // B, C and SerializedRemoval are proposals applied to the pre-fix code: the nil filter is
    // not there (SerializedRemoval's own claim is that a nil never arises).
    case "FixB": return { nilPolicy: "send", reissueWhenGone: false, removal: "routerFirst", tombstoneFilter: false, consumerStart: "noRecheck", cleanupTasks: "monitoredCore", startFailureClean: "insideShapeCache" };
    case "FixC": return { nilPolicy: "send", reissueWhenGone: false, removal: "statusFirst", tombstoneFilter: true, consumerStart: "noRecheck", cleanupTasks: "monitoredCore", startFailureClean: "notModelled" };
    case "SerializedRemoval": return { nilPolicy: "send", reissueWhenGone: false, removal: "collectorTombstone", tombstoneFilter: false, consumerStart: "noRecheck", cleanupTasks: "monitoredCore", startFailureClean: "notModelled" };
  }
}
