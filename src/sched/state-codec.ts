// Packs a System's whole internal state (what `stateKey` describes: equal packed words <=> equal
// keys <=> equal futures) into a few 32-bit words, and builds a System back from them, using
// only the components' public interface. The explorer stores millions of these instead of key
// strings and keeps no System alive beyond the one it expands.
//
// The codec relies on facts of the implementation that the round-trip test
// (test/sched/state-codec.test.ts) checks on every reachable state of the committed scenarios:
// the batcher never holds adds (no action adds shapes), a publish's resolutions are kept in
// ascending handle order (route sorts them), the mailbox holds at most MAX_MAILBOX messages.
// Ghost history outside the state key (the undeliverable log, re-creation and crash totals)
// is not stored: a decoded System starts them from zero. The last publish's undeliverable
// handles are state (a contract cell) and are stored.
import type { Handle, Pid } from "../contract/vocabulary.ts";
import { System } from "../impl/system.ts";
import type { SystemInit } from "../impl/system.ts";
import { ShapeStatus } from "../impl/shapeStatus.ts";
import type { Entry as StatusEntry } from "../impl/shapeStatus.ts";
import { requestsCollectorFirst, tombstoneKind } from "../impl/variant-config.ts";
import { Storage } from "../impl/storage.ts";
import { Consumers } from "../impl/consumer.ts";
import type { ConsumerState } from "../impl/consumer.ts";
import { RequestBatcher } from "../impl/requestBatcher.ts";
import { ShapeLogCollector } from "../impl/shapeLogCollector.ts";
import type { Msg, Resolution, SlcMode } from "../impl/shapeLogCollector.ts";
import { EventRouter } from "../impl/eventRouter.ts";
import { ConsumerRegistry } from "../impl/consumerRegistry.ts";
import type { UndeliverableReason } from "../impl/consumerRegistry.ts";
import { ShapeCache } from "../impl/shapeCache.ts";
import type { CacheStage } from "../impl/shapeCache.ts";
import { ShapeCleaner } from "../impl/shapeCleaner.ts";
import type { ChainPc } from "../impl/shapeCleaner.ts";
import { ReplicationClient } from "../impl/replicationClient.ts";
import { CRASH_COUNT_CAP, SupervisorLog } from "../impl/supervisor.ts";
import type { CrashCause } from "../impl/supervisor.ts";
import type { Cells } from "../contract/vocabulary.ts";
import { BitReader, BitWriter, bitsFor } from "../util/bits.ts";

/** Messages the SLC mailbox can hold at once (one event in flight, one batch in flight). */
export const MAX_MAILBOX = 3;

const CONSUMER_STATES: readonly ConsumerState[] = ["starting", "running", "dead_cleanup", "dead_suspend", "dead_crash", "dead_killed", "dead_shutdown"];
const CHAIN_PCS: readonly ChainPc[] = ["routerRemove", "routerWait", "status", "stop", "storage", "slcRemove", "done", "aborted"];
const SLC_MODES: readonly SlcMode[] = ["idle", "publishing", "down"];
const CACHE_STAGES: readonly CacheStage[] = ["requested", "checked", "cleaning"];
const CAUSES: readonly CrashCause[] = ["none", "sendNil", "external", "startRaise"];
const RES_KINDS: readonly (Resolution["kind"] | "none")[] = ["none", "pending", "asking", "nil", "pid", "skipped"];
const STATUS = ["absent", "present", "tombstoned"] as const;
const STORAGE = ["absent", "present", "cleaned"] as const;
const UNDELIVERABLE: readonly (UndeliverableReason | "none")[] = ["none", "no_shape", "noproc"];

function code<T>(list: readonly T[], v: T, what: string): number {
  const i = list.indexOf(v);
  if (i < 0) throw new RangeError(`state codec: unknown ${what} ${String(v)}`);
  return i;
}

function at<T>(list: readonly T[], i: number, what: string): T {
  const v = list[i];
  if (v === undefined) throw new RangeError(`state codec: bad ${what} code ${i}`);
  return v;
}

export interface StateCodec {
  /** 32-bit words per state. */
  readonly words: number;
  /** Pack `sys` into the codec's scratch buffer and return it (valid until the next call). */
  encode(sys: System): Uint32Array;
  /** Build the System stored at `src[base .. base+words)`. */
  decode(src: Uint32Array, base: number): System;
}

export function makeCodec(init: SystemInit): StateCodec {
  const { H, C, K, T } = init.bounds;
  const bH = bitsFor(H), bC = bitsFor(C), bT = bitsFor(T);
  const bTxnOpt = bitsFor(T + 1); // -1..T-1
  const bPidOpt = bitsFor(C + 1); // -1..C-1
  const bCrash = bitsFor(CRASH_COUNT_CAP + 1);
  const bitCount =
    2 * H + 2 * H // status, storage
    + bitsFor(C + 1) + C * (bH + 3 + bTxnOpt) // consumers
    + 1 + H + 1 + H // batcher: alive, pending removes, batch in flight?, its removes
    + 2 + H + 1 + bT + H * (3 + bC) + H + H * bPidOpt + 2 * H // slc: mode, removeNow, publish, router, registry, last undeliverable
    + bitsFor(MAX_MAILBOX + 1) + MAX_MAILBOX * (1 + Math.max(bT, 2 * H)) // mailbox
    + 2 + bH + bitsFor(K + 1) // ShapeCache: stage, handle, last clean_shape chain (-1..K-1)
    + K * (4 + bH) // cleaner chains
    + bitsFor(T + 1) + bTxnOpt // replication
    + bCrash + 2 + 1; // crashes, cause, orphanDelivery
  const words = Math.max(1, Math.ceil(bitCount / 32));
  const w = new BitWriter(words);
  const r = new BitReader();
  const handles = Array.from({ length: H }, (_, h) => h);
  const bcells: Cells = new Map();

  // Handle sets as H-bit masks; decoding reads a shared, never-mutated array per mask.
  const setOf: readonly (readonly Handle[])[] = Array.from({ length: 2 ** H }, (_, m) => handles.filter((h) => (m >>> h) & 1));
  const getSet = (): readonly Handle[] => setOf[r.get(H)] ?? [];
  const pendingKeys = handles.map((h) => `pendingRemove[${h}]`);
  const batchKeys = handles.map((h) => `batchRemove[${h}]`);

  function encode(sys: System): Uint32Array {
    w.begin();
    for (let h = 0; h < H; h++) w.put(code(STATUS, sys.status.entry(h), "status"), 2);
    for (let h = 0; h < H; h++) w.put(code(STORAGE, sys.storage.get(h), "storage"), 2);
    const recs = sys.consumers.all();
    w.put(recs.length, bitsFor(C + 1));
    for (let c = 0; c < C; c++) {
      const rec = recs[c];
      w.put(rec?.owner ?? 0, bH);
      w.put(rec === undefined ? 0 : code(CONSUMER_STATES, rec.state, "consumer state"), 3);
      w.put((rec?.applied ?? -1) + 1, bTxnOpt);
    }
    // RequestBatcher: the contract cells pendingRemove/batchRemove are its whole state while it
    // holds no adds; a batch in flight is never empty (flush needs something pending).
    bcells.clear();
    sys.batcher.project(bcells, H);
    let pending = 0;
    let inflight = 0;
    for (let h = 0; h < H; h++) {
      if (bcells.get(pendingKeys[h]!) === true) pending |= 1 << h;
      if (bcells.get(batchKeys[h]!) === true) inflight |= 1 << h;
    }
    w.put(sys.batcher.isAlive() ? 1 : 0, 1);
    w.put(pending, H);
    w.put(inflight !== 0 ? 1 : 0, 1);
    w.put(inflight, H);
    const slc = sys.slc;
    w.put(code(SLC_MODES, slc.mode, "SLC mode"), 2);
    let removeNow = 0;
    for (const h of slc.removeNow) removeNow |= 1 << h;
    w.put(removeNow, H);
    w.put(slc.pub === null ? 0 : 1, 1);
    w.put(slc.pub?.txn ?? 0, bT);
    for (let h = 0; h < H; h++) {
      const res = slc.pub?.res.get(h);
      w.put(code(RES_KINDS, res?.kind ?? "none", "resolution"), 3);
      w.put(res?.kind === "pid" ? res.pid : 0, bC);
    }
    let router = 0;
    for (let h = 0; h < H; h++) if (slc.router.has(h)) router |= 1 << h;
    w.put(router, H);
    for (let h = 0; h < H; h++) w.put((slc.registry.whereis(h) ?? -1) + 1, bPidOpt);
    for (let h = 0; h < H; h++) w.put(code(UNDELIVERABLE, slc.lastUndeliverable.get(h) ?? "none", "undeliverable reason"), 2);
    if (slc.mailbox.length > MAX_MAILBOX) throw new RangeError(`state codec: ${slc.mailbox.length} messages in the SLC mailbox, more than ${MAX_MAILBOX}`);
    w.put(slc.mailbox.length, bitsFor(MAX_MAILBOX + 1));
    for (const m of slc.mailbox) {
      w.put(m.kind === "event" ? 0 : 1, 1);
      if (m.kind === "event") w.put(m.txn, Math.max(bT, 2 * H));
      else {
        let bits = 0;
        for (const h of m.removes) bits |= 1 << h;
        for (const h of m.adds) bits |= 1 << (H + h);
        w.put(bits, Math.max(bT, 2 * H));
      }
    }
    const req = sys.cache.req;
    w.put(req === null ? 0 : code(CACHE_STAGES, req.stage, "ShapeCache stage") + 1, 2);
    w.put(req?.h ?? 0, bH);
    w.put(sys.cache.lastClean + 1, bitsFor(K + 1));
    for (let k = 0; k < K; k++) {
      const ch = sys.cleaner.get(k);
      w.put(ch === null ? 0 : code(CHAIN_PCS, ch.pc, "chain pc") + 1, 4);
      w.put(ch?.h ?? 0, bH);
    }
    w.put(sys.replication.nextTxn, bitsFor(T + 1));
    w.put(sys.replication.unacked + 1, bTxnOpt);
    w.put(sys.supervisor.crashes, bCrash);
    w.put(code(CAUSES, sys.supervisor.cause, "crash cause"), 2);
    w.put(sys.orphanDelivery ? 1 : 0, 1);
    return w.buf;
  }

  const template = System.create(init);
  const tombstones = tombstoneKind(template.cfg);
  const collectorFirst = requestsCollectorFirst(template.cfg);

  function decode(src: Uint32Array, base: number): System {
    r.begin(src, base);
    const sys = template.clone();
    const status = new Map<Handle, StatusEntry>();
    for (let h = 0; h < H; h++) {
      const s = at(STATUS, r.get(2), "status");
      if (s !== "absent") status.set(h, s);
    }
    sys.status = new ShapeStatus(tombstones, status);
    const storage = new Map<Handle, "present" | "cleaned">();
    for (let h = 0; h < H; h++) {
      const s = at(STORAGE, r.get(2), "storage");
      if (s !== "absent") storage.set(h, s);
    }
    sys.storage = new Storage(storage);
    const n = r.get(bitsFor(C + 1));
    const recs: { pid: Pid; owner: Handle; state: ConsumerState; applied: number }[] = [];
    for (let c = 0; c < C; c++) {
      const owner = r.get(bH);
      const state = at(CONSUMER_STATES, r.get(3), "consumer state");
      const applied = r.get(bTxnOpt) - 1;
      if (c < n) recs.push({ pid: c, owner, state, applied });
    }
    sys.consumers = new Consumers(C, recs);
    const batcher = new RequestBatcher();
    const alive = r.get(1) === 1;
    const pending = getSet();
    const hasBatch = r.get(1) === 1;
    const batch = getSet();
    if (!alive) batcher.die();
    if (hasBatch) {
      for (const h of batch) batcher.removeShape(h);
      batcher.flush();
    }
    for (const h of pending) batcher.removeShape(h);
    sys.batcher = batcher;
    const slc = new ShapeLogCollector();
    slc.mode = at(SLC_MODES, r.get(2), "SLC mode");
    slc.removeNow = new Set(getSet());
    const hasPub = r.get(1) === 1;
    const txn = r.get(bT);
    const res = new Map<Handle, Resolution>();
    for (let h = 0; h < H; h++) {
      const kind = at(RES_KINDS, r.get(3), "resolution");
      const pid = r.get(bC);
      if (kind === "none") continue;
      res.set(h, kind === "pid" ? { kind, pid } : { kind });
    }
    slc.pub = hasPub ? { txn, res } : null;
    slc.router = new EventRouter(getSet());
    const table = new Map<Handle, Pid>();
    for (let h = 0; h < H; h++) {
      const p = r.get(bPidOpt) - 1;
      if (p >= 0) table.set(h, p);
    }
    slc.registry = new ConsumerRegistry(table);
    const und = new Map<Handle, UndeliverableReason>();
    for (let h = 0; h < H; h++) {
      const u = at(UNDELIVERABLE, r.get(2), "undeliverable reason");
      if (u !== "none") und.set(h, u);
    }
    slc.lastUndeliverable = und;
    const len = r.get(bitsFor(MAX_MAILBOX + 1));
    const mailbox: Msg[] = [];
    for (let i = 0; i < len; i++) {
      const batchMsg = r.get(1) === 1;
      const v = r.get(Math.max(bT, 2 * H));
      if (!batchMsg) mailbox.push({ kind: "event", txn: v });
      else mailbox.push({ kind: "batch", removes: setOf[v & ((1 << H) - 1)] ?? [], adds: setOf[v >>> H] ?? [] });
    }
    slc.mailbox = mailbox;
    sys.slc = slc;
    const cache = new ShapeCache();
    const stage = r.get(2);
    const ch = r.get(bH);
    const lastClean = r.get(bitsFor(K + 1)) - 1;
    if (stage !== 0) {
      cache.request(ch);
      const st = at(CACHE_STAGES, stage - 1, "ShapeCache stage");
      if (st !== "requested") cache.markChecked();
      if (st === "cleaning") cache.startCleaning(lastClean);
    }
    cache.lastClean = lastClean;
    sys.cache = cache;
    const cleaner = new ShapeCleaner(K);
    for (let k = 0; k < K; k++) {
      const pc = r.get(4);
      const h = r.get(bH);
      if (pc === 0) continue;
      cleaner.start(k, h, collectorFirst);
      cleaner.set(k, at(CHAIN_PCS, pc - 1, "chain pc"));
    }
    sys.cleaner = cleaner;
    const repl = new ReplicationClient(T);
    repl.nextTxn = r.get(bitsFor(T + 1));
    repl.unacked = r.get(bTxnOpt) - 1;
    sys.replication = repl;
    const sup = new SupervisorLog();
    sup.crashes = r.get(bCrash);
    sup.total = sup.crashes;
    sup.cause = at(CAUSES, r.get(2), "crash cause");
    sys.supervisor = sup;
    sys.orphanDelivery = r.get(1) === 1;
    return sys;
  }
  return { words, encode, decode };
}
