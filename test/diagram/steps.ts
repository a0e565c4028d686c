// The PreFix crash as a diagram input, written out by hand from docs/contracts.md: the diagram
// tests and the site fixture use it (the real one is replayed from Lean's witness).
import type { Diagram } from "../../src/diagram/types.ts";

export const prefixCrash: Diagram = {
  id: "prefix-crash",
  title: "PreFix: nil crash",
  note: "from the recipe's initial state",
  steps: [
    { seq: 1, process: "api", action: "RemoveShape", params: { h: 0, k: 0 }, changes: [{ cell: "chainHandle[0]", before: -1, after: 0 }, { cell: "chainPc[0]", before: "idle", after: "status" }] },
    { seq: 2, process: "cleaner:0", action: "CleanerStatus", params: { k: 0 }, changes: [{ cell: "status[0]", before: "present", after: "absent" }, { cell: "chainPc[0]", before: "status", after: "stop" }] },
    { seq: 3, process: "cleaner:0", action: "CleanerStop", params: { k: 0 }, changes: [{ cell: "cons[0]", before: "running", after: "dead_cleanup" }] },
    { seq: 4, process: "consumer:0", action: "ConsumerSuspend", params: { c: 0 }, changes: [{ cell: "registry[0]", before: 0, after: -1 }] },
    { seq: 5, process: "replication", action: "TxnArrive", params: { t: 0 }, changes: [{ cell: "unacked", before: -1, after: 0 }, { cell: "mbox", before: "empty", after: "E" }] },
    { seq: 6, process: "slc", action: "SlcRoute", params: {}, changes: [{ cell: "pubState[0]", before: "none", after: "pending" }] },
    { seq: 7, process: "slc", action: "SlcResolveAsk", params: { h: 0 }, changes: [{ cell: "sc", before: "idle", after: "requested" }] },
    { seq: 8, process: "shapecache", action: "CacheCheckNoShape", params: {}, changes: [{ cell: "pubState[0]", before: "pending", after: "nil" }, { cell: "sc", before: "requested", after: "idle" }] },
    {
      seq: 9, process: "slc", action: "SlcCrash", params: {},
      changes: [{ cell: "slc", before: "publishing", after: "down" }, { cell: "crashCause", before: "none", after: "sendNil" }],
      mark: { kind: "crash", text: "send(nil, …) raised in the ShapeLogCollector" },
    },
  ],
};
