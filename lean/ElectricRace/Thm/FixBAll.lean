module

public import ElectricRace.Thm.FixBAll.Cleaner
public import ElectricRace.Thm.FixBAll.Collector

/-!
# FixB without external collector crashes is safe for every number of shapes and chains

The FixB invariant `InvBAll` (`Spec/FixBInv.lean`) holds in every reachable state of the FixB
rules without `SlcFail` (`rules .FixB (faults := false)`), for every `Bounds`. Each rule's
obligation is one lemma (`Thm/FixBAll/Cleaner.lean`, `Thm/FixBAll/Collector.lean`); the rules
that write none of the invariant's variables are discharged by the frame lemma. With external
crashes FixB is not safe (`fixB_nilCrash_after_fault`, `fixB_window_after_fault`).
-/

namespace ElectricRace

/-- FixB's labels are unique, so every rule is `actOf .FixB false` of its label. -/
public theorem uniqueB : uniqueLabels (rules .FixB false) = true := by decide

/-- A rule that writes none of `invBAllVars` keeps the FixB invariant. -/
theorem frameB (b : Bounds) (l : Label)
    (h : writesNone invBAllVars (actOf .FixB false l).effect = true) :
    Preserves b (InvBAll b) (actOf .FixB false l) :=
  preserves_of_writesNone b _ _ (invBAll_dependsOn b) _ h

/-- Every FixB rule (without `SlcFail`) keeps the FixB invariant. -/
public theorem presB_all (b : Bounds) (l : Label) : Preserves b (InvBAll b) (actOf .FixB false l) := by
  cases l
  all_goals first
    | exact frameB b _ (by decide)
    | exact presB_RemoveShape b
    | exact presB_CleanerRouterRemove b
    | exact presB_CleanerRouterAck b
    | exact presB_CleanerStatus b
    | exact presB_CleanerStop b
    | exact presB_CleanerStorage b
    | exact presB_ConsumerCrash b
    | exact presB_ConsumerSelfClean b
    | exact presB_SlcApplyBatch b
    | exact presB_SlcRemoveNow b
    | exact presB_SlcRoute b
    | exact presB_SlcResolveRegistered b
    | exact presB_SlcResolveAsk b
    | exact presB_CacheCheckOk b
    | exact presB_CacheCheckNoShape b
    | exact presB_CacheStart b
    | exact presB_SlcBroadcast b
    | exact presB_SlcCrash b
    | exact presB_SlcRestart b

/-- **The FixB invariant holds for all bounds**, over all interleavings of the FixB rules
without external collector crashes. -/
public theorem fixB_noFault_invariant_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .FixB (faults := false)) s → InvBAll b s := by
  intro b
  apply reachable_inv b _ _ (initB b)
  intro a ha
  rw [eq_actOf .FixB false uniqueB a ha]
  exact presB_all b _

/-- **FixB never crashes the collector, for every number of shapes, consumers, cleaner chains
and transactions, as long as the collector never dies for another reason** (rules without
`SlcFail`): removing the shape from the router first means ShapeStatus never loses a shape the
router still routes to, so ShapeCache never answers `:no_shape` to the collector. -/
public theorem fixB_noFault_noNilCrash_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .FixB (faults := false)) s →
      s .slc 0 0 ≠ vDown ∧ s .crashCause 0 0 = vNoCause :=
  fun b s hs => ⟨(fixB_noFault_invariant_allBounds b s hs).1,
    (fixB_noFault_invariant_allBounds b s hs).2.1⟩

/-- **FixB without external crashes closes the race window for every number of shapes**: no
reachable state has the router holding a handle that is not present in ShapeStatus. -/
public theorem fixB_noFault_noWindow_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .FixB (faults := false)) s →
      ∀ h : Nat, h < b.H → s .router h 0 = .b true → s .status h 0 = vPresent :=
  fun b s hs => (fixB_noFault_invariant_allBounds b s hs).2.2.1

end ElectricRace
