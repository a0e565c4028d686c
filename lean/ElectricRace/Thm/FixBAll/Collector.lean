module

public import ElectricRace.Lemmas.Quant
public import ElectricRace.Lemmas.Exec
public import ElectricRace.Lemmas.Each
public import ElectricRace.Lemmas.Induct
public import ElectricRace.Lemmas.Labels
public import ElectricRace.Spec.FixBInv

/-!
# FixB (no external crashes) for every number of shapes: the collector's steps

One lemma per collector or ShapeCache rule, each saying that the rule keeps `InvBAll` at any
bounds: the router only ever loses handles (batch, the non-blocking removal); routing marks only
routed handles; a resolution or ShapeCache request concerns a pending, hence routed, hence present
handle, so ShapeCache's `:no_shape` answer and with it the `send(nil, …)` crash cannot happen; the
collector is never down, so the restart never runs.
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

/-- The rule keeps the FixB invariant. -/
public theorem presB_SlcApplyBatch (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .SlcApplyBatch) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil]
    at B1 B2 B3 B4 B5 B6 B8
  refine ⟨?_, ?_, fun h hh => ?_, fun k hk h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh; have B8h := B8 h hh))
  all_goals (try (have B4kh := B4 k hk h hh))
  all_goals (try (have B4nh := B4 n hnk h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The rule keeps the FixB invariant. -/
public theorem presB_SlcRemoveNow (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .SlcRemoveNow) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil]
    at B1 B2 B3 B4 B5 B6 B8
  obtain ⟨m, hm⟩ : ∃ m : Nat, env .h = m := ⟨(env .h).toNat, by omega⟩
  have hmh : m < b.H := by omega
  refine ⟨?_, ?_, fun h hh => ?_, fun k hk h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh; have B8h := B8 h hh))
  all_goals (try (have B4kh := B4 k hk h hh))
  all_goals (try (have B4nh := B4 n hnk h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The rule keeps the FixB invariant. -/
public theorem presB_SlcRoute (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .SlcRoute) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil]
    at B1 B2 B3 B4 B5 B6 B8
  refine ⟨?_, ?_, fun h hh => ?_, fun k hk h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh; have B8h := B8 h hh))
  all_goals (try (have B4kh := B4 k hk h hh))
  all_goals (try (have B4nh := B4 n hnk h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The rule keeps the FixB invariant. -/
public theorem presB_SlcResolveRegistered (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .SlcResolveRegistered) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil]
    at B1 B2 B3 B4 B5 B6 B8
  obtain ⟨m, hm⟩ : ∃ m : Nat, env .h = m := ⟨(env .h).toNat, by omega⟩
  have hmh : m < b.H := by omega
  refine ⟨?_, ?_, fun h hh => ?_, fun k hk h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh; have B8h := B8 h hh))
  all_goals (try (have B4kh := B4 k hk h hh))
  all_goals (try (have B4nh := B4 n hnk h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The rule keeps the FixB invariant. -/
public theorem presB_SlcResolveAsk (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .SlcResolveAsk) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil]
    at B1 B2 B3 B4 B5 B6 B8
  obtain ⟨m, hm⟩ : ∃ m : Nat, env .h = m := ⟨(env .h).toNat, by omega⟩
  have hmh : m < b.H := by omega
  rw [hm] at hg
  simp [hmh] at hg
  have B6m := B6 m hmh hg.1
  refine ⟨?_, ?_, fun h hh => ?_, fun k hk h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh; have B8h := B8 h hh))
  all_goals (try (have B4kh := B4 k hk h hh))
  all_goals (try simp_all)
  all_goals first
    | exact ⟨m, hmh, rfl, B6 m hmh hg.1⟩
    | exact ⟨m, hmh, rfl, (B6 m hmh hg.1).2⟩

/-- The rule keeps the FixB invariant. -/
public theorem presB_CacheCheckOk (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .CacheCheckOk) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil]
    at B1 B2 B3 B4 B5 B6 B8
  refine ⟨?_, ?_, fun h hh => ?_, fun k hk h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh; have B8h := B8 h hh))
  all_goals (try (have B4kh := B4 k hk h hh))
  all_goals (try (have B4nh := B4 n hnk h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The rule keeps the FixB invariant. -/
public theorem presB_CacheCheckNoShape (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .CacheCheckNoShape) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil]
    at B1 B2 B3 B4 B5 B6 B8
  exfalso
  obtain ⟨hsc, hst⟩ := hg
  obtain ⟨-, h0, hh0, he, hr⟩ := B5 (by rw [hsc]; decide)
  rw [he] at hst
  rcases hst with hst | hst | hst
  · omega
  · omega
  · have := B3 h0 hh0 hr
    rw [this] at hst
    exact absurd hst (by decide)

/-- The rule keeps the FixB invariant. -/
public theorem presB_CacheStart (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .CacheStart) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil]
    at B1 B2 B3 B4 B5 B6 B8
  refine ⟨?_, ?_, fun h hh => ?_, fun k hk h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh; have B8h := B8 h hh))
  all_goals (try (have B4kh := B4 k hk h hh))
  all_goals (try (have B4nh := B4 n hnk h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The rule keeps the FixB invariant. -/
public theorem presB_SlcBroadcast (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .SlcBroadcast) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil]
    at B1 B2 B3 B4 B5 B6 B8
  refine ⟨?_, ?_, fun h hh => ?_, fun k hk h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh; have B8h := B8 h hh))
  all_goals (try (have B4kh := B4 k hk h hh))
  all_goals (try (have B4nh := B4 n hnk h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The rule keeps the FixB invariant. -/
public theorem presB_SlcCrash (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .SlcCrash) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil]
    at B1 B2 B3 B4 B5 B6 B8
  exfalso
  obtain ⟨-, -, -, x, hx, hn⟩ := hg
  simp [hx] at hn
  exact B8 x hx hn

/-- The rule keeps the FixB invariant. -/
public theorem presB_SlcRestart (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .SlcRestart) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil]
    at B1 B2 B3 B4 B5 B6 B8
  exact absurd hg B1

end ElectricRace
