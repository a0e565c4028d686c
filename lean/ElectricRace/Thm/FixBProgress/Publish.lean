module

public import ElectricRace.Thm.FixBProgress.Types

/-!
# FixB progress: the publish facts hold in every reachable state

`InvFBD` (`Spec/FixBProgressInv.lean`) in every reachable state of the full FixB rules: the
router is only set from ShapeStatus (`present`) and ShapeStatus is only rewritten from `present`
to `absent`, so a routed shape is present or absent; routing marks routed handles pending and
nothing drops a route while the collector publishes (the removal message, a batch and the
restart run with the collector idle or down); ShapeCache is asked only about a pending,
unregistered handle, and nothing registers a handle while the request is open (the start ends
it, a crash resets ShapeCache and the registry).
-/

namespace ElectricRace

set_option linter.unusedSimpArgs false

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

/-- `InvFBD` reads only `invFBDVars`. -/
theorem invFBD_dependsOn (b : Bounds) : DependsOn (InvFBD b) invFBDVars := by
  intro s s' e hi
  have e1 := e .router (by decide)
  have e2 := e .status (by decide)
  have e3 := e .pubState (by decide)
  have e4 := e .slc (by decide)
  have e5 := e .sc (by decide)
  have e6 := e .scHandle (by decide)
  have e7 := e .registry (by decide)
  simp only [InvFBD, e1, e2, e3, e4, e5, e6, e7]
  exact hi

/-- Every initial state satisfies `InvFBD`: the router is ShapeStatus's `present`, nothing is
pending, ShapeCache idle. -/
theorem initDB (b : Bounds) (s : State) (h0 : initOk b s = true) : InvFBD b s := by
  simp [initOk, initConds] at h0
  obtain ⟨-, hrt, -, -, -, -, -, hpub, -, -, -, -, -, -, -, -, -, -, hsc, -, -, -, -, -, -, -⟩ := h0
  refine ⟨fun h hh hr => ?_, fun h hh hp => ?_, fun hs => absurd hsc hs⟩
  · have := hrt h hh
    rw [hr] at this
    simp_all
  · rcases hpub h hh with h' | h'
    · omega
    · rw [h'] at hp; simp at hp

/-- ShapeCache is asked about a pending (hence routed) handle that is unregistered. -/
theorem presDB_SlcResolveAsk (b : Bounds) : Preserves b (InvFBD b) (actOf .FixB true .SlcResolveAsk) := by
  intro s env hb hg hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨D1, D2, D3⟩ := hD
  simp only [InvFBD, vPresent, vAbsent, vPending, vPublishing, vScIdle, vDown, vSlcIdle, vPubNone, vNil, vConsumer, vRequested, vChecked] at D1 D2 D3 ⊢
  obtain ⟨h0, h1⟩ := hb
  obtain ⟨m, hm⟩ := Int.eq_ofNat_of_zero_le h0
  have hmH : m < b.H := by omega
  rw [hm] at hg
  have h0' : (0 : Int) ≤ (m : Int) := by omega
  have h1' : (m : Int) < (b.H : Int) := by omega
  rw [if_pos ⟨h0', h1'⟩] at hg
  obtain ⟨hpe, hsci, hreg⟩ := hg
  have hreg' : s .registry m 0 = .i (-1) := by
    rcases hreg with h' | h' | h'
    · omega
    · omega
    · exact h'
  have D2m := D2 m hmH hpe
  refine ⟨fun h hh => ?_, fun h hh => ?_, fun _ => ?_⟩
  · simpa using D1 h hh
  · simpa using D2 h hh
  · simp [hm, hmH, D2m.1, D2m.2, hreg']
    exact ⟨m, hmH, rfl, D2m.2, hreg'⟩

/-- The status step writes `absent` over `present`. -/
theorem presDB_CleanerStatus (b : Bounds) : Preserves b (InvFBD b) (actOf .FixB true .CleanerStatus) := by
  intro s env hb hg hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨D1, D2, D3⟩ := hD
  simp only [InvFBD, vPresent, vAbsent, vPending, vPublishing, vScIdle, vDown, vSlcIdle, vPubNone, vNil, vConsumer, vRequested, vChecked] at D1 D2 D3 ⊢
  refine ⟨fun h hh => ?_, fun h hh => ?_, fun hsc => ?_⟩
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · by_cases hs0 : s .sc 0 0 = .e .sc 0
    · all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)
    · obtain ⟨D3a, k, hk, hkh, hkr, hkg⟩ := D3 hs0
      refine ⟨?_, k, hk, ?_, ?_, ?_⟩
      all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)

/-- A suspending consumer only unregisters. -/
theorem presDB_ConsumerSuspend (b : Bounds) : Preserves b (InvFBD b) (actOf .FixB true .ConsumerSuspend) := by
  intro s env hb hg hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨D1, D2, D3⟩ := hD
  simp only [InvFBD, vPresent, vAbsent, vPending, vPublishing, vScIdle, vDown, vSlcIdle, vPubNone, vNil, vConsumer, vRequested, vChecked] at D1 D2 D3 ⊢
  refine ⟨fun h hh => ?_, fun h hh => ?_, fun hsc => ?_⟩
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · by_cases hs0 : s .sc 0 0 = .e .sc 0
    · all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)
    · obtain ⟨D3a, k, hk, hkh, hkr, hkg⟩ := D3 hs0
      refine ⟨?_, k, hk, ?_, ?_, ?_⟩
      all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)

/-- The removal message runs while the collector is idle: nothing pending, no request. -/
theorem presDB_SlcRemoveNow (b : Bounds) : Preserves b (InvFBD b) (actOf .FixB true .SlcRemoveNow) := by
  intro s env hb hg hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨D1, D2, D3⟩ := hD
  simp only [InvFBD, vPresent, vAbsent, vPending, vPublishing, vScIdle, vDown, vSlcIdle, vPubNone, vNil, vConsumer, vRequested, vChecked] at D1 D2 D3 ⊢
  refine ⟨fun h hh => ?_, fun h hh => ?_, fun hsc => ?_⟩
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · by_cases hs0 : s .sc 0 0 = .e .sc 0
    · all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)
    · obtain ⟨D3a, k, hk, hkh, hkr, hkg⟩ := D3 hs0
      refine ⟨?_, k, hk, ?_, ?_, ?_⟩
      all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)

/-- The batch application runs while the collector is idle. -/
theorem presDB_SlcApplyBatch (b : Bounds) : Preserves b (InvFBD b) (actOf .FixB true .SlcApplyBatch) := by
  intro s env hb hg hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨D1, D2, D3⟩ := hD
  simp only [InvFBD, vPresent, vAbsent, vPending, vPublishing, vScIdle, vDown, vSlcIdle, vPubNone, vNil, vConsumer, vRequested, vChecked] at D1 D2 D3 ⊢
  refine ⟨fun h hh => ?_, fun h hh => ?_, fun hsc => ?_⟩
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · by_cases hs0 : s .sc 0 0 = .e .sc 0
    · all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)
    · obtain ⟨D3a, k, hk, hkh, hkr, hkg⟩ := D3 hs0
      refine ⟨?_, k, hk, ?_, ?_, ?_⟩
      all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)

/-- Routing marks only routed handles pending and starts the publish. -/
theorem presDB_SlcRoute (b : Bounds) : Preserves b (InvFBD b) (actOf .FixB true .SlcRoute) := by
  intro s env hb hg hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨D1, D2, D3⟩ := hD
  simp only [InvFBD, vPresent, vAbsent, vPending, vPublishing, vScIdle, vDown, vSlcIdle, vPubNone, vNil, vConsumer, vRequested, vChecked] at D1 D2 D3 ⊢
  refine ⟨fun h hh => ?_, fun h hh => ?_, fun hsc => ?_⟩
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · by_cases hs0 : s .sc 0 0 = .e .sc 0
    · all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)
    · obtain ⟨D3a, k, hk, hkh, hkr, hkg⟩ := D3 hs0
      refine ⟨?_, k, hk, ?_, ?_, ?_⟩
      all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)

/-- Resolving a registered handle ends its pending state. -/
theorem presDB_SlcResolveRegistered (b : Bounds) : Preserves b (InvFBD b) (actOf .FixB true .SlcResolveRegistered) := by
  intro s env hb hg hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨D1, D2, D3⟩ := hD
  simp only [InvFBD, vPresent, vAbsent, vPending, vPublishing, vScIdle, vDown, vSlcIdle, vPubNone, vNil, vConsumer, vRequested, vChecked] at D1 D2 D3 ⊢
  refine ⟨fun h hh => ?_, fun h hh => ?_, fun hsc => ?_⟩
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · by_cases hs0 : s .sc 0 0 = .e .sc 0
    · all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)
    · obtain ⟨D3a, k, hk, hkh, hkr, hkg⟩ := D3 hs0
      refine ⟨?_, k, hk, ?_, ?_, ?_⟩
      all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)

/-- The check keeps the request. -/
theorem presDB_CacheCheckOk (b : Bounds) : Preserves b (InvFBD b) (actOf .FixB true .CacheCheckOk) := by
  intro s env hb hg hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨D1, D2, D3⟩ := hD
  simp only [InvFBD, vPresent, vAbsent, vPending, vPublishing, vScIdle, vDown, vSlcIdle, vPubNone, vNil, vConsumer, vRequested, vChecked] at D1 D2 D3 ⊢
  refine ⟨fun h hh => ?_, fun h hh => ?_, fun hsc => ?_⟩
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · by_cases hs0 : s .sc 0 0 = .e .sc 0
    · all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)
    · obtain ⟨D3a, k, hk, hkh, hkr, hkg⟩ := D3 hs0
      refine ⟨?_, k, hk, ?_, ?_, ?_⟩
      all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)

/-- A check that finds no shape ends the request. -/
theorem presDB_CacheCheckNoShape (b : Bounds) : Preserves b (InvFBD b) (actOf .FixB true .CacheCheckNoShape) := by
  intro s env hb hg hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨D1, D2, D3⟩ := hD
  simp only [InvFBD, vPresent, vAbsent, vPending, vPublishing, vScIdle, vDown, vSlcIdle, vPubNone, vNil, vConsumer, vRequested, vChecked] at D1 D2 D3 ⊢
  refine ⟨fun h hh => ?_, fun h hh => ?_, fun hsc => ?_⟩
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · by_cases hs0 : s .sc 0 0 = .e .sc 0
    · all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)
    · obtain ⟨D3a, k, hk, hkh, hkr, hkg⟩ := D3 hs0
      refine ⟨?_, k, hk, ?_, ?_, ?_⟩
      all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)

/-- The start ends the request. -/
theorem presDB_CacheStart (b : Bounds) : Preserves b (InvFBD b) (actOf .FixB true .CacheStart) := by
  intro s env hb hg hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨D1, D2, D3⟩ := hD
  simp only [InvFBD, vPresent, vAbsent, vPending, vPublishing, vScIdle, vDown, vSlcIdle, vPubNone, vNil, vConsumer, vRequested, vChecked] at D1 D2 D3 ⊢
  refine ⟨fun h hh => ?_, fun h hh => ?_, fun hsc => ?_⟩
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · by_cases hs0 : s .sc 0 0 = .e .sc 0
    · all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)
    · obtain ⟨D3a, k, hk, hkh, hkr, hkg⟩ := D3 hs0
      refine ⟨?_, k, hk, ?_, ?_, ?_⟩
      all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)

/-- The broadcast ends the publish: nothing pending. -/
theorem presDB_SlcBroadcast (b : Bounds) : Preserves b (InvFBD b) (actOf .FixB true .SlcBroadcast) := by
  intro s env hb hg hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨D1, D2, D3⟩ := hD
  simp only [InvFBD, vPresent, vAbsent, vPending, vPublishing, vScIdle, vDown, vSlcIdle, vPubNone, vNil, vConsumer, vRequested, vChecked] at D1 D2 D3 ⊢
  refine ⟨fun h hh => ?_, fun h hh => ?_, fun hsc => ?_⟩
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · by_cases hs0 : s .sc 0 0 = .e .sc 0
    · all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)
    · obtain ⟨D3a, k, hk, hkh, hkr, hkg⟩ := D3 hs0
      refine ⟨?_, k, hk, ?_, ?_, ?_⟩
      all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)

/-- An external crash loses the publish and the request. -/
theorem presDB_SlcFail (b : Bounds) : Preserves b (InvFBD b) (actOf .FixB true .SlcFail) := by
  intro s env hb hg hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨D1, D2, D3⟩ := hD
  simp only [InvFBD, vPresent, vAbsent, vPending, vPublishing, vScIdle, vDown, vSlcIdle, vPubNone, vNil, vConsumer, vRequested, vChecked] at D1 D2 D3 ⊢
  refine ⟨fun h hh => ?_, fun h hh => ?_, fun hsc => ?_⟩
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · by_cases hs0 : s .sc 0 0 = .e .sc 0
    · all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)
    · obtain ⟨D3a, k, hk, hkh, hkr, hkg⟩ := D3 hs0
      refine ⟨?_, k, hk, ?_, ?_, ?_⟩
      all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)

/-- A `send(nil)` crash loses the publish and the request. -/
theorem presDB_SlcCrash (b : Bounds) : Preserves b (InvFBD b) (actOf .FixB true .SlcCrash) := by
  intro s env hb hg hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨D1, D2, D3⟩ := hD
  simp only [InvFBD, vPresent, vAbsent, vPending, vPublishing, vScIdle, vDown, vSlcIdle, vPubNone, vNil, vConsumer, vRequested, vChecked] at D1 D2 D3 ⊢
  refine ⟨fun h hh => ?_, fun h hh => ?_, fun hsc => ?_⟩
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · by_cases hs0 : s .sc 0 0 = .e .sc 0
    · all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)
    · obtain ⟨D3a, k, hk, hkh, hkr, hkg⟩ := D3 hs0
      refine ⟨?_, k, hk, ?_, ?_, ?_⟩
      all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)

/-- The restart rebuilds the router from the present shapes; nothing was pending. -/
theorem presDB_SlcRestart (b : Bounds) : Preserves b (InvFBD b) (actOf .FixB true .SlcRestart) := by
  intro s env hb hg hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨D1, D2, D3⟩ := hD
  simp only [InvFBD, vPresent, vAbsent, vPending, vPublishing, vScIdle, vDown, vSlcIdle, vPubNone, vNil, vConsumer, vRequested, vChecked] at D1 D2 D3 ⊢
  refine ⟨fun h hh => ?_, fun h hh => ?_, fun hsc => ?_⟩
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · have D1h := D1 h hh
    have D2h := D2 h hh
    all_goals (try simp_all)
    all_goals ((repeat' split) <;> simp_all)
  · by_cases hs0 : s .sc 0 0 = .e .sc 0
    · all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)
    · obtain ⟨D3a, k, hk, hkh, hkr, hkg⟩ := D3 hs0
      refine ⟨?_, k, hk, ?_, ?_, ?_⟩
      all_goals (try simp_all)
      all_goals ((repeat' split) <;> simp_all)

/-- **The publish facts hold in every reachable FixB state (external crashes included), for
all bounds.** -/
public theorem fixB_publishInvariant_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .FixB) s → InvFBD b s := by
  intro b
  apply reachable_inv b _ _ (initDB b)
  intro a ha
  rw [eq_actOf .FixB true uniqueBFull a ha]
  generalize a.label = l
  cases l
  all_goals first
    | exact preserves_of_writesNone b _ _ (invFBD_dependsOn b) _ (by decide)
    | exact presDB_SlcResolveAsk b
    | exact presDB_CleanerStatus b
    | exact presDB_ConsumerSuspend b
    | exact presDB_SlcRemoveNow b
    | exact presDB_SlcApplyBatch b
    | exact presDB_SlcRoute b
    | exact presDB_SlcResolveRegistered b
    | exact presDB_CacheCheckOk b
    | exact presDB_CacheCheckNoShape b
    | exact presDB_CacheStart b
    | exact presDB_SlcBroadcast b
    | exact presDB_SlcFail b
    | exact presDB_SlcCrash b
    | exact presDB_SlcRestart b

end ElectricRace
