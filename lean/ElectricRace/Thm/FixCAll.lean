module

public import ElectricRace.Thm.FixCAll.Removal
public import ElectricRace.Thm.FixCAll.Publish

/-!
# FixC is safe for every number of shapes, consumers, chains and transactions

The FixC invariant `InvCAll` (`Spec/FixCInv.lean`) holds in every reachable state of the full
FixC rules, external collector crashes (`SlcFail`) and restarts included, for every `Bounds`.
Each rule's obligation is one lemma (`Thm/FixCAll/Removal.lean`, `Thm/FixCAll/Publish.lean`);
the rules that write none of the invariant's variables are discharged by the frame lemma.
-/

namespace ElectricRace

/-- FixC's labels are unique, so every rule is `actOf .FixC true` of its label. -/
public theorem uniqueC : uniqueLabels (rules .FixC) = true := by decide

/-- A rule that writes none of `invCAllVars` keeps the FixC invariant. -/
theorem frameC (b : Bounds) (l : Label)
    (h : writesNone invCAllVars (actOf .FixC true l).effect = true) :
    Preserves b (InvCAll b) (actOf .FixC true l) :=
  preserves_of_writesNone b _ _ (invCAll_dependsOn b) _ h

/-- **The FixC invariant holds for all bounds**, over all interleavings of the FixC rules with
external collector crashes and restarts. -/
public theorem fixC_invariant_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .FixC) s → InvCAll b s := by
  intro b
  apply reachable_inv b _ _ (initC b)
  intro a ha
  rw [eq_actOf .FixC true uniqueC a ha]
  generalize a.label = l
  cases l
  all_goals first
    | exact frameC b _ (by decide)
    | exact presC_CleanerStatus b
    | exact presC_SlcApplyBatch b
    | exact presC_SlcRoute b
    | exact presC_SlcResolveRegistered b
    | exact presC_SlcResolveAsk b
    | exact presC_CacheCheckOk b
    | exact presC_CacheCheckNoShape b
    | exact presC_CacheCheckRemoving b
    | exact presC_CacheStart b
    | exact presC_SlcBroadcast b
    | exact presC_SlcCrash b
    | exact presC_SlcFail b
    | exact presC_SlcRestart b

/-- **FixC never crashes the collector by `send(nil, …)`, for every number of shapes,
consumers, cleaner chains and transactions**, external collector crashes and restarts included:
the tombstone keeps a removed shape in ShapeStatus until the collector has dropped it from its
router, so ShapeCache never answers `:no_shape` for a shape the collector routes to. -/
public theorem fixC_noNilCrash_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .FixC) s → s .crashCause 0 0 ≠ vSendNil :=
  fun b s hs => (fixC_invariant_allBounds b s hs).1

/-- **FixC closes the race window for every number of shapes** (all bounds, external crashes
included): no reachable state has the router holding a handle whose ShapeStatus entry is
absent. -/
public theorem fixC_noWindow_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .FixC) s →
      ∀ h : Nat, h < b.H → s .router h 0 = .b true → s .status h 0 ≠ vAbsent :=
  fun b s hs => (fixC_invariant_allBounds b s hs).2.1

end ElectricRace
