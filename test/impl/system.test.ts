// Cross-component behaviour of each version, driven through the system's atomic steps.
import { describe, expect, it } from "vitest";
import { VARIANTS } from "../../src/contract/vocabulary.ts";
import { cell, enabledLabels, make, recipeInit, step, steps, withRunningConsumer } from "../helpers/system.ts";

const window = ["RemoveShape", "CleanerStatus", "TxnArrive", "SlcRoute", "SlcResolveAsk", "CacheCheckNoShape"] as const;

describe("the recipe: removal of a restored shape without a consumer, transaction in the window", () => {
  it("PreFix: the SLC resolves the shape to nil and crashes in send/2", () => {
    const sys = make(recipeInit("PreFix"));
    steps(sys, [...window]);
    expect(cell(sys, "pubState[0]")).toBe("nil");
    expect(enabledLabels(sys)).toContain("SlcCrash");
    expect(enabledLabels(sys)).not.toContain("SlcBroadcast");
    const r = sys.apply(sys.enabled().find((a) => a.label === "SlcCrash") ?? sys.enabled()[0]!);
    expect(r.outcome).toBe("crash");
    expect(cell(sys, "slc")).toBe("down");
    expect(cell(sys, "crashCause")).toBe("sendNil");
  });
  it("FixA filters nil: broadcast, ack, no crash", () => {
    const sys = make(recipeInit("FixA"));
    steps(sys, [...window]);
    expect(enabledLabels(sys)).not.toContain("SlcCrash");
    step(sys, "SlcBroadcast");
    expect(cell(sys, "unacked")).toBe(-1);
    expect(sys.slc.undeliverable).toEqual([]); // 1.3.3 drops it without a record
  });
  it("FixA2 records the nil as undeliverable no_shape", () => {
    const sys = make(recipeInit("FixA2"));
    steps(sys, [...window, "SlcBroadcast"]);
    expect(sys.slc.undeliverable).toEqual([{ h: 0, txn: 0, reason: "no_shape" }]);
    expect(cell(sys, "crashes")).toBe(0);
  });
  it("FixB: the router removal comes first and routing waits for it; the chain returns at once", () => {
    const sys = make(recipeInit("FixB"));
    step(sys, "RemoveShape");
    expect(cell(sys, "chainPc[0]")).toBe("routerRemove");
    expect(enabledLabels(sys)).not.toContain("CleanerStatus");
    step(sys, "CleanerRouterRemove");
    expect(cell(sys, "removeNow[0]")).toBe(true);
    expect(cell(sys, "chainPc[0]")).toBe("routerWait");
    step(sys, "TxnArrive");
    expect(enabledLabels(sys)).not.toContain("SlcRoute"); // removal first
    expect(enabledLabels(sys)).not.toContain("CleanerRouterAck"); // chain's task waits
    step(sys, "SlcRemoveNow");
    expect(cell(sys, "router[0]")).toBe(false);
    step(sys, "CleanerRouterAck");
    step(sys, "CleanerStatus");
    expect(cell(sys, "status[0]")).toBe("absent");
    step(sys, "SlcRoute");
    expect(cell(sys, "pubState[0]")).toBe("none");
  });
  it("FixB: a removal requested mid-publish is served after the publish, not during it", () => {
    const sys = make(recipeInit("FixB"));
    steps(sys, ["TxnArrive", "SlcRoute", "RemoveShape", "CleanerRouterRemove"]);
    expect(enabledLabels(sys)).not.toContain("SlcRemoveNow");
    steps(sys, ["SlcResolveAsk", "CacheCheckOk", "CacheStart", "ConsumerInit", "SlcBroadcast", "SlcRemoveNow"]);
    expect(cell(sys, "registry[0]")).toBe(-1);
  });
  it("FixC: the tombstone keeps a routed-but-removing shape from resolving to nil", () => {
    const sys = make(recipeInit("FixC"));
    steps(sys, ["RemoveShape", "TxnArrive", "SlcRoute", "CleanerStatus", "SlcResolveAsk"]);
    expect(cell(sys, "status[0]")).toBe("tombstoned");
    step(sys, "CacheCheckRemoving");
    expect(cell(sys, "pubState[0]")).toBe("skipped");
    step(sys, "SlcBroadcast");
    // routing after the tombstone skips the handle altogether
    const s2 = make(recipeInit("FixC"));
    steps(s2, ["RemoveShape", "CleanerStatus", "TxnArrive", "SlcRoute"]);
    expect(cell(s2, "pubState[0]")).toBe("none");
  });
});

describe("SerializedRemoval: the collector serializes the removal with publishes", () => {
  const sr = (over: Parameters<typeof recipeInit>[1] = {}) => make(recipeInit("SerializedRemoval", over));
  it("the collector tombstones the shape and drops its route in one step; the registry entry stays until the batch", () => {
    const sys = sr({ shapes: [withRunningConsumer] });
    step(sys, "RemoveShape");
    expect(cell(sys, "chainPc[0]")).toBe("routerRemove");
    step(sys, "CleanerRouterRemove");
    expect(cell(sys, "removeNow[0]")).toBe(true);
    expect(cell(sys, "chainPc[0]")).toBe("routerWait");
    expect(enabledLabels(sys)).not.toContain("CleanerRouterAck"); // not handled yet
    step(sys, "TxnArrive");
    // no FixB guard: the collector may take the event or the request first
    expect(enabledLabels(sys)).toEqual(expect.arrayContaining(["SlcRoute", "SlcRemoveNow"]));
    step(sys, "SlcRemoveNow");
    expect(cell(sys, "status[0]")).toBe("tombstoned");
    expect(cell(sys, "router[0]")).toBe(false);
    expect(cell(sys, "registry[0]")).toBe(0);
    expect(cell(sys, "removeNow[0]")).toBe(false);
    step(sys, "CleanerRouterAck");
    expect(cell(sys, "chainPc[0]")).toBe("stop");
    expect(enabledLabels(sys)).not.toContain("CleanerStatus");
    steps(sys, ["SlcRoute", "SlcBroadcast"]);
    expect(cell(sys, "applied[0]")).toBe(-1); // not routed
    step(sys, "CleanerStop");
    expect(cell(sys, "cons[0]")).toBe("dead_cleanup"); // found through the registry entry
    steps(sys, ["CleanerStorage", "CleanerSlcRemove"]);
    expect(cell(sys, "chainPc[0]")).toBe("done");
    expect(cell(sys, "registry[0]")).toBe(0);
    expect(cell(sys, "status[0]")).toBe("tombstoned");
    steps(sys, ["BatcherFlush", "SlcApplyBatch"]);
    expect(cell(sys, "registry[0]")).toBe(-1);
    expect(cell(sys, "status[0]")).toBe("absent");
    expect(sys.quiescent()).toBe(true);
  });
  it("a request made during a publish waits for it; the consumer that publish started is the one the chain stops", () => {
    const sys = sr();
    steps(sys, ["TxnArrive", "SlcRoute", "RemoveShape", "CleanerRouterRemove", "SlcResolveAsk"]);
    expect(enabledLabels(sys)).not.toContain("SlcRemoveNow");
    steps(sys, ["CacheCheckOk", "CacheStart", "ConsumerInit"]);
    expect(enabledLabels(sys)).not.toContain("SlcRemoveNow");
    step(sys, "SlcBroadcast");
    expect(cell(sys, "orphanDelivery")).toBe(false); // delivered while still present
    steps(sys, ["SlcRemoveNow", "CleanerRouterAck", "CleanerStop"]);
    expect(cell(sys, "cons[0]")).toBe("dead_cleanup");
    steps(sys, ["CleanerStorage", "CleanerSlcRemove", "BatcherFlush", "SlcApplyBatch"]);
    expect(cell(sys, "storage[0]")).toBe("cleaned");
    expect(cell(sys, "status[0]")).toBe("absent");
  });
  it("the recipe's window never opens: a shape is never routed once its removal has reached ShapeStatus", () => {
    const sys = sr();
    steps(sys, ["RemoveShape", "CleanerRouterRemove", "TxnArrive", "SlcRemoveNow", "SlcRoute"]);
    expect(cell(sys, "pubState[0]")).toBe("none");
    expect(enabledLabels(sys)).not.toContain("SlcCrash");
  });
  it("a collector crash before the request is handled loses it: the ack re-issues it once the collector is back", () => {
    const sys = sr({ env: { suspend: false, crash: false, selfClean: false, kill: false, slcFail: true } });
    steps(sys, ["RemoveShape", "CleanerRouterRemove", "SlcFail"]);
    expect(cell(sys, "removeNow[0]")).toBe(false);
    expect(cell(sys, "status[0]")).toBe("present");
    step(sys, "CleanerRouterAck");
    expect(cell(sys, "chainPc[0]")).toBe("routerRemove");
    expect(enabledLabels(sys)).not.toContain("CleanerRouterRemove"); // the SLC is down: retried later
    step(sys, "SlcRestart");
    expect(cell(sys, "router[0]")).toBe(true);
    steps(sys, ["CleanerRouterRemove", "SlcRemoveNow", "CleanerRouterAck"]);
    expect(cell(sys, "chainPc[0]")).toBe("stop");
    expect(cell(sys, "status[0]")).toBe("tombstoned");
  });
  it("a crash after the tombstone: the restart drops it to absent and leaves the shape out of the router", () => {
    const sys = sr({ env: { suspend: false, crash: false, selfClean: false, kill: false, slcFail: true } });
    steps(sys, ["RemoveShape", "CleanerRouterRemove", "SlcRemoveNow", "SlcFail", "SlcRestart"]);
    expect(cell(sys, "status[0]")).toBe("absent");
    expect(cell(sys, "router[0]")).toBe(false);
    step(sys, "CleanerRouterAck");
    expect(cell(sys, "chainPc[0]")).toBe("stop");
  });
  it("consumer crash and self-clean chains start with the request too", () => {
    const env = { suspend: false, crash: true, selfClean: true, kill: false };
    for (const label of ["ConsumerCrash", "ConsumerSelfClean"] as const) {
      const sys = sr({ bounds: { H: 1, C: 1, K: 1, T: 1 }, shapes: [withRunningConsumer], removals: [], env });
      step(sys, label);
      expect(cell(sys, "chainPc[0]")).toBe("routerRemove");
    }
  });
});

describe("Consumer.stop and the registry", () => {
  for (const v of VARIANTS) {
    it(`${v}: stop kills a running consumer but keeps its registry entry (FixB: finds none); the dead pid gives noproc, not a crash`, () => {
      const sys = make(recipeInit(v, { shapes: [withRunningConsumer] }));
      step(sys, "RemoveShape");
      if (v === "FixB" || v === "SerializedRemoval") steps(sys, ["CleanerRouterRemove", "SlcRemoveNow", "CleanerRouterAck"]);
      // SerializedRemoval has no ShapeStatus step: the collector wrote the tombstone
      steps(sys, v === "SerializedRemoval" ? ["CleanerStop"] : ["CleanerStatus", "CleanerStop"]);
      if (v === "FixB") {
        // The SLC's remove_subscription ran first and deleted the registry entry, so
        // Consumer.stop finds no pid: Fix B as proposed leaves the running consumer behind.
        expect(cell(sys, "registry[0]")).toBe(-1);
        expect(cell(sys, "cons[0]")).toBe("running");
        return;
      }
      expect(cell(sys, "cons[0]")).toBe("dead_cleanup");
      expect(cell(sys, "registry[0]")).toBe(0);
      steps(sys, ["TxnArrive", "SlcRoute"]);
      if (v === "FixC" || v === "SerializedRemoval") return; // tombstoned (FixC) or route dropped: not routed
      step(sys, "SlcResolveRegistered");
      expect(cell(sys, "pubConsumer[0]")).toBe(0);
      expect(enabledLabels(sys)).not.toContain("SlcCrash");
      step(sys, "SlcBroadcast");
      expect(cell(sys, "applied[0]")).toBe(-1);
      if (v === "FixA2") expect(sys.slc.undeliverable).toEqual([{ h: 0, txn: 0, reason: "noproc" }]);
    });
  }
  it("the SLC's batch removal deletes the router and registry entries but does not stop the consumer", () => {
    const sys = make(recipeInit("FixA", { shapes: [withRunningConsumer], removals: [] }));
    sys.batcher.removeShape(0);
    steps(sys, ["BatcherFlush", "SlcApplyBatch"]);
    expect(cell(sys, "router[0]")).toBe(false);
    expect(cell(sys, "registry[0]")).toBe(-1);
    expect(cell(sys, "cons[0]")).toBe("running");
  });
});

describe("cleaner chain", () => {
  it("runs status → stop → storage → SLC removal; the batcher replies at once", () => {
    const sys = make(recipeInit("PreFix"));
    steps(sys, ["RemoveShape", "CleanerStatus", "CleanerStop", "CleanerStorage", "CleanerSlcRemove"]);
    expect(cell(sys, "chainPc[0]")).toBe("done");
    expect(cell(sys, "storage[0]")).toBe("cleaned");
    expect(cell(sys, "pendingRemove[0]")).toBe(true);
    expect(cell(sys, "router[0]")).toBe(true); // still routed: the window
  });
  it("re-issues the SLC removal when the shape is already gone only at HEAD (FixA2)", () => {
    for (const v of VARIANTS) {
      const sys = make(recipeInit(v, { shapes: [{ h: 0, status: "absent", router: true, storage: "cleaned", consumer: null }] }));
      step(sys, "RemoveShape");
      if (v === "FixB" || v === "SerializedRemoval") steps(sys, ["CleanerRouterRemove", "SlcRemoveNow", "CleanerRouterAck"]);
      if (v === "SerializedRemoval") {
        // no ShapeStatus step that could find it gone: the chain runs to its batched SLC removal
        expect(cell(sys, "router[0]")).toBe(false);
        expect(cell(sys, "status[0]")).toBe("absent");
        steps(sys, ["CleanerStop", "CleanerStorage", "CleanerSlcRemove"]);
        expect(cell(sys, "pendingRemove[0]")).toBe(true);
        continue;
      }
      step(sys, "CleanerStatus");
      expect(cell(sys, "chainPc[0]"), v).toBe(v === "FixA2" ? "slcRemove" : "aborted");
    }
  });
  it("a chain whose SLC step meets a dead batcher fails harmlessly (FixA: the chain survives the crash)", () => {
    const sys = make(recipeInit("FixA", { env: { suspend: false, crash: false, selfClean: false, kill: false, slcFail: true } }));
    steps(sys, ["RemoveShape", "CleanerStatus", "SlcFail", "CleanerStop", "CleanerStorage"]);
    expect(cell(sys, "chainPc[0]")).toBe("slcRemove");
    step(sys, "CleanerSlcRemove");
    expect(cell(sys, "chainPc[0]")).toBe("aborted");
    step(sys, "SlcRestart");
    expect(cell(sys, "router[0]")).toBe(false);
    expect(cell(sys, "storage[0]")).toBe("cleaned");
  });
  it("PreFix (before ba6dd2c7d): the nil crash kills the removal that opened the window, and its storage stays", () => {
    const sys = make(recipeInit("PreFix"));
    steps(sys, [...window, "SlcCrash"]);
    expect(cell(sys, "chainPc[0]")).toBe("aborted");
    expect(enabledLabels(sys)).not.toContain("CleanerStop");
    step(sys, "SlcRestart");
    expect(cell(sys, "router[0]")).toBe(false);
    expect(cell(sys, "status[0]")).toBe("absent");
    expect(cell(sys, "storage[0]")).toBe("present");
  });
  it("Consumer.stop waits for a starting consumer to initialise first", () => {
    const sys = make(recipeInit("FixA"));
    steps(sys, ["TxnArrive", "SlcRoute", "SlcResolveAsk", "CacheCheckOk", "RemoveShape", "CacheStart", "CleanerStatus"]);
    expect(cell(sys, "cons[0]")).toBe("starting");
    expect(enabledLabels(sys)).not.toContain("CleanerStop");
    step(sys, "ConsumerInit");
    step(sys, "CleanerStop");
    expect(cell(sys, "cons[0]")).toBe("dead_cleanup");
  });
});

describe("ShapeCache check-then-act (§5b)", () => {
  it("a removal between check and start leaves an orphan consumer and re-created storage", () => {
    const sys = make(recipeInit("FixA2"));
    steps(sys, ["TxnArrive", "SlcRoute", "SlcResolveAsk", "CacheCheckOk", "RemoveShape", "CleanerStatus", "CleanerStop", "CleanerStorage", "CleanerSlcRemove", "CacheStart", "ConsumerInit"]);
    expect(cell(sys, "storage[0]")).toBe("present");
    step(sys, "SlcBroadcast");
    expect(cell(sys, "orphanDelivery")).toBe(true);
    steps(sys, ["BatcherFlush", "SlcApplyBatch"]);
    expect(cell(sys, "cons[0]")).toBe("running");
    expect(cell(sys, "status[0]")).toBe("absent");
    expect(sys.quiescent()).toBe(true);
  });
});

describe("a failed consumer start: ShapeCache runs clean_shape itself (§3.5, §5i; FixB)", () => {
  const env = { suspend: false, crash: false, selfClean: false, kill: false, slcFail: true, startFail: true };
  const toCheck = ["TxnArrive", "SlcRoute", "SlcResolveAsk", "CacheCheckOk"] as const;
  it("is offered only for FixB, only where the scenario enables it", () => {
    for (const v of VARIANTS) {
      const sys = make(recipeInit(v, { removals: [], env }));
      steps(sys, [...toCheck]);
      expect(enabledLabels(sys).includes("CacheStartFail"), v).toBe(v === "FixB");
    }
    const off = make(recipeInit("FixB", { removals: [], env: { ...env, startFail: false } }));
    steps(off, [...toCheck]);
    expect(enabledLabels(off)).not.toContain("CacheStartFail");
  });
  it("takes the lowest idle chain slot, and its chain waits for the collector that waits for ShapeCache", () => {
    const sys = make(recipeInit("FixB", { bounds: { H: 1, C: 1, K: 2, T: 1 }, removals: [{ h: 0, k: 0 }], env: { ...env, slcFail: false } }));
    steps(sys, ["RemoveShape", ...toCheck]);
    expect(sys.enabled().filter((a) => a.label === "CacheStartFail").map((a) => a.params)).toEqual([{ k: 1 }]);
    step(sys, "CacheStartFail");
    expect([cell(sys, "sc"), cell(sys, "scChain"), cell(sys, "scHandle"), cell(sys, "chainHandle[1]"), cell(sys, "chainPc[1]")]).toEqual(["cleaning", 1, 0, 0, "routerRemove"]);
    step(sys, "CleanerRouterRemove", { k: 1 });
    // chain 0 still waits for the collector too; SlcRemoveNow needs an idle SLC
    step(sys, "CleanerRouterRemove", { k: 0 });
    expect(enabledLabels(sys)).toEqual([]);
    expect(sys.quiescent()).toBe(false);
    expect(sys.boundLimited()).toBe(false);
  });
  it("an external collector crash kills ShapeCache and the chain inside it; scChain stays", () => {
    const sys = make(recipeInit("FixB", { removals: [], env }));
    steps(sys, [...toCheck, "CacheStartFail", "CleanerRouterRemove"]);
    expect(enabledLabels(sys)).toEqual(["SlcFail"]);
    step(sys, "SlcFail");
    expect([cell(sys, "chainPc[0]"), cell(sys, "sc"), cell(sys, "scHandle"), cell(sys, "scChain"), cell(sys, "crashCause")]).toEqual(["aborted", "idle", -1, 0, "external"]);
    step(sys, "SlcRestart");
    expect(cell(sys, "scChain")).toBe(0);
  });
  it("clean_shape returning is the collector's crash (start_consumer! raises)", () => {
    const sys = make(recipeInit("FixB", { removals: [], env }));
    steps(sys, [...toCheck, "CacheStartFail"]);
    sys.cleaner.set(0, "done"); // not reachable: the chain cannot finish while ShapeCache waits for it
    expect(enabledLabels(sys)).toContain("CacheCleanReturn");
    const r = sys.apply(sys.enabled().find((a) => a.label === "CacheCleanReturn")!);
    expect(r.outcome).toBe("crash");
    expect([cell(sys, "slc"), cell(sys, "crashCause"), cell(sys, "sc"), cell(sys, "chainPc[0]"), cell(sys, "scChain")]).toEqual(["down", "external", "idle", "done", 0]);
  });
});

describe("crash and restart", () => {
  it("a crash loses registry, batcher, ShapeCache request, consumers; status and storage survive; restart rebuilds and retries", () => {
    const sys = make(recipeInit("PreFix", { bounds: { H: 2, C: 2, K: 1, T: 1 }, shapes: [{ h: 0, status: "present", router: true, storage: "present", consumer: null }, { h: 1, status: "present", router: true, storage: "present", consumer: { state: "running", registered: true } }], touches: [[true, false]] }));
    steps(sys, [...window, "SlcCrash"]);
    expect(cell(sys, "cons[0]")).toBe("dead_shutdown");
    expect(cell(sys, "registry[1]")).toBe(-1);
    expect(cell(sys, "status[1]")).toBe("present");
    expect(cell(sys, "storage[1]")).toBe("present");
    expect(cell(sys, "mbox")).toBe("empty");
    expect(cell(sys, "unacked")).toBe(0);
    expect(enabledLabels(sys)).toEqual(expect.arrayContaining(["SlcRestart"]));
    expect(enabledLabels(sys)).not.toContain("TxnArrive");
    step(sys, "SlcRestart");
    expect(cell(sys, "router[0]")).toBe(false);
    expect(cell(sys, "router[1]")).toBe(true);
    expect(cell(sys, "mbox")).toBe("E");
    steps(sys, ["SlcRoute", "SlcBroadcast"]);
    expect(cell(sys, "unacked")).toBe(-1);
    expect(cell(sys, "crashes")).toBe(1);
  });
  it("the replication client sends one event at a time", () => {
    const sys = make(recipeInit("FixA", { bounds: { H: 1, C: 1, K: 1, T: 2 }, touches: [[true], [true]] }));
    step(sys, "TxnArrive");
    expect(enabledLabels(sys)).not.toContain("TxnArrive");
    steps(sys, ["SlcRoute", "SlcResolveAsk", "CacheCheckOk", "CacheStart", "ConsumerInit", "SlcBroadcast"]);
    step(sys, "TxnArrive", { t: 1 });
    expect(cell(sys, "nextTxn")).toBe(2);
  });
});

describe("consumer environment actions", () => {
  const env = { suspend: true, crash: true, selfClean: true, kill: true };
  it("suspend removes the registry entry; the shape stays; the next event restarts a consumer lazily", () => {
    const sys = make(recipeInit("FixA", { bounds: { H: 1, C: 2, K: 2, T: 1 }, shapes: [withRunningConsumer], removals: [], env }));
    step(sys, "ConsumerSuspend");
    expect(cell(sys, "cons[0]")).toBe("dead_suspend");
    expect(cell(sys, "registry[0]")).toBe(-1);
    expect(cell(sys, "router[0]")).toBe(true);
    steps(sys, ["TxnArrive", "SlcRoute", "SlcResolveAsk", "CacheCheckOk", "CacheStart"]);
    expect(cell(sys, "cons[1]")).toBe("starting");
  });
  it("crash and self-clean start a chain for the shape; kill does not", () => {
    for (const [label, state] of [["ConsumerCrash", "dead_crash"], ["ConsumerSelfClean", "dead_cleanup"]] as const) {
      const sys = make(recipeInit("FixA", { bounds: { H: 1, C: 1, K: 2, T: 1 }, shapes: [withRunningConsumer], removals: [], env }));
      step(sys, label);
      expect(cell(sys, "cons[0]")).toBe(state);
      expect(cell(sys, "chainHandle[0]")).toBe(0);
      expect(cell(sys, "chainPc[0]")).toBe("status");
    }
    const sys = make(recipeInit("FixA", { shapes: [withRunningConsumer], removals: [], env }));
    step(sys, "ConsumerKill");
    expect(cell(sys, "cons[0]")).toBe("dead_killed");
    expect(cell(sys, "chainPc[0]")).toBe("idle");
    expect(cell(sys, "registry[0]")).toBe(0);
  });
});
