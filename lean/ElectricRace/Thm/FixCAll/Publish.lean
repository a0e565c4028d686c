module

public import ElectricRace.Lemmas.Quant
public import ElectricRace.Lemmas.Exec
public import ElectricRace.Lemmas.Each
public import ElectricRace.Lemmas.Induct
public import ElectricRace.Lemmas.Labels
public import ElectricRace.Spec.FixCInv

/-!
# FixC for every number of shapes: publishing preserves the invariant

One lemma per publish rule: routing marks only routed handles (tombstoned ones are skipped); a
resolution or a ShapeCache request concerns a pending, hence routed, handle; ShapeCache's
`:no_shape` answer cannot happen for a routed handle (its status is present or tombstoned); the
broadcast ends the publish with every resolution cleared.
-/

namespace ElectricRace

set_option linter.unusedSimpArgs false

-- The interpreter's equations, the domain checks and the rule notation: a rule's effect on one
-- cell unfolds to a short `if` chain (loops through `exec_each_at`, untouched cells through
-- `exec_frame`).
attribute [local simp] exec_seq exec_set0 exec_set1 exec_cond exec_skip State.set_apply
  exec_frame exec_each_at writesNot writesLit isLitOk writesAt isParam seqL eachH eachC when
  state_ite_apply inDom_natCast inDom_neg_one Val.asBool_b' Val.asInt_i' Val.asBool_true_iff
  Env.upd_same Bounds.of Var.dim1 Var.dims Var.default allN_eq_true anyN_eq_true app
  guardsOk g eval isE notE L li lb tt ff none' pX pH pC pK pT hk live read1 read2
  status router registry storage pendingRemove batchRemove removeNow pubState pubConsumer
  touches cons owner applied chainHandle chainPc nextConsumer mbox slc pubTxn sc scHandle
  nextTxn unacked crashes orphanDelivery crashEff publishDoneGuards bindingOk inDom
  forallH existsH forallC forallK
  vAbsent vPresent vTombstoned vSAbsent vSPresent vSCleaned vPubNone vPending vNil vConsumer
  vSkipped vUnused vStarting vRunning vDeadCleanup vDeadSuspend vDeadCrash vDeadKilled
  vDeadShutdown vIdle vRouterRemove vRouterWait vStatus vStop vStorage vSlcRemove vDone
  vAborted vEmpty vE vB vEB vBE vSlcIdle vPublishing vDown vScIdle vRequested vChecked
  vNoCause vSendNil vExternal

/-- The rule keeps the FixC invariant. -/
public theorem presC_SlcRoute (b : Bounds) : Preserves b (InvCAll b) (actOf .FixC true .SlcRoute) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5⟩ := hi
  simp only [vSendNil, vAbsent, vScIdle, vPublishing, vPending, vNil] at C1 C2 C3 C4 C5
  refine ⟨?_, fun h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  rotate_left
  all_goals (try (have C2h := C2 h hh; have C4h := C4 h hh; have C5h := C5 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The rule keeps the FixC invariant. -/
public theorem presC_SlcResolveRegistered (b : Bounds) : Preserves b (InvCAll b) (actOf .FixC true .SlcResolveRegistered) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5⟩ := hi
  simp only [vSendNil, vAbsent, vScIdle, vPublishing, vPending, vNil] at C1 C2 C3 C4 C5
  refine ⟨?_, fun h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  rotate_left
  all_goals (try (have C2h := C2 h hh; have C4h := C4 h hh; have C5h := C5 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The rule keeps the FixC invariant. -/
public theorem presC_CacheCheckOk (b : Bounds) : Preserves b (InvCAll b) (actOf .FixC true .CacheCheckOk) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5⟩ := hi
  simp only [vSendNil, vAbsent, vScIdle, vPublishing, vPending, vNil] at C1 C2 C3 C4 C5
  refine ⟨?_, fun h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  rotate_left
  all_goals (try (have C2h := C2 h hh; have C4h := C4 h hh; have C5h := C5 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The rule keeps the FixC invariant. -/
public theorem presC_CacheCheckRemoving (b : Bounds) : Preserves b (InvCAll b) (actOf .FixC true .CacheCheckRemoving) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5⟩ := hi
  simp only [vSendNil, vAbsent, vScIdle, vPublishing, vPending, vNil] at C1 C2 C3 C4 C5
  refine ⟨?_, fun h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  rotate_left
  all_goals (try (have C2h := C2 h hh; have C4h := C4 h hh; have C5h := C5 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The rule keeps the FixC invariant. -/
public theorem presC_CacheStart (b : Bounds) : Preserves b (InvCAll b) (actOf .FixC true .CacheStart) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5⟩ := hi
  simp only [vSendNil, vAbsent, vScIdle, vPublishing, vPending, vNil] at C1 C2 C3 C4 C5
  refine ⟨?_, fun h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  rotate_left
  all_goals (try (have C2h := C2 h hh; have C4h := C4 h hh; have C5h := C5 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The rule keeps the FixC invariant. -/
public theorem presC_SlcBroadcast (b : Bounds) : Preserves b (InvCAll b) (actOf .FixC true .SlcBroadcast) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5⟩ := hi
  simp only [vSendNil, vAbsent, vScIdle, vPublishing, vPending, vNil] at C1 C2 C3 C4 C5
  refine ⟨?_, fun h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  rotate_left
  all_goals (try (have C2h := C2 h hh; have C4h := C4 h hh; have C5h := C5 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The rule keeps the FixC invariant. -/
public theorem presC_SlcResolveAsk (b : Bounds) : Preserves b (InvCAll b) (actOf .FixC true .SlcResolveAsk) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5⟩ := hi
  simp only [vSendNil, vAbsent, vScIdle, vPublishing, vPending, vNil] at C1 C2 C3 C4 C5
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .h = n := ⟨(env .h).toNat, by omega⟩
  have hnb : n < b.H := by omega
  rw [hn] at hg
  simp [hnb] at hg
  have C4n := C4 n hnb hg.1
  refine ⟨?_, fun h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  rotate_left
  all_goals (try (have C2h := C2 h hh; have C4h := C4 h hh; have C5h := C5 h hh))
  all_goals (try simp_all)
  all_goals first
    | exact ⟨n, hnb, rfl, C4 n hnb hg.1⟩
    | exact ⟨n, hnb, rfl, (C4 n hnb hg.1).2⟩

/-- The rule keeps the FixC invariant. -/
public theorem presC_CacheCheckNoShape (b : Bounds) : Preserves b (InvCAll b) (actOf .FixC true .CacheCheckNoShape) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5⟩ := hi
  simp only [vSendNil, vAbsent, vScIdle, vPublishing, vPending, vNil] at C1 C2 C3 C4 C5
  exfalso
  obtain ⟨hsc, hst⟩ := hg
  obtain ⟨-, h0, hh0, he, hr⟩ := C3 (by rw [hsc]; decide)
  rw [he] at hst
  rcases hst with hst | hst | hst
  · omega
  · omega
  · exact C2 h0 hh0 hr hst

end ElectricRace
