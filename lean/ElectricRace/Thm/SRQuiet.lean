module

public import ElectricRace.Thm.SRAll
public import ElectricRace.Thm.SRQuiet.Cleaner
public import ElectricRace.Thm.SRQuiet.Slc
public import ElectricRace.Thm.SRQuiet.Consumer
public import ElectricRace.Thm.SRQuiet.Bridge

/-!
# SerializedRemoval leaves nothing behind at quiescence, for every number of shapes

`InvSR ∧ InvSRQ` holds in every reachable state of the full SerializedRemoval rules (external
collector crashes and restarts included), for every `Bounds`; each rule's `InvSRQ` obligation is
one lemma (`Thm/SRQuiet/Cleaner.lean`, `Slc.lean`, `Consumer.lean`), the `InvSR` obligation is the
one proved in `Thm/SRAll`. At quiescence the two give `cleanE` (`Thm/SRQuiet/Bridge.lean`).
-/

namespace ElectricRace

/-- **`InvSR` and `InvSRQ` hold in every reachable SerializedRemoval state, for all bounds.** -/
public theorem serializedRemoval_quiescenceInvariant_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .SerializedRemoval) s → InvSR b s ∧ InvSRQ b s := by
  intro b
  apply reachable_inv b _ (fun s => InvSR b s ∧ InvSRQ b s)
    (fun s h0 => ⟨initSR b s h0, initSRQ b s h0⟩)
  intro a ha
  rw [eq_actOf .SerializedRemoval true uniqueSR a ha]
  generalize a.label = l
  apply preserves_and
  · cases l
    all_goals first
      | exact preserves_of_writesNone b _ _ (invSR_dependsOn b) _ (by decide)
      | exact presSR_SlcRemoveNow b
      | exact presSR_SlcApplyBatch b
      | exact presSR_SlcFail b
      | exact presSR_SlcRestart b
      | exact presSR_SlcCrash b
      | exact presSR_SlcRoute b
      | exact presSR_SlcResolveRegistered b
      | exact presSR_SlcResolveAsk b
      | exact presSR_CacheCheckOk b
      | exact presSR_CacheCheckNoShape b
      | exact presSR_CacheStart b
      | exact presSR_SlcBroadcast b
  · cases l
    all_goals first
      | exact presQ_of_writesNone b _ (by decide)
      | exact presQ_RemoveShape b
      | exact presQ_CleanerRouterRemove b
      | exact presQ_CleanerRouterAck b
      | exact presQ_CleanerStop b
      | exact presQ_CleanerStorage b
      | exact presQ_CleanerSlcRemove b
      | exact presQ_BatcherFlush b
      | exact presQ_SlcApplyBatch b
      | exact presQ_SlcRemoveNow b
      | exact presQ_SlcFail b
      | exact presQ_SlcRestart b
      | exact presQ_SlcResolveAsk b
      | exact presQ_CacheCheckOk b
      | exact presQ_CacheCheckNoShape b
      | exact presQ_SlcCrash b
      | exact presQ_ConsumerKill b
      | exact presQ_ConsumerSuspend b
      | exact presQ_ConsumerInit b
      | exact presQ_CacheStart b
      | exact presQ_ConsumerCrash b
      | exact presQ_ConsumerSelfClean b

/-- **SerializedRemoval leaves no orphan behind once everything has settled, for every number of
shapes, consumers, cleaner chains and transactions** (external collector crashes and restarts
included). In every reachable state in which nothing is in flight — every cleaner chain idle,
done or aborted, no removal queued, batched or requested, the collector's mailbox empty and the
collector idle, no ShapeCache request, no un-acknowledged transaction — every live consumer
belongs to a shape that is present in ShapeStatus, every shape with stored data is present, and
every routed shape is present. For Electric: once a removal's cleanup chain has run (or died),
no consumer process keeps running for the removed shape and its storage is not left behind: the
chain's stop kills the shape's only live consumer (the registered one), no new consumer can start
for a shape once the collector has tombstoned it, and the chain cleans the storage after the
stop. -/
public theorem serializedRemoval_clean_at_quiescence_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .SerializedRemoval) s → holds b s .quiescentOrphan := by
  intro b s hs
  obtain ⟨hI, hQ⟩ := serializedRemoval_quiescenceInvariant_allBounds b s hs
  exact quiescentOrphan_holds_of_inv b s hI hQ

end ElectricRace
