// Shared vocabulary of the implementation: variants, bounds, ids, action shapes.
// The labels and process names are those of docs/contracts.md section 1.

export const VARIANTS = ["PreFix", "FixA", "FixA2", "FixB", "FixC"] as const;
export type Variant = (typeof VARIANTS)[number];

export function isVariant(v: unknown): v is Variant {
  return typeof v === "string" && (VARIANTS as readonly string[]).includes(v);
}

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
}

export function variantConfig(v: Variant): VariantConfig {
  switch (v) {
    case "PreFix": return { nilPolicy: "send", reissueWhenGone: false, routerFirst: false, tombstones: false };
    case "FixA": return { nilPolicy: "filter", reissueWhenGone: false, routerFirst: false, tombstones: false };
    case "FixA2": return { nilPolicy: "undeliverable", reissueWhenGone: true, routerFirst: false, tombstones: false };
    // B and C are proposals applied to the pre-fix code: the nil filter is not there.
    case "FixB": return { nilPolicy: "send", reissueWhenGone: false, routerFirst: true, tombstones: false };
    case "FixC": return { nilPolicy: "send", reissueWhenGone: false, routerFirst: false, tombstones: true };
  }
}

export interface Bounds {
  readonly H: number;
  readonly C: number;
  readonly K: number;
  readonly T: number;
}

export type Handle = number;
export type Pid = number; // consumer ids double as pids: fresh, never reused
export type TxnId = number;
export type ChainSlot = number;

export const ACTION_LABELS = [
  "RemoveShape", "CleanerRouterRemove", "CleanerRouterAck", "CleanerStatus", "CleanerStop",
  "CleanerStorage", "CleanerSlcRemove", "BatcherFlush", "SlcApplyBatch", "SlcRemoveNow",
  "TxnArrive", "SlcRoute", "SlcResolveRegistered", "SlcResolveAsk", "CacheCheckOk",
  "CacheCheckNoShape", "CacheCheckRemoving", "CacheStart", "ConsumerInit", "SlcBroadcast",
  "SlcCrash", "SlcRestart", "ConsumerSuspend", "ConsumerCrash", "ConsumerSelfClean", "ConsumerKill",
  // Exported by the Lean rules (not yet in contracts.md §1): the SLC dies for another reason.
  "SlcFail",
] as const;
export type ActionLabel = (typeof ACTION_LABELS)[number];

/** Parameters in the order the contract lists them (h, c, k, t); key order is kept in traces. */
export interface ActionParams {
  readonly h?: Handle;
  readonly c?: Pid;
  readonly k?: ChainSlot;
  readonly t?: TxnId;
}

export interface Action {
  readonly label: ActionLabel;
  readonly process: string;
  readonly params: ActionParams;
}

export type Outcome = "ok" | "crash";

export function actionKey(a: Action): string {
  const p = a.params;
  const parts: string[] = [];
  if (p.h !== undefined) parts.push(`h=${p.h}`);
  if (p.c !== undefined) parts.push(`c=${p.c}`);
  if (p.k !== undefined) parts.push(`k=${p.k}`);
  if (p.t !== undefined) parts.push(`t=${p.t}`);
  return parts.length === 0 ? a.label : `${a.label}(${parts.join(",")})`;
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
