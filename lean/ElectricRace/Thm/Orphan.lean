module

public import ElectricRace.Thm.Witnesses

/-!
# Witness schedules: orphan consumers, quiescence, and FixB after a restart

Same method as `ElectricRace/Thm/Witnesses.lean`: each theorem states `WitnessBy v b1 p restored
sched` (replaying `sched` from `restored` ends in a state violating property `p`), checked by the
kernel. `orphanLive`, `quiescent1` and `cleanState1` remain as handle-0 readings of those states.
-/

namespace ElectricRace

@[expose] public section

/-- The orphan-consumer interleaving (electric.md §5b): the collector asks ShapeCache for a
consumer, ShapeCache checks ShapeStatus (present), the cleaner removes the shape (status, stop
finds no pid, storage cleaned), then ShapeCache starts the consumer, which initialises storage and
receives the transaction. A schedule of HEAD's start only (FixA2, FixB, FixC): with the re-read
(PreFix, FixA) the start raises (`ElectricRace/Thm/StartCrash.lean`). -/
def orphanSched : List (Label × List Int) :=
  [(.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, []),
   (.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0]),
   (.CacheStart, []), (.ConsumerInit, [0]), (.SlcBroadcast, [])]

/-- A live consumer serves handle 0, whose status is gone (absent or tombstoned), its storage
was re-created, and it received an event for the removed shape. -/
def orphanLive (s : State) : Bool :=
  s .cons 0 0 = vRunning && s .owner 0 0 = .i 0 && s .status 0 0 != vPresent &&
  s .storage 0 0 = vSPresent && s .orphanDelivery 0 0 = .b true

/-- Orphan delivery under the re-reading start (PreFix, FixA): ShapeCache's check and start both
see the shape (so the start does not raise), the consumer initialises, then the removal's
ShapeStatus step lands before the broadcast: the live consumer receives the transaction for a
shape that ShapeStatus no longer has. (The cleaner's `Consumer.stop` then finds the registered
pid and stops it, so this orphan does not outlive the removal.) -/
def orphanRecheckSched : List (Label × List Int) :=
  [(.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, []),
   (.CacheStart, []), (.ConsumerInit, [0]), (.RemoveShape, [0, 0]), (.CleanerStatus, [0]),
   (.SlcBroadcast, [])]

/-- The orphan interleaving, completed by the batched collector removal. -/
def orphanQuiescentSched : List (Label × List Int) :=
  [(.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, []),
   (.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0]),
   (.CacheStart, []), (.ConsumerInit, [0]), (.SlcBroadcast, []),
   (.CleanerSlcRemove, [0]), (.BatcherFlush, []), (.SlcApplyBatch, [])]

/-- Quiescence (for `b1`): no chain in progress, nothing pending or batched or queued, no
publish, no ShapeCache request, no un-acknowledged transaction, the collector idle. -/
def quiescent1 (s : State) : Bool :=
  (s .chainPc 0 0 = vIdle || s .chainPc 0 0 = vDone || s .chainPc 0 0 = vAborted) &&
  s .pendingRemove 0 0 = .b false && s .batchRemove 0 0 = .b false &&
  s .removeNow 0 0 = .b false && s .mbox 0 0 = vEmpty && s .slc 0 0 = vSlcIdle &&
  s .sc 0 0 = vScIdle && s .unacked 0 0 = .i (-1)

/-- Clean at quiescence (for `b1`): a live consumer's shape is present, storage implies
status, the router implies status. -/
def cleanState1 (s : State) : Bool :=
  (!(s .cons 0 0 = vStarting || s .cons 0 0 = vRunning) || s .status 0 0 = vPresent) &&
  (s .storage 0 0 != vSPresent || s .status 0 0 = vPresent) &&
  (s .router 0 0 != .b true || s .status 0 0 = vPresent)

end

/-- **Orphan delivery, PreFix.** The removal's ShapeStatus step lands between the consumer's start
and the broadcast: a live consumer receives a transaction for a shape that ShapeStatus no longer
has. (`orphanSched`, where the removal lands between ShapeCache's check and the start, crashes
PreFix instead: `preFix_startCrash_reachable`.) -/
public theorem preFix_orphan_reachable :
    WitnessBy .PreFix b1 .orphanDelivery restored orphanRecheckSched := by unfold WitnessBy; decide +kernel

/-- **Orphan delivery, FixA.** Same schedule as PreFix; the nil filter does not matter here. -/
public theorem fixA_orphan_reachable :
    WitnessBy .FixA b1 .orphanDelivery restored orphanRecheckSched := by unfold WitnessBy; decide +kernel

/-- **HEAD's orphan schedule is not a schedule of the re-reading variants.** Under PreFix and
FixA, `orphanSched` does not replay (the start is not enabled once the shape is gone; it raises
instead), so the orphan that outlives the removal is a HEAD (≥ 1.4.14) behaviour. -/
public theorem orphanSched_blocked_by_recheck :
    runSched b1 (rules .PreFix) restored orphanSched = none ∧
    runSched b1 (rules .FixA) restored orphanSched = none := by
  constructor <;> decide +kernel

/-- **Orphan consumer, FixA2 (HEAD).** Still reachable at HEAD. -/
public theorem fixA2_orphan_reachable :
    WitnessBy .FixA2 b1 .orphanDelivery restored orphanSched := by unfold WitnessBy; decide +kernel

/-- **Orphan consumer, FixC.** The tombstone is consulted when the collector routes and when
ShapeCache checks, but the check happened before the removal: ShapeCache starts the consumer
anyway (it does not re-check), so the orphan remains. -/
public theorem fixC_orphan_reachable :
    WitnessBy .FixC b1 .orphanDelivery restored orphanSched := by unfold WitnessBy; decide +kernel

/-- **Not clean at quiescence: FixA2 (HEAD).** After the orphan interleaving and the batched
removal, nothing is in flight, yet a live consumer serves a shape without status and its storage
exists (the consumer re-created it). -/
public theorem fixA2_quiescent_orphan :
    WitnessBy .FixA2 b1 .quiescentOrphan restored orphanQuiescentSched := by unfold WitnessBy; decide +kernel

/-- **Not clean at quiescence: FixC.** -/
public theorem fixC_quiescent_orphan :
    WitnessBy .FixC b1 .quiescentOrphan restored orphanQuiescentSched := by unfold WitnessBy; decide +kernel

@[expose] public section

/-- FixB: the chain removes the router entry first and the collector applies it, then the
collector crashes for an unrelated reason before the chain removes ShapeStatus; the restart
rebuilds the router from ShapeStatus, which still has the shape. -/
def fixBFaultSched : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerRouterRemove, [0]), (.SlcRemoveNow, [0]),
   (.CleanerRouterAck, [0]), (.SlcFail, []), (.SlcRestart, []), (.CleanerStatus, [0])]

/-- `fixBFaultSched`, then a matching transaction resolved to `nil` and the crash. -/
def fixBFaultCrashSched : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerRouterRemove, [0]), (.SlcRemoveNow, [0]),
   (.CleanerRouterAck, [0]), (.SlcFail, []), (.SlcRestart, []), (.CleanerStatus, [0]),
   (.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckNoShape, []),
   (.SlcCrash, [])]

end

/-- **FixB reopens the window after a restart.** If the collector restarts between the chain's
router step and its ShapeStatus step, the router is rebuilt from ShapeStatus and holds the shape
again; the chain then removes ShapeStatus: the window is open under FixB. -/
public theorem fixB_window_after_fault :
    WitnessBy .FixB b1 .raceWindow restored fixBFaultSched ∧
    WitnessBy .FixB b1 .routedNotPresent restored fixBFaultSched :=
  ⟨by unfold WitnessBy; decide +kernel, by unfold WitnessBy; decide +kernel⟩

/-- **FixB alone can still crash by `nil`.** Continuing the previous schedule, a matching
transaction finds no registry entry (the restart emptied it), ShapeCache answers `:no_shape`,
and FixB (which has no `nil` filter) sends to `nil`. FixB needs FixA's filter as well, or a
restart that does not resurrect shapes being removed. -/
public theorem fixB_nilCrash_after_fault :
    WitnessBy .FixB b1 .nilCrash restored fixBFaultCrashSched := by unfold WitnessBy; decide +kernel

@[expose] public section

/-- FixB after an external crash, with a consumer: the collector restarts between the chain's
router step and its ShapeStatus step (as in `fixBFaultSched`), a matching transaction starts a
consumer for the re-routed shape, and the chain's ShapeStatus step lands before the broadcast. -/
def fixBFaultOrphanSched : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerRouterRemove, [0]), (.SlcRemoveNow, [0]),
   (.CleanerRouterAck, [0]), (.SlcFail, []), (.SlcRestart, []),
   (.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, []),
   (.CacheStart, []), (.CleanerStatus, [0]), (.SlcBroadcast, [])]

end

/-- **FixB delivers to an orphan after an unrelated collector crash.** The restart re-routes a
shape whose removal already passed its router step; a transaction starts a consumer for it, the
chain then removes the shape from ShapeStatus, and the broadcast delivers to the live consumer of
a shape that is gone. Without external crashes this cannot happen
(`fixB_noFault_noOrphanDelivery_allBounds`). -/
public theorem fixB_orphan_after_fault :
    WitnessBy .FixB b1 .orphanDelivery restored fixBFaultOrphanSched := by
  unfold WitnessBy; decide +kernel

@[expose] public section

/-- FixB with an ordinary consumer: a first transaction starts and initialises a consumer for
the shape; then the shape is removed router-first. The collector's router removal also deletes
the ConsumerRegistry entry, so the chain's `Consumer.stop` finds no pid. -/
def fixBStopMissesSched : List (Label × List Int) :=
  [(.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, []),
   (.CacheStart, []), (.ConsumerInit, [0]), (.SlcBroadcast, []),
   (.RemoveShape, [0, 0]), (.CleanerRouterRemove, [0]), (.SlcRemoveNow, [0]),
   (.CleanerRouterAck, [0]), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0])]

end

/-- **FixB leaves the shape's consumer running.** Removing the router entry first (as the
collector's `remove_subscription` does) also deletes the ConsumerRegistry entry, and
`Consumer.stop` finds the consumer through that registry: the chain stops nothing. At quiescence
a live consumer serves a shape without ShapeStatus. FixB must stop the consumer before (or
together with) the router removal, or look the pid up elsewhere. -/
public theorem fixB_quiescent_orphan :
    WitnessBy .FixB b1 .quiescentOrphan restored fixBStopMissesSched ∧
    (match runSched b1 (rules .FixB) restored fixBStopMissesSched with
     | some s => s .cons 0 0 == vRunning
     | none => false) = true :=
  ⟨by unfold WitnessBy; decide +kernel, by decide +kernel⟩

end ElectricRace
