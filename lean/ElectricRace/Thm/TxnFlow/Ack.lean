module

public import ElectricRace.Thm.TxnFlow.Basic
public import ElectricRace.Lemmas.Exec
public import ElectricRace.Lemmas.Each
public import ElectricRace.Lemmas.Quant

/-!
# Only the end of its own publish acknowledges a held transaction

For any variant whose reachable states hold their un-acknowledged transaction (`TxnHeld`), the
acknowledgement half of `NoTxnLoss` follows from three facts about the rules: the arrival's guard
`no_unacked`, the broadcast's guards (publishing, no handle pending) and effect
(`unacked := -1`), and `crash_keeps_unacked` (no other rule writes `unacked`).
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
  forallH existsH forallC forallK crashKillingChains chainsDieEff hostedChainDiesEff
  undeliverableEff scChain
  vAbsent vPresent vTombstoned vSAbsent vSPresent vSCleaned vPubNone vPending vNil vConsumer
  vSkipped vUnused vStarting vRunning vDeadCleanup vDeadSuspend vDeadCrash vDeadKilled
  vDeadShutdown vIdle vRouterRemove vRouterWait vStatus vStop vStorage vSlcRemove vDone
  vAborted vEmpty vE vB vEB vBE vSlcIdle vPublishing vDown vScIdle vRequested vChecked
  vNoCause vSendNil vExternal vStartRaise vNoShape vNoproc vDelivered

/-- The arrival's guards require that no transaction is un-acknowledged. -/
theorem arrive_needs_none {b : Bounds} {v : Variant} {s : State} {env : Env}
    (hg : guardsOk b s env (actOf v true .TxnArrive).guards = true) :
    s .unacked 0 0 = .i (-1) := by
  cases v <;>
  · simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
      consActions, restartAction, failAction, hostedCleanActions, app, startPc, reduceCtorEq,
      ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
      Bool.or_true, Bool.or_self] at hg
    simp at hg
    exact hg.1

/-- The broadcast's guards: the collector publishes, no handle is pending; its effect
acknowledges. -/
theorem broadcast_facts {b : Bounds} {v : Variant} {s : State} {env : Env}
    (hg : guardsOk b s env (actOf v true .SlcBroadcast).guards = true) :
    s .slc 0 0 = vPublishing ∧ (∀ h : Nat, h < b.H → s .pubState h 0 ≠ vPending) ∧
      exec b s env (actOf v true .SlcBroadcast).effect s .unacked 0 0 = .i (-1) := by
  cases v <;>
  · simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
      consActions, restartAction, failAction, hostedCleanActions, app, startPc, reduceCtorEq,
      ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
      Bool.or_true, Bool.or_self] at hg ⊢
    simp at hg
    refine ⟨hg.1, fun h hh => ?_, by simp⟩
    have := hg.2.1 h hh
    simpa [hh] using this

/-- **A variant that holds its un-acknowledged transaction acknowledges it only by finishing its
publish**, at any bounds. The arrival cannot replace an un-acknowledged transaction (its guard
wants none), a crash or the restart keeps it (`crash_keeps_unacked`), so only `SlcBroadcast`
changes it: its guards say the collector is publishing with no handle pending, and `TxnHeld`
says what it publishes is the un-acknowledged transaction. -/
public theorem ackedOnlyByPublish_of_held (v : Variant) (b : Bounds)
    (hu : uniqueLabels (rules v) = true)
    (hheld : ∀ s, Reachable b (rules v) s → TxnHeld s) : AckedOnlyByPublish v b := by
  intro s s' a env hr ha _ hs hu' hne
  have hJ := hheld s hr
  have hA := eq_actOf v true hu a ha
  unfold step at hs
  split at hs
  · rename_i hg
    cases hs
    by_cases hl1 : a.label = .TxnArrive
    · rw [hA, hl1] at hg
      exact absurd (arrive_needs_none hg) hu'
    by_cases hl2 : a.label = .SlcBroadcast
    · refine ⟨hl2, ?_⟩
      rw [hA, hl2] at hg ⊢
      obtain ⟨hp, hpend, hack⟩ := broadcast_facts hg
      exact ⟨hp, (hJ.2.1 hp).2.1, hpend, hack⟩
    · have hst : step b s a env = some (exec b s env a.effect s) := by
        unfold step; rw [if_pos hg]
      exact absurd (crash_keeps_unacked v b s _ a env ha hl1 hl2 hst) hne
  · simp at hs

/-- **A variant whose every rule keeps `TxnHeld` loses no transaction, for every Bounds**: the
initial states hold it (`initT`), each rule keeps it, so every reachable state holds it, and then
only the end of its publish acknowledges it (`ackedOnlyByPublish_of_held`). Each variant's
headline is this lemma applied to its rule-by-rule proof. -/
public theorem noTxnLoss_of_preserves (v : Variant) (hu : uniqueLabels (rules v) = true)
    (hp : ∀ b l, Preserves b TxnHeld (actOf v true l)) : ∀ b : Bounds, NoTxnLoss v b := fun b =>
  have h : ∀ s, Reachable b (rules v) s → TxnHeld s := by
    apply reachable_inv b _ TxnHeld (initT b)
    intro a ha
    rw [eq_actOf v true hu a ha]
    exact hp b a.label
  ⟨h, ackedOnlyByPublish_of_held v b hu h⟩

end ElectricRace
