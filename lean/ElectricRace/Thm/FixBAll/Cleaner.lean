module

public import ElectricRace.Lemmas.Quant
public import ElectricRace.Lemmas.Exec
public import ElectricRace.Lemmas.Each
public import ElectricRace.Lemmas.Induct
public import ElectricRace.Lemmas.Labels
public import ElectricRace.Spec.FixBInv

/-!
# FixB (no external crashes) for every number of shapes and chains: the cleaner's steps

One lemma per cleaner or consumer rule, each saying that the rule keeps `InvBAll`
(`Spec/FixBInv.lean`) at any bounds: a fresh chain starts at the router request, never at the
ShapeStatus step; the acknowledgement moves a chain to the ShapeStatus step only once the router
no longer holds its shape; ShapeStatus removal is then safe because the router no longer holds
the shape.
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

/-- `InvBAll` reads only `invBAllVars`. -/
public theorem invBAll_dependsOn (b : Bounds) : DependsOn (InvBAll b) invBAllVars := by
  intro s s' e hi
  have e1 := e .slc (by decide)
  have e2 := e .crashCause (by decide)
  have e3 := e .router (by decide)
  have e4 := e .status (by decide)
  have e5 := e .chainPc (by decide)
  have e6 := e .chainHandle (by decide)
  have e7 := e .sc (by decide)
  have e8 := e .scHandle (by decide)
  have e9 := e .pubState (by decide)
  simp only [InvBAll, e1, e2, e3, e4, e5, e6, e7, e8, e9]
  exact hi

/-- Every initial state satisfies the FixB invariant. -/
public theorem initB (b : Bounds) (s : State) (h0 : initOk b s = true) : InvBAll b s := by
  simp [initOk, initConds] at h0
  obtain ⟨-, hr, -, -, -, -, -, hp, -, -, -, -, -, hci, -, -, hslc, -, hsc, -, -, -, -, hcc, -⟩ := h0
  refine ⟨?_, ?_, fun h hh => ?_, fun k hk h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  · rw [hslc]; decide
  · exact hcc
  · intro hrt
    have hrh := hr h hh
    simp [hh, hrt] at hrh
    simpa [vPresent] using hrh
  · intro hpc
    rcases hci k hk with hc | hc
    · omega
    · rw [hc] at hpc; exact absurd hpc (by decide)
  · intro hne; exact absurd hsc hne
  · intro hpe
    rcases hp h hh with hph | hph
    · omega
    · rw [hph] at hpe; exact absurd hpe (by decide)
  · rcases hp h hh with hph | hph
    · omega
    · rw [hph]; decide

/-- The rule keeps the FixB invariant. -/
public theorem presB_RemoveShape (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .RemoveShape) := by
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
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .k = n := ⟨(env .k).toNat, by omega⟩
  have hnk : n < b.K := by omega
  obtain ⟨m, hm⟩ : ∃ m : Nat, env .h = m := ⟨(env .h).toNat, by omega⟩
  have hmh : m < b.H := by omega
  refine ⟨?_, ?_, fun h hh => ?_, fun k hk h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh; have B8h := B8 h hh))
  all_goals (try (have B4kh := B4 k hk h hh))
  all_goals (try (have B4nh := B4 n hnk h hh))
  all_goals (try simp_all)
  all_goals (try ((repeat' split) <;> simp_all))
  all_goals (try (intros; simp_all))
  all_goals (try (intros; omega))

/-- The rule keeps the FixB invariant. -/
public theorem presB_CleanerRouterRemove (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .CleanerRouterRemove) := by
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
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .k = n := ⟨(env .k).toNat, by omega⟩
  have hnk : n < b.K := by omega
  refine ⟨?_, ?_, fun h hh => ?_, fun k hk h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh; have B8h := B8 h hh))
  all_goals (try (have B4kh := B4 k hk h hh))
  all_goals (try (have B4nh := B4 n hnk h hh))
  all_goals (try simp_all)
  all_goals (try ((repeat' split) <;> simp_all))
  all_goals (try (intros; simp_all))
  all_goals (try (intros; omega))

/-- The rule keeps the FixB invariant. -/
public theorem presB_CleanerRouterAck (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .CleanerRouterAck) := by
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
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .k = n := ⟨(env .k).toNat, by omega⟩
  have hnk : n < b.K := by omega
  refine ⟨?_, ?_, fun h hh => ?_, fun k hk h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh; have B8h := B8 h hh))
  all_goals (try (have B4kh := B4 k hk h hh))
  all_goals (try (have B4nh := B4 n hnk h hh))
  all_goals (try simp_all)
  all_goals (try ((repeat' split) <;> simp_all))
  all_goals (try (intros; simp_all))
  all_goals (try (intros; omega))

/-- The rule keeps the FixB invariant. -/
public theorem presB_CleanerStatus (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .CleanerStatus) := by
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
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .k = n := ⟨(env .k).toNat, by omega⟩
  have hnk : n < b.K := by omega
  refine ⟨?_, ?_, fun h hh => ?_, fun k hk h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh; have B8h := B8 h hh))
  all_goals (try (have B4kh := B4 k hk h hh))
  all_goals (try (have B4nh := B4 n hnk h hh))
  all_goals (try simp_all)
  all_goals (try ((repeat' split) <;> simp_all))
  all_goals (try (intros; simp_all))
  all_goals (try (intros; omega))

/-- The rule keeps the FixB invariant. -/
public theorem presB_CleanerStop (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .CleanerStop) := by
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
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .k = n := ⟨(env .k).toNat, by omega⟩
  have hnk : n < b.K := by omega
  refine ⟨?_, ?_, fun h hh => ?_, fun k hk h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh; have B8h := B8 h hh))
  all_goals (try (have B4kh := B4 k hk h hh))
  all_goals (try (have B4nh := B4 n hnk h hh))
  all_goals (try simp_all)
  all_goals (try ((repeat' split) <;> simp_all))
  all_goals (try (intros; simp_all))
  all_goals (try (intros; omega))

/-- The rule keeps the FixB invariant. -/
public theorem presB_CleanerStorage (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .CleanerStorage) := by
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
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .k = n := ⟨(env .k).toNat, by omega⟩
  have hnk : n < b.K := by omega
  refine ⟨?_, ?_, fun h hh => ?_, fun k hk h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh; have B8h := B8 h hh))
  all_goals (try (have B4kh := B4 k hk h hh))
  all_goals (try (have B4nh := B4 n hnk h hh))
  all_goals (try simp_all)
  all_goals (try ((repeat' split) <;> simp_all))
  all_goals (try (intros; simp_all))
  all_goals (try (intros; omega))

/-- The rule keeps the FixB invariant. -/
public theorem presB_ConsumerCrash (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .ConsumerCrash) := by
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
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .k = n := ⟨(env .k).toNat, by omega⟩
  have hnk : n < b.K := by omega
  refine ⟨?_, ?_, fun h hh => ?_, fun k hk h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh; have B8h := B8 h hh))
  all_goals (try (have B4kh := B4 k hk h hh))
  all_goals (try (have B4nh := B4 n hnk h hh))
  all_goals (try simp_all)
  all_goals (try ((repeat' split) <;> simp_all))
  all_goals (try (intros; simp_all))
  all_goals (try (intros; omega))

/-- The rule keeps the FixB invariant. -/
public theorem presB_ConsumerSelfClean (b : Bounds) : Preserves b (InvBAll b) (actOf .FixB false .ConsumerSelfClean) := by
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
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .k = n := ⟨(env .k).toNat, by omega⟩
  have hnk : n < b.K := by omega
  refine ⟨?_, ?_, fun h hh => ?_, fun k hk h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh; have B8h := B8 h hh))
  all_goals (try (have B4kh := B4 k hk h hh))
  all_goals (try (have B4nh := B4 n hnk h hh))
  all_goals (try simp_all)
  all_goals (try ((repeat' split) <;> simp_all))
  all_goals (try (intros; simp_all))
  all_goals (try (intros; omega))

end ElectricRace
