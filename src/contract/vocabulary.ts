// The model vocabulary (docs/contracts.md section 1), the bottom of every part: variants, bounds,
// ids, action labels and shapes, state cells and their keys. Changing the vocabulary starts here
// and in docs/contracts.md; it imports nothing of the toolkit.

export const VARIANTS = ["PreFix", "FixA", "FixA2", "FixB", "FixC", "SerializedRemoval"] as const;
export type Variant = (typeof VARIANTS)[number];

export function isVariant(v: unknown): v is Variant {
  return typeof v === "string" && (VARIANTS as readonly string[]).includes(v);
}

// Type aliases, not interfaces, so that they fit the trace records' string-keyed maps.
export type Bounds = {
  readonly H: number;
  readonly C: number;
  readonly K: number;
  readonly T: number;
};

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
  // The SLC dies for another reason (contracts.md §1, a refinement the Lean rules introduced).
  "SlcFail",
  // 1.2.7–1.4.13: the consumer's start re-reads ShapeStatus and raises (electric.md §5b).
  "CacheStartRaise",
  // FixB: a consumer start fails for another reason and ShapeCache runs clean_shape, a
  // synchronous ShapeCleaner.remove_shape, inside its own process (electric.md §3.5, §5i).
  "CacheStartFail", "CacheCleanReturn",
] as const;
export type ActionLabel = (typeof ACTION_LABELS)[number];

/** Parameters in the order the contract lists them (h, c, k, t); key order is kept in traces. */
export type ActionParams = {
  readonly h?: Handle;
  readonly c?: Pid;
  readonly k?: ChainSlot;
  readonly t?: TxnId;
};

export interface Action {
  readonly label: ActionLabel;
  readonly process: string;
  readonly params: ActionParams;
}

export type Outcome = "ok" | "crash";

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

// ---- state cells (contracts.md §1 "State cells") -------------------------------------------

export type CellValue = string | number | boolean;
export type Cells = Map<string, CellValue>;

export const key1 = (name: string, i: number): string => `${name}[${i}]`;
export const key2 = (name: string, i: number, j: number): string => `${name}[${i}][${j}]`;

/** Every cell key for the bounds, in the contract table's order (indices ascending). This order
 * is the order of `init` in trace headers and of `post` in events. */
export function cellKeys(b: Bounds): string[] {
  const keys: string[] = [];
  const perHandle = ["status", "router", "registry", "storage", "pendingRemove", "batchRemove", "removeNow", "pubState", "pubConsumer"];
  for (const name of perHandle) for (const h of range(b.H)) keys.push(key1(name, h));
  for (const t of range(b.T)) for (const h of range(b.H)) keys.push(key2("touches", t, h));
  for (const name of ["cons", "owner", "applied"]) for (const c of range(b.C)) keys.push(key1(name, c));
  keys.push("nextConsumer");
  for (const name of ["chainHandle", "chainPc"]) for (const k of range(b.K)) keys.push(key1(name, k));
  keys.push("mbox", "slc", "pubTxn", "sc", "scHandle", "nextTxn", "unacked", "crashes", "crashCause", "orphanDelivery");
  for (const h of range(b.H)) keys.push(key1("undeliverable", h));
  keys.push("scChain"); // the last variable of the rules' export order, added after undeliverable
  return keys;
}
