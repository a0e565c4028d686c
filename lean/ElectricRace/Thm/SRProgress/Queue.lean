module

public import ElectricRace.Thm.SRProgress.Types
public import ElectricRace.Lemmas.Given

/-!
# SerializedRemoval progress: a batch in flight is queued, an un-acknowledged transaction is held

`InvSRP` (`Spec/SRProgressInv.lean`) in every reachable state: the batcher's flush puts the batch
message `B` in the collector's mailbox, which only the batch's own application takes out (and
a crash loses both together); a transaction's arrival queues its event `E`, routing starts the
publish, the broadcast acknowledges it, a crash leaves the collector down and the restart
re-queues it. The rules that write none of `invSRPVars` keep it by the frame lemma.
-/

namespace ElectricRace

@[expose] public section

/-- Rule `a` keeps `InvSRP`, given the typing facts of the pre-state. -/
abbrev PresP (b : Bounds) (a : Action) : Prop := PreservesGiven b (TypesOk b) (InvSRP b) a

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

/-- `InvSRP` reads only `invSRPVars`. -/
public theorem invSRP_dependsOn (b : Bounds) : DependsOn (InvSRP b) invSRPVars := by
  intro s s' e hi
  have e1 := e .batchRemove (by decide)
  have e2 := e .slc (by decide)
  have e3 := e .mbox (by decide)
  have e4 := e .unacked (by decide)
  simp only [InvSRP, e1, e2, e3, e4]
  exact hi

/-- A rule that writes none of `invSRPVars` keeps `InvSRP`. -/
public theorem presP_of_writesNone (b : Bounds) (a : Action)
    (h : writesNone invSRPVars a.effect = true) : PresP b a :=
  preservesGiven_of_writesNone b _ _ _ (invSRP_dependsOn b) a h

/-- Every initial state satisfies `InvSRP`: no batch, no transaction. -/
public theorem initSRP (b : Bounds) (s : State) (h0 : initOk b s = true) : InvSRP b s := by
  simp [initOk, initConds] at h0
  obtain ⟨-, -, -, -, -, hba, -, -, -, -, -, -, -, -, -, -, -, -, -, -, -, hun, -, -, -, -⟩ := h0
  refine ⟨fun h hh hb => ?_, fun hu => absurd hun hu⟩
  have := hba h hh
  simp_all [Val.asBool]

/-- A transaction's arrival queues its event behind a queued batch. -/
public theorem presP_TxnArrive (b : Bounds) : PresP b (actOf .SerializedRemoval true .TxnArrive) := by
  intro s env hb hg hT hJ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  have hm := hT.2.1 0 0 ⟨rfl, rfl⟩
  simp only [mboxOkB, Bool.or_eq_true, decide_eq_true_eq] at hm
  obtain ⟨J1, J2⟩ := hJ
  simp only [InvSRP, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at J1 J2 hm ⊢
  refine ⟨fun h hh => ?_, ?_⟩
  all_goals (try have J1h := J1 h hh)
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The flush queues the batch message with the batch. -/
public theorem presP_BatcherFlush (b : Bounds) : PresP b (actOf .SerializedRemoval true .BatcherFlush) := by
  intro s env hb hg hT hJ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  have hm := hT.2.1 0 0 ⟨rfl, rfl⟩
  simp only [mboxOkB, Bool.or_eq_true, decide_eq_true_eq] at hm
  obtain ⟨J1, J2⟩ := hJ
  simp only [InvSRP, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at J1 J2 hm ⊢
  refine ⟨fun h hh => ?_, ?_⟩
  all_goals (try have J1h := J1 h hh)
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all [or_assoc])

/-- The batch's application clears the batch with its message; a transaction queued behind it stays queued. -/
public theorem presP_SlcApplyBatch (b : Bounds) : PresP b (actOf .SerializedRemoval true .SlcApplyBatch) := by
  intro s env hb hg hT hJ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  have hm := hT.2.1 0 0 ⟨rfl, rfl⟩
  simp only [mboxOkB, Bool.or_eq_true, decide_eq_true_eq] at hm
  obtain ⟨J1, J2⟩ := hJ
  simp only [InvSRP, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at J1 J2 hm ⊢
  refine ⟨fun h hh => ?_, ?_⟩
  all_goals (try have J1h := J1 h hh)
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- Routing starts the publish; a batch queued behind the event stays queued. -/
public theorem presP_SlcRoute (b : Bounds) : PresP b (actOf .SerializedRemoval true .SlcRoute) := by
  intro s env hb hg hT hJ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  have hm := hT.2.1 0 0 ⟨rfl, rfl⟩
  simp only [mboxOkB, Bool.or_eq_true, decide_eq_true_eq] at hm
  obtain ⟨J1, J2⟩ := hJ
  simp only [InvSRP, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at J1 J2 hm ⊢
  refine ⟨fun h hh => ?_, ?_⟩
  all_goals (try have J1h := J1 h hh)
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The broadcast acknowledges the transaction. -/
public theorem presP_SlcBroadcast (b : Bounds) : PresP b (actOf .SerializedRemoval true .SlcBroadcast) := by
  intro s env hb hg hT hJ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  have hm := hT.2.1 0 0 ⟨rfl, rfl⟩
  simp only [mboxOkB, Bool.or_eq_true, decide_eq_true_eq] at hm
  obtain ⟨J1, J2⟩ := hJ
  simp only [InvSRP, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at J1 J2 hm ⊢
  refine ⟨fun h hh => ?_, ?_⟩
  all_goals (try have J1h := J1 h hh)
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- An external crash loses every batch; the transaction is kept while the collector is down. -/
public theorem presP_SlcFail (b : Bounds) : PresP b (actOf .SerializedRemoval true .SlcFail) := by
  intro s env hb hg hT hJ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  have hm := hT.2.1 0 0 ⟨rfl, rfl⟩
  simp only [mboxOkB, Bool.or_eq_true, decide_eq_true_eq] at hm
  obtain ⟨J1, J2⟩ := hJ
  simp only [InvSRP, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at J1 J2 hm ⊢
  refine ⟨fun h hh => ?_, ?_⟩
  all_goals (try have J1h := J1 h hh)
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- A `send(nil)` crash loses every batch; the transaction is kept while the collector is down. -/
public theorem presP_SlcCrash (b : Bounds) : PresP b (actOf .SerializedRemoval true .SlcCrash) := by
  intro s env hb hg hT hJ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  have hm := hT.2.1 0 0 ⟨rfl, rfl⟩
  simp only [mboxOkB, Bool.or_eq_true, decide_eq_true_eq] at hm
  obtain ⟨J1, J2⟩ := hJ
  simp only [InvSRP, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at J1 J2 hm ⊢
  refine ⟨fun h hh => ?_, ?_⟩
  all_goals (try have J1h := J1 h hh)
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The restart re-queues the un-acknowledged transaction; no batch survived the crash. -/
public theorem presP_SlcRestart (b : Bounds) : PresP b (actOf .SerializedRemoval true .SlcRestart) := by
  intro s env hb hg hT hJ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  have hm := hT.2.1 0 0 ⟨rfl, rfl⟩
  simp only [mboxOkB, Bool.or_eq_true, decide_eq_true_eq] at hm
  obtain ⟨J1, J2⟩ := hJ
  simp only [InvSRP, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at J1 J2 hm ⊢
  refine ⟨fun h hh => ?_, ?_⟩
  all_goals (try have J1h := J1 h hh)
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- **`InvSRP` and the typing facts hold in every reachable SerializedRemoval state, for all
bounds.** -/
public theorem serializedRemoval_queueInvariant_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .SerializedRemoval) s → TypesOk b s ∧ InvSRP b s := by
  intro b
  apply reachable_inv b _ (fun s => TypesOk b s ∧ InvSRP b s)
    (fun s h0 => ⟨initTypes b s h0, initSRP b s h0⟩)
  intro a ha
  apply preserves_and b _ _ a (presTypes b a ha)
  rw [eq_actOf .SerializedRemoval true uniqueSR a ha]
  generalize a.label = l
  cases l
  all_goals first
    | exact presP_of_writesNone b _ (by decide)
    | exact presP_TxnArrive b
    | exact presP_BatcherFlush b
    | exact presP_SlcApplyBatch b
    | exact presP_SlcRoute b
    | exact presP_SlcBroadcast b
    | exact presP_SlcFail b
    | exact presP_SlcCrash b
    | exact presP_SlcRestart b

end ElectricRace
