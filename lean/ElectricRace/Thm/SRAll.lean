module

public import ElectricRace.Thm.SRAll.Removal
public import ElectricRace.Thm.SRAll.Publish

/-!
# SerializedRemoval is safe for every number of shapes, consumers, chains and transactions

The invariant `InvSR` (`Spec/SRInv.lean`) holds in every reachable state of the full
SerializedRemoval rules, external collector crashes (`SlcFail`) and restarts included, for every
`Bounds`. Each rule's obligation is one lemma (`Thm/SRAll/Removal.lean`,
`Thm/SRAll/Publish.lean`); the rules that write none of the invariant's variables (the cleaner
chain's own steps, the batcher's flush, a transaction's arrival, every consumer step) are
discharged by the frame lemma.
-/

namespace ElectricRace

/-- SerializedRemoval's labels are unique, so every rule is `actOf .SerializedRemoval true` of its
label. -/
public theorem uniqueSR : uniqueLabels (rules .SerializedRemoval) = true := by decide

/-- A rule that writes none of `invSRVars` keeps the invariant. -/
theorem frameSR (b : Bounds) (l : Label)
    (h : writesNone invSRVars (actOf .SerializedRemoval true l).effect = true) :
    Preserves b (InvSR b) (actOf .SerializedRemoval true l) :=
  preserves_of_writesNone b _ _ (invSR_dependsOn b) _ h

/-- **The SerializedRemoval invariant holds for all bounds**, over all interleavings of its rules
with external collector crashes and restarts. -/
public theorem serializedRemoval_invariant_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .SerializedRemoval) s → InvSR b s := by
  intro b
  apply reachable_inv b _ _ (initSR b)
  intro a ha
  rw [eq_actOf .SerializedRemoval true uniqueSR a ha]
  generalize a.label = l
  cases l
  all_goals first
    | exact frameSR b _ (by decide)
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

/-- **SerializedRemoval never crashes the collector by `send(nil, …)`, for every number of
shapes, consumers, cleaner chains and transactions**, external collector crashes and restarts
included, although its broadcast keeps the pre-fix `send(nil, …)`: a routed shape is always
present in ShapeStatus, so ShapeCache never answers `:no_shape` for a shape the collector
routes to. -/
public theorem serializedRemoval_noNilCrash_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .SerializedRemoval) s → s .crashCause 0 0 ≠ vSendNil :=
  fun b s hs => (serializedRemoval_invariant_allBounds b s hs).1

/-- **SerializedRemoval closes the race window for every number of shapes** (all bounds,
external crashes included): a shape the router holds is present in ShapeStatus — neither absent
nor tombstoned. The collector tombstones a shape in the same message that drops its route, and a
restart rebuilds the router from present shapes only. -/
public theorem serializedRemoval_noWindow_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .SerializedRemoval) s →
      ∀ h : Nat, h < b.H → s .router h 0 = .b true → s .status h 0 = vPresent :=
  fun b s hs => (serializedRemoval_invariant_allBounds b s hs).2.1

/-- **Under SerializedRemoval no live consumer ever receives an event for a shape that is not
present, for every number of shapes, consumers, chains and transactions** (external crashes
included): ShapeStatus changes only between publishes (in the collector's own removal message,
its batch, or a restart), and every consumer a publish resolves or starts belongs to a routed,
hence present, shape. -/
public theorem serializedRemoval_noOrphanDelivery_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .SerializedRemoval) s →
      s .orphanDelivery 0 0 ≠ .b true :=
  fun b s hs => (serializedRemoval_invariant_allBounds b s hs).2.2.2.2.2.2

end ElectricRace
