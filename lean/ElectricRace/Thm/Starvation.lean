module

public import ElectricRace.Spec.Liveness
public import ElectricRace.Thm.FixBDeadlock

/-!
# Removal and acknowledgement starve under weak fairness, with finitely many crashes

Each theorem replays a schedule from the reproduction recipe's initial state (`restored`, bounds
`b1`: one restored shape, one chain slot, one consumer id, one transaction) and ends in a state
that is stuck and unsettled (`StuckUnsettled`, `Spec/Liveness.lean`): no forced step is enabled,
the consumer-id bound is not what holds it, and the liveness goal is false. Staying there is a
weakly fair run that never reaches the goal. The end condition is a Boolean the kernel evaluates
(`decide +kernel`); "no forced step is enabled" ranges over all environments through
`not_enabled_b1` (`Lemmas/EnvCongr.lean`).

An exhaustive search of the exported rules at b1 (every state reachable with the external crash,
then the forced-step graph) found these and no other stuck unsettled states except bound-limited
ones, and no cycle of forced steps: FixA and SerializedRemoval have none at b1. That search is not
a proof; nothing here says that FixA or SerializedRemoval is live.
-/

namespace ElectricRace

@[expose] public section

/-- The end condition as a Boolean: the goal is false, not bound-limited, no forced step enabled. -/
noncomputable def stuckEndB (v : Variant) (e : Expr) (s : State) : Bool :=
  decide (¬ Settled b1 s e ∧ ¬ BoundLimited b1 s) && noneEnabledB s (forcedSteps (rules v))

theorem stuckEndB_sound (v : Variant) (e : Expr) (s : State) (h : stuckEndB v e s = true) :
    StuckUnsettled v b1 e s := by
  unfold stuckEndB at h
  rw [Bool.and_eq_true] at h
  have hd := of_decide_eq_true h.1
  exact ⟨hd.1, hd.2, not_enabled_b1 s _ h.2⟩

theorem stuck_of_witness {v : Variant} {e : Expr} {sched : List (Label × List Int)}
    (hw : witness b1 (rules v) restored sched (stuckEndB v e) = true) :
    initOk b1 restored = true ∧ ∃ s, runSched b1 (rules v) restored sched = some s ∧
      StuckUnsettled v b1 e s := by
  obtain ⟨hi, s, hs, hP⟩ := witness_some hw
  exact ⟨hi, s, hs, stuckEndB_sound v e s hP⟩

/-- PreFix: a removal starts and the collector crashes before the chain's first step. -/
def crashLosesRemovalSched : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.SlcFail, []), (.SlcRestart, [])]

/-- The orphan interleaving run to its end (HEAD's consumer start): the consumer ShapeCache
checked for starts after the removal has stopped the old one and dropped the route. -/
def orphanStarvesSched : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]),
   (.CacheCheckOk, []), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0]),
   (.CleanerSlcRemove, [0]), (.BatcherFlush, []), (.CacheStart, []), (.SlcBroadcast, []),
   (.SlcApplyBatch, []), (.ConsumerInit, [0])]

/-- The same for FixB, whose chain drops the route first. -/
def fixBOrphanStarvesSched : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.TxnArrive, [0]), (.SlcRoute, []), (.CleanerRouterRemove, [0]),
   (.SlcResolveAsk, [0]), (.CacheCheckOk, []), (.CacheStart, []), (.SlcBroadcast, []),
   (.SlcRemoveNow, [0]), (.CleanerRouterAck, [0]), (.CleanerStatus, [0]), (.CleanerStop, [0]),
   (.CleanerStorage, [0]), (.ConsumerInit, [0])]

/-- FixB: the route is dropped, the collector crashes and its restart rebuilds the router from
ShapeStatus, which still has the shape; the chain then goes on and never drops it again. -/
def fixBCrashRestoresRouteSched : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerRouterRemove, [0]), (.SlcRemoveNow, [0]),
   (.CleanerRouterAck, [0]), (.SlcFail, []), (.SlcRestart, []), (.CleanerStatus, [0]),
   (.CleanerStop, [0]), (.CleanerStorage, [0])]

end

/-- **PreFix: one external collector crash loses a removal for good.** The removal starts, the
collector crashes before the chain's first step and takes the chain with it (the chains run under
the collector's supervisor before upstream `ba6dd2c7d`). After the restart the shape is still in
ShapeStatus and routed, and no forced step is left: under weak fairness the removal never
completes. One crash, not recurring ones. -/
public theorem preFix_removal_starves_after_crash :
    initOk b1 restored = true ∧ ∃ s, runSched b1 (rules .PreFix) restored crashLosesRemovalSched = some s ∧
      StuckUnsettled .PreFix b1 removalSettledE s :=
  stuck_of_witness (by decide +kernel)

/-- **FixA2 (HEAD): the removal never settles, without any crash.** The orphan interleaving: the
consumer ShapeCache checked starts after the chain stopped the old one and the batched route
removal went through, and it stays: no forced step is left, a live consumer owns the removed
shape for ever (unless it exits on its own, which weak fairness does not force). -/
public theorem fixA2_removal_starves_orphan :
    initOk b1 restored = true ∧ ∃ s, runSched b1 (rules .FixA2) restored orphanStarvesSched = some s ∧
      StuckUnsettled .FixA2 b1 removalSettledE s :=
  stuck_of_witness (by decide +kernel)

/-- **FixC: the removal never settles, without any crash**, by the same orphan interleaving as
FixA2: the tombstone does not stop a consumer start that was already checked. -/
public theorem fixC_removal_starves_orphan :
    initOk b1 restored = true ∧ ∃ s, runSched b1 (rules .FixC) restored orphanStarvesSched = some s ∧
      StuckUnsettled .FixC b1 removalSettledE s :=
  stuck_of_witness (by decide +kernel)

/-- **FixB: the removal never settles, without any crash or failed start**: the orphan
interleaving in FixB's order (route dropped first, the checked consumer starts after the stop). -/
public theorem fixB_removal_starves_orphan :
    initOk b1 restored = true ∧ ∃ s, runSched b1 (rules .FixB) restored fixBOrphanStarvesSched = some s ∧
      StuckUnsettled .FixB b1 removalSettledE s :=
  stuck_of_witness (by decide +kernel)

/-- **FixB: one external collector crash puts the route back for good.** The restart rebuilds the
router from ShapeStatus while the chain is between its router step and its ShapeStatus step; the
chain finishes and nothing drops the route again. -/
public theorem fixB_removal_starves_after_crash :
    initOk b1 restored = true ∧ ∃ s, runSched b1 (rules .FixB) restored fixBCrashRestoresRouteSched = some s ∧
      StuckUnsettled .FixB b1 removalSettledE s :=
  stuck_of_witness (by decide +kernel)

/-- **FixB: after a failed consumer start, neither the removal nor the acknowledgement ever
comes**: the deadlock of `fixB_deadlock_shapeCache_clean` (the collector waits for ShapeCache,
ShapeCache for the chain it hosts, the chain for the collector) leaves the removal unsettled and
the transaction un-acknowledged, with no forced step enabled. -/
public theorem fixB_removal_and_ack_starve_clean_shape :
    (initOk b1 restored = true ∧ ∃ s, runSched b1 (rules .FixB) restored hostedCleanDeadlockSched = some s ∧
      StuckUnsettled .FixB b1 removalSettledE s) ∧
    (initOk b1 restored = true ∧ ∃ s, runSched b1 (rules .FixB) restored hostedCleanDeadlockSched = some s ∧
      StuckUnsettled .FixB b1 ackSettledE s) :=
  ⟨stuck_of_witness (by decide +kernel), stuck_of_witness (by decide +kernel)⟩

end ElectricRace
