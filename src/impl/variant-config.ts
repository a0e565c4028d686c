// How each protocol variant configures the implementation's components. This is behaviour of
// the implementation (written from electric.md §4), not vocabulary: the checker never sees it.
import type { Variant } from "../contract/vocabulary.ts";

/** What each Electric version does at the points where the versions differ (electric.md §4). */
export interface VariantConfig {
  /** What publish does with a nil pid: PreFix sends to it (crash); 1.3.3 filters it in
   * broadcast; HEAD records it as undeliverable {:publish, :no_shape} before broadcast. */
  readonly nilPolicy: "send" | "filter" | "undeliverable";
  /** HEAD (#4730): a chain that finds the shape already gone re-issues the SLC removal. */
  readonly reissueWhenGone: boolean;
  /** Fix B: the router removal comes first, as a non-blocking request the SLC serves between events. */
  readonly routerFirst: boolean;
  /** Fix C: ShapeStatus keeps a tombstone that routing and ShapeCache consult. */
  readonly tombstones: boolean;
  /** electric.md §5b: until f7f6bc78c (#3998, 1.4.14) Consumer.init re-read ShapeStatus with
   * `{:ok, shape} = …` after registering, so a shape removed since ShapeCache's check makes the
   * start fail and start_consumer! raise in the SLC ("recheck"). From 1.4.14 the consumer never
   * re-checks ("noRecheck"). B and C are stated on the 1.4.14 start. */
  readonly consumerStart: "recheck" | "noRecheck";
}

export function variantConfig(v: Variant): VariantConfig {
  switch (v) {
    case "PreFix": return { nilPolicy: "send", reissueWhenGone: false, routerFirst: false, tombstones: false, consumerStart: "recheck" };
    case "FixA": return { nilPolicy: "filter", reissueWhenGone: false, routerFirst: false, tombstones: false, consumerStart: "recheck" };
    case "FixA2": return { nilPolicy: "undeliverable", reissueWhenGone: true, routerFirst: false, tombstones: false, consumerStart: "noRecheck" };
    // B and C are proposals applied to the pre-fix code: the nil filter is not there.
    case "FixB": return { nilPolicy: "send", reissueWhenGone: false, routerFirst: true, tombstones: false, consumerStart: "noRecheck" };
    case "FixC": return { nilPolicy: "send", reissueWhenGone: false, routerFirst: false, tombstones: true, consumerStart: "noRecheck" };
  }
}
