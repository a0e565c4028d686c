module

public import ElectricRace.Lemmas.Quant
public import ElectricRace.Lemmas.Exec
public import ElectricRace.Lemmas.Each
public import ElectricRace.Lemmas.Induct
public import ElectricRace.Lemmas.Labels
public import ElectricRace.Spec.FixCInv

/-!
# FixC for every number of shapes: removal, collector crash and restart preserve the invariant

One lemma per rule, each saying that the rule keeps `InvCAll` (`Spec/FixCInv.lean`) at any bounds:
the initial states satisfy it; ShapeStatus removal only tombstones; a batch drops a handle from
the router in the same step that drops its tombstone; the collector cannot crash by `nil`
(no `nil` resolution exists) and an external crash clears every publish and ShapeCache request;
the restart rebuilds the router from ShapeStatus after dropping the tombstones.
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

/-- `InvCAll` reads only `invCAllVars`. -/
public theorem invCAll_dependsOn (b : Bounds) : DependsOn (InvCAll b) invCAllVars := by
  intro s s' e hi
  have e1 := e .crashCause (by decide)
  have e2 := e .router (by decide)
  have e3 := e .status (by decide)
  have e4 := e .sc (by decide)
  have e5 := e .slc (by decide)
  have e6 := e .scHandle (by decide)
  have e7 := e .pubState (by decide)
  simp only [InvCAll, e1, e2, e3, e4, e5, e6, e7]
  exact hi

/-- Every initial state satisfies the FixC invariant. -/
public theorem initC (b : Bounds) (s : State) (h0 : initOk b s = true) : InvCAll b s := by
  simp [initOk, initConds] at h0
  obtain ⟨-, hr, -, -, -, -, -, hp, -, -, -, -, -, -, -, -, hslc, -, hsc, -, -, -, -, hcc, -⟩ := h0
  refine ⟨?_, fun h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  · rw [hcc]; decide
  · intro hrt hst
    have hrh := hr h hh
    rw [hrt, hst] at hrh
    simp [hh, vAbsent] at hrh
  · intro hne; exact absurd hsc hne
  · intro hpe
    rcases hp h hh with hph | hph
    · omega
    · rw [hph] at hpe; exact absurd hpe (by decide)
  · rcases hp h hh with hph | hph
    · omega
    · rw [hph]; decide

/-- The rule keeps the FixC invariant. -/
public theorem presC_CleanerStatus (b : Bounds) : Preserves b (InvCAll b) (actOf .FixC true .CleanerStatus) := by
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
public theorem presC_SlcApplyBatch (b : Bounds) : Preserves b (InvCAll b) (actOf .FixC true .SlcApplyBatch) := by
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
public theorem presC_SlcFail (b : Bounds) : Preserves b (InvCAll b) (actOf .FixC true .SlcFail) := by
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
public theorem presC_SlcRestart (b : Bounds) : Preserves b (InvCAll b) (actOf .FixC true .SlcRestart) := by
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
public theorem presC_SlcCrash (b : Bounds) : Preserves b (InvCAll b) (actOf .FixC true .SlcCrash) := by
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
  obtain ⟨-, -, -, x, hx, hn⟩ := hg
  simp [hx] at hn
  exact C5 x hx hn

end ElectricRace
