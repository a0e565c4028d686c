module

public import ElectricRace.Thm.FixBProgress.Types
public import ElectricRace.Lemmas.Given

/-!
# FixB progress: no removal is batched, an un-acknowledged transaction is held

`NoBatchFB`: FixB has no step that queues a removal (`pendingRemove` is only cleared), so the
batcher's flush is never enabled and no batch is ever in flight. `InvFBQ`: a transaction's
arrival queues its event `E`, routing starts the publish, the broadcast acknowledges it, a crash
leaves the collector down and the restart re-queues it. Both in every reachable state of the
full FixB rules; the rules that write none of their variables keep them by the frame lemma.
-/

namespace ElectricRace

@[expose] public section

/-- Rule `a` keeps `InvFBQ`, given the typing facts of the pre-state. -/
abbrev PresQB (b : Bounds) (a : Action) : Prop := PreservesGiven b (TypesOkFB b) InvFBQ a

end

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

/-- `InvFBQ` reads only `invFBQVars`. -/
theorem invFBQ_dependsOn : DependsOn InvFBQ invFBQVars := by
  intro s s' e hi
  have e1 := e .unacked (by decide)
  have e2 := e .slc (by decide)
  have e3 := e .mbox (by decide)
  simp only [InvFBQ, e1, e2, e3]
  exact hi

/-- `NoBatchFB` reads only the queue and the batch. -/
theorem noBatchFB_dependsOn (b : Bounds) : DependsOn (NoBatchFB b) [.pendingRemove, .batchRemove] := by
  intro s s' e hi
  have e1 := e .pendingRemove (by decide)
  have e2 := e .batchRemove (by decide)
  simp only [NoBatchFB, e1, e2]
  exact hi

/-- Every initial state satisfies `NoBatchFB`. -/
theorem initNB (b : Bounds) (s : State) (h0 : initOk b s = true) : NoBatchFB b s := by
  simp [initOk, initConds] at h0
  obtain ⟨-, -, -, -, hpr, hba, -, -, -, -, -, -, -, -, -, -, -, -, -, -, -, -, -, -, -, -⟩ := h0
  intro h hh
  have h1 := hpr h hh
  have h2 := hba h hh
  constructor <;> intro e <;> simp_all [Val.asBool]

/-- Every initial state satisfies `InvFBQ`: no transaction. -/
theorem initQB (b : Bounds) (s : State) (h0 : initOk b s = true) : InvFBQ s := by
  simp [initOk, initConds] at h0
  obtain ⟨-, -, -, -, -, -, -, -, -, -, -, -, -, -, -, -, -, -, -, -, -, hun, -, -, -, -⟩ := h0
  exact fun hu => absurd hun hu

/-- The flush is never enabled: nothing is queued. -/
theorem presNB_BatcherFlush (b : Bounds) : Preserves b (NoBatchFB b) (actOf .FixB true .BatcherFlush) := by
  intro s env hb hg hN
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  intro h hh
  have N := hN h hh
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The batch application only clears batches. -/
theorem presNB_SlcApplyBatch (b : Bounds) : Preserves b (NoBatchFB b) (actOf .FixB true .SlcApplyBatch) := by
  intro s env hb hg hN
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  intro h hh
  have N := hN h hh
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- An external crash clears the queue and the batch. -/
theorem presNB_SlcFail (b : Bounds) : Preserves b (NoBatchFB b) (actOf .FixB true .SlcFail) := by
  intro s env hb hg hN
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  intro h hh
  have N := hN h hh
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- A `send(nil)` crash clears the queue and the batch. -/
theorem presNB_SlcCrash (b : Bounds) : Preserves b (NoBatchFB b) (actOf .FixB true .SlcCrash) := by
  intro s env hb hg hN
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  intro h hh
  have N := hN h hh
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- A transaction's arrival queues its event. -/
theorem presQB_TxnArrive (b : Bounds) : PresQB b (actOf .FixB true .TxnArrive) := by
  intro s env hb hg hT hJ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  have hm := hT.2.1 0 0 ⟨rfl, rfl⟩
  simp only [mboxOkB, Bool.or_eq_true, decide_eq_true_eq] at hm
  simp only [InvFBQ, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at hJ hm ⊢
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all [or_assoc])

/-- The flush keeps a queued event queued. -/
theorem presQB_BatcherFlush (b : Bounds) : PresQB b (actOf .FixB true .BatcherFlush) := by
  intro s env hb hg hT hJ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  have hm := hT.2.1 0 0 ⟨rfl, rfl⟩
  simp only [mboxOkB, Bool.or_eq_true, decide_eq_true_eq] at hm
  simp only [InvFBQ, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at hJ hm ⊢
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all [or_assoc])

/-- The batch application keeps a queued event queued. -/
theorem presQB_SlcApplyBatch (b : Bounds) : PresQB b (actOf .FixB true .SlcApplyBatch) := by
  intro s env hb hg hT hJ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  have hm := hT.2.1 0 0 ⟨rfl, rfl⟩
  simp only [mboxOkB, Bool.or_eq_true, decide_eq_true_eq] at hm
  simp only [InvFBQ, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at hJ hm ⊢
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all [or_assoc])

/-- Routing starts the publish. -/
theorem presQB_SlcRoute (b : Bounds) : PresQB b (actOf .FixB true .SlcRoute) := by
  intro s env hb hg hT hJ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  have hm := hT.2.1 0 0 ⟨rfl, rfl⟩
  simp only [mboxOkB, Bool.or_eq_true, decide_eq_true_eq] at hm
  simp only [InvFBQ, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at hJ hm ⊢
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all [or_assoc])

/-- The broadcast acknowledges the transaction. -/
theorem presQB_SlcBroadcast (b : Bounds) : PresQB b (actOf .FixB true .SlcBroadcast) := by
  intro s env hb hg hT hJ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  have hm := hT.2.1 0 0 ⟨rfl, rfl⟩
  simp only [mboxOkB, Bool.or_eq_true, decide_eq_true_eq] at hm
  simp only [InvFBQ, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at hJ hm ⊢
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all [or_assoc])

/-- An external crash leaves the collector down. -/
theorem presQB_SlcFail (b : Bounds) : PresQB b (actOf .FixB true .SlcFail) := by
  intro s env hb hg hT hJ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  have hm := hT.2.1 0 0 ⟨rfl, rfl⟩
  simp only [mboxOkB, Bool.or_eq_true, decide_eq_true_eq] at hm
  simp only [InvFBQ, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at hJ hm ⊢
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all [or_assoc])

/-- A `send(nil)` crash leaves the collector down. -/
theorem presQB_SlcCrash (b : Bounds) : PresQB b (actOf .FixB true .SlcCrash) := by
  intro s env hb hg hT hJ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  have hm := hT.2.1 0 0 ⟨rfl, rfl⟩
  simp only [mboxOkB, Bool.or_eq_true, decide_eq_true_eq] at hm
  simp only [InvFBQ, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at hJ hm ⊢
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all [or_assoc])

/-- The restart re-queues the un-acknowledged transaction. -/
theorem presQB_SlcRestart (b : Bounds) : PresQB b (actOf .FixB true .SlcRestart) := by
  intro s env hb hg hT hJ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  have hm := hT.2.1 0 0 ⟨rfl, rfl⟩
  simp only [mboxOkB, Bool.or_eq_true, decide_eq_true_eq] at hm
  simp only [InvFBQ, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at hJ hm ⊢
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all [or_assoc])

/-- **No removal is queued or batched in any reachable FixB state (external crashes
included), for all bounds.** -/
public theorem fixB_noBatch_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .FixB) s → NoBatchFB b s := by
  intro b
  apply reachable_inv b _ _ (initNB b)
  intro a ha
  rw [eq_actOf .FixB true uniqueBFull a ha]
  generalize a.label = l
  cases l
  all_goals first
    | exact preserves_of_writesNone b _ _ (noBatchFB_dependsOn b) _ (by decide)
    | exact presNB_BatcherFlush b
    | exact presNB_SlcApplyBatch b
    | exact presNB_SlcFail b
    | exact presNB_SlcCrash b

/-- **An un-acknowledged transaction is published, queued, or the collector is down, in every
reachable FixB state (external crashes included), for all bounds; with the typing facts.** -/
public theorem fixB_queueInvariant_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .FixB) s → TypesOkFB b s ∧ InvFBQ s := by
  intro b
  apply reachable_inv b _ (fun s => TypesOkFB b s ∧ InvFBQ s)
    (fun s h0 => ⟨initTypesFB b s h0, initQB b s h0⟩)
  intro a ha
  apply preserves_and b _ _ a (presTypesFB b a ha)
  rw [eq_actOf .FixB true uniqueBFull a ha]
  generalize a.label = l
  cases l
  all_goals first
    | exact preservesGiven_of_writesNone b _ _ _ invFBQ_dependsOn _ (by decide)
    | exact presQB_TxnArrive b
    | exact presQB_BatcherFlush b
    | exact presQB_SlcApplyBatch b
    | exact presQB_SlcRoute b
    | exact presQB_SlcBroadcast b
    | exact presQB_SlcFail b
    | exact presQB_SlcCrash b
    | exact presQB_SlcRestart b

end ElectricRace
