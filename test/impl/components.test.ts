// Component-level behaviour, from electric.md §3.
import { describe, expect, it } from "vitest";
import { ShapeStatus } from "../../src/impl/shapeStatus.ts";
import { Storage } from "../../src/impl/storage.ts";
import { EventRouter } from "../../src/impl/eventRouter.ts";
import { ConsumerRegistry, broadcast } from "../../src/impl/consumerRegistry.ts";
import { Consumers } from "../../src/impl/consumer.ts";
import { RequestBatcher } from "../../src/impl/requestBatcher.ts";
import { ShapeLogCollector } from "../../src/impl/shapeLogCollector.ts";
import { ShapeCache } from "../../src/impl/shapeCache.ts";
import { ShapeCleaner } from "../../src/impl/shapeCleaner.ts";
import { variantConfig } from "../../src/impl/variant-config.ts";

describe("ShapeStatus", () => {
  it("removes a present shape once; the second remover gets enoshape", () => {
    const s = new ShapeStatus("none");
    s.addShape(0);
    expect(s.removeShape(0)).toEqual({ ok: true });
    expect(s.removeShape(0)).toEqual({ ok: false, error: "enoshape" });
    expect(s.fetchShapeByHandle(0)).toBe("no_shape");
  });
  it("FixC keeps a tombstone that fetch reports as removing, cleared by the SLC removal", () => {
    const s = new ShapeStatus("consulted");
    s.addShape(0);
    expect(s.removeShape(0).ok).toBe(true);
    expect(s.fetchShapeByHandle(0)).toBe("removing");
    expect(s.removeShape(0).ok).toBe(false);
    expect(s.listShapes()).toEqual([]);
    s.clearTombstone(0);
    expect(s.fetchShapeByHandle(0)).toBe("no_shape");
  });
  it("SerializedRemoval: only the collector tombstones; a lookup sees the shape gone, cleared by the SLC removal", () => {
    const s = new ShapeStatus("collector");
    s.addShape(0);
    s.addShape(1);
    expect(s.removeShape(1).ok).toBe(true); // no chain calls it here; it deletes outright
    expect(s.entry(1)).toBe("absent");
    s.tombstone(0);
    expect(s.entry(0)).toBe("tombstoned");
    expect(s.fetchShapeByHandle(0)).toBe("no_shape");
    expect(s.isPresent(0)).toBe(false);
    expect(s.listShapes()).toEqual([]);
    s.tombstone(1); // not present: nothing to mark
    expect(s.entry(1)).toBe("absent");
    s.clearTombstone(0);
    expect(s.entry(0)).toBe("absent");
  });
  it("clones independently", () => {
    const s = new ShapeStatus("none");
    s.addShape(1);
    const c = s.clone();
    c.removeShape(1);
    expect(s.fetchShapeByHandle(1)).toBe("ok");
  });
});

describe("Storage", () => {
  it("a writer re-creates cleaned storage and says so", () => {
    const st = new Storage();
    expect(st.openOrCreate(0)).toBe(false);
    st.cleanup(0);
    expect(st.get(0)).toBe("cleaned");
    expect(st.openOrCreate(0)).toBe(true);
  });
});

describe("EventRouter", () => {
  it("routes only handles it holds and that match; removal is idempotent", () => {
    const r = new EventRouter([0, 2]);
    expect(r.route((h) => h !== 2)).toEqual([0]);
    expect(r.removeShape(0)).toBe(true);
    expect(r.removeShape(0)).toBe(false);
    expect(r.route(() => true)).toEqual([2]);
  });
});

describe("ConsumerRegistry", () => {
  it("register is insert_new and entries survive the consumer's death", () => {
    const reg = new ConsumerRegistry();
    expect(reg.register(0, 5)).toBe(true);
    expect(reg.register(0, 6)).toBe(false);
    expect(reg.whereis(0)).toBe(5);
    reg.removeConsumer(0);
    expect(reg.whereis(0)).toBeUndefined();
  });
});

describe("broadcast per version", () => {
  const alive = (pid: number): boolean => pid === 1;
  const targets = [{ h: 0, pid: 1 }, { h: 1, pid: null }, { h: 2, pid: 7 }];
  it("PreFix: send(nil) raises, so the SLC crashes", () => {
    expect(broadcast(targets, variantConfig("PreFix"), alive)).toEqual({ kind: "crash", cause: "sendNil" });
  });
  it("PreFix: a dead registered pid gives a :noproc DOWN, not a crash (dropped silently)", () => {
    expect(broadcast([{ h: 0, pid: 7 }], variantConfig("PreFix"), alive)).toEqual({ kind: "ok", delivered: [], undeliverable: [] });
  });
  it("FixA (1.3.3): nil pids are filtered out; live ones still get the event", () => {
    const r = broadcast(targets, variantConfig("FixA"), alive);
    expect(r).toEqual({ kind: "ok", delivered: [{ h: 0, pid: 1 }], undeliverable: [] });
  });
  it("FixA2 (HEAD): nil is recorded undeliverable {:publish, :no_shape}; a dead pid as :noproc", () => {
    const r = broadcast(targets, variantConfig("FixA2"), alive);
    expect(r).toEqual({ kind: "ok", delivered: [{ h: 0, pid: 1 }], undeliverable: [{ h: 1, reason: "no_shape" }, { h: 2, reason: "noproc" }] });
  });
});

describe("Consumers", () => {
  it("stop(nil) and stop(dead pid) are :ok; stop of a live one replies then terminates", () => {
    const cs = new Consumers(2);
    expect(cs.stop(undefined)).toBe("ok");
    const pid = cs.start(0, "running");
    expect(cs.stop(pid)).toBe("ok");
    expect(cs.get(pid)?.state).toBe("dead_cleanup");
    expect(cs.stop(pid)).toBe("ok");
  });
  it("ids are fresh and never reused; shutdownAll kills only the live ones", () => {
    const cs = new Consumers(3);
    const a = cs.start(0, "running");
    cs.exit(a, "dead_crash");
    const b = cs.start(0);
    expect(b).toBe(a + 1);
    cs.shutdownAll();
    expect(cs.get(a)?.state).toBe("dead_crash");
    expect(cs.get(b)?.state).toBe("dead_shutdown");
  });
  it("skips replayed offsets", () => {
    const cs = new Consumers(1);
    const p = cs.start(0, "running");
    cs.handleEvent(p, 1);
    cs.handleEvent(p, 0);
    expect(cs.get(p)?.applied).toBe(1);
  });
});

describe("RequestBatcher", () => {
  it("remove_shape replies at once and keeps one batch in flight until the ack", () => {
    const b = new RequestBatcher();
    expect(b.removeShape(0)).toBe("ok");
    expect(b.canFlush()).toBe(true);
    expect(b.flush()).toEqual({ adds: [], removes: [0] });
    expect(b.removeShape(1)).toBe("ok"); // still replies at once while a batch is in flight
    expect(b.canFlush()).toBe(false);
    b.ack();
    expect(b.canFlush()).toBe(true);
    expect(b.flush()).toEqual({ adds: [], removes: [1] });
  });
  it("a removal invalidates a pending add, and an add cancels a pending removal", () => {
    const b = new RequestBatcher();
    b.addShape(0);
    b.removeShape(0);
    expect(b.addWaiters.get(0)).toBe("cancelled");
    b.removeShape(1);
    b.addShape(1);
    expect(b.flush()).toEqual({ adds: [1], removes: [0] });
    b.ack();
    expect(b.addWaiters.get(1)).toBe("ok");
  });
  it("a dead batcher exits the caller (noproc) and loses its queue", () => {
    const b = new RequestBatcher();
    b.removeShape(0);
    b.die();
    expect(b.removeShape(1)).toBe("noproc");
    b.restart();
    expect(b.hasPending()).toBe(false);
  });
});

describe("ShapeLogCollector", () => {
  it("handles its mailbox in arrival order", () => {
    const slc = new ShapeLogCollector();
    slc.router.addShape(0);
    slc.deliver({ kind: "event", txn: 0 });
    slc.deliver({ kind: "batch", adds: [], removes: [0] });
    expect(slc.head()?.kind).toBe("event");
    slc.route(() => true);
    expect(slc.pub?.res.get(0)).toEqual({ kind: "pending" });
    expect(slc.head()?.kind).toBe("batch");
  });
  it("applies all removals before the adds of one batch", () => {
    const slc = new ShapeLogCollector();
    slc.router.addShape(0);
    slc.registry.register(0, 3);
    slc.deliver({ kind: "batch", adds: [0], removes: [0] });
    slc.takeBatch();
    // removed then re-added: the router has it, the stale registry entry is gone
    expect(slc.router.has(0)).toBe(true);
    expect(slc.registry.whereis(0)).toBeUndefined();
  });
  it("a crash loses the mailbox, the publish and the registry table; restart rebuilds the router", () => {
    const slc = new ShapeLogCollector();
    slc.router.addShape(0);
    slc.router.addShape(1);
    slc.registry.register(0, 0);
    slc.deliver({ kind: "event", txn: 0 });
    slc.crash();
    expect(slc.deliver({ kind: "event", txn: 1 })).toBe("noproc");
    expect(slc.registry.whereis(0)).toBeUndefined();
    slc.restart([1]);
    expect(slc.router.has(0)).toBe(false);
    expect(slc.router.has(1)).toBe(true);
    expect(slc.mailbox).toEqual([]);
  });
});

describe("ShapeCache", () => {
  it("check and start are separate steps", () => {
    const c = new ShapeCache();
    c.request(0);
    expect(c.req).toEqual({ h: 0, stage: "requested" });
    c.markChecked();
    expect(c.req).toEqual({ h: 0, stage: "checked" });
    c.reply();
    expect(c.isIdle()).toBe(true);
  });
  it("clean_shape holds the request in stage cleaning; the chain slot is a record a reset keeps", () => {
    const c = new ShapeCache();
    expect(c.lastClean).toBe(-1);
    c.request(0);
    c.markChecked();
    const checked = c.stateKey();
    c.startCleaning(1);
    expect(c.req).toEqual({ h: 0, stage: "cleaning" });
    expect(c.hostedChain()).toBe(1);
    expect(c.stateKey()).not.toBe(checked);
    c.reset();
    expect(c.hostedChain()).toBeUndefined();
    expect(c.lastClean).toBe(1);
    expect(c.stateKey()).not.toBe(new ShapeCache().stateKey());
  });
});

describe("ShapeCleaner", () => {
  it("the lowest idle slot; kill aborts a chain in progress and leaves a finished one", () => {
    const c = new ShapeCleaner(3);
    expect(c.lowestIdle()).toBe(0);
    c.start(0, 0, true);
    c.start(1, 0, false);
    expect(c.lowestIdle()).toBe(2);
    c.set(1, "done");
    c.kill(0);
    c.kill(1);
    expect([c.get(0)?.pc, c.get(1)?.pc, c.isFinished(0), c.isFinished(1), c.isFinished(2)]).toEqual(["aborted", "done", true, true, false]);
    c.start(2, 0, false);
    expect(c.lowestIdle()).toBeUndefined();
  });
});
