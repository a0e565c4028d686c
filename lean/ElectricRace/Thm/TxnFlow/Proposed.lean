module

public import ElectricRace.Thm.TxnFlow.Ack
public import ElectricRace.Thm.SRAll
public import ElectricRace.Lemmas.Exec
public import ElectricRace.Lemmas.Each
public import ElectricRace.Lemmas.Quant

/-!
# The proposed fixes lose no transaction, every Bounds

FixB (router first), FixC (tombstone) and SerializedRemoval (the complete fix of
`docs/fix-proposal.md`), over their full rules: external collector crashes, and for FixB the
failed consumer start whose `clean_shape` chain ShapeCache hosts.
Each variant's rules are taken one by one (each rule first reduced to its data, so that simp
never walks the whole rule set): the arrival queues the event of a transaction that was not
there (its guard `no_unacked`); routing takes the event out and publishes the un-acknowledged
transaction; the broadcast acknowledges it; the batcher's flush and the batch's application move
a batch message past the event and keep it; a crash (external, `send(nil, …)` or
`start_consumer!` raising) leaves the collector down and the restart re-queues whatever is
un-acknowledged. The other rules write none of the four scalars `TxnHeld` reads. The
acknowledgement half of `NoTxnLoss` then comes from `ackedOnlyByPublish_of_held`.
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
  vNoCause vSendNil vExternal chainsDieEff crashKillingChains hostedChainDiesEff
  undeliverableEff vNoShape vNoproc vDelivered

/-- One rule other than the arrival: reduce it to its data, then split on its conditions. -/
local macro "txn_rule" : tactic => `(tactic| (
  conv => arg 3; whnf
  intro s env hb hg hJ
  simp only [cleanerActions, batchActions, publishActions, consActions, restartAction,
    failAction, app, startPc, reduceCtorEq, ↓reduceIte, decide_false, decide_true,
    Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true, Bool.or_self] at hb hg ⊢
  simp at hb hg
  obtain ⟨J1, J2, J3⟩ := hJ
  simp only [TxnHeld, HasEvent, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at J1 J2 J3 ⊢
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)
  done))

/-- The arrival: its guard `no_unacked` and the in-order transaction number, a natural number, so
never `-1`. -/
local macro "txn_arrive" : tactic => `(tactic| (
  intro s env hb hg hJ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self] at hb hg ⊢
  simp at hb hg
  have hT : s .nextTxn 0 0 ≠ .i (-1) := by
    rw [← hg.2.1]; intro h; injection h with h; omega
  obtain ⟨J1, J2, J3⟩ := hJ
  simp only [TxnHeld, HasEvent, vEmpty, vE, vB, vEB, vBE, vDown, vPublishing] at J1 J2 J3 hT ⊢
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)
  done))

/-- Every FixB rule keeps `TxnHeld`. -/
theorem presT_FixB (b : Bounds) (l : Label) :
    Preserves b TxnHeld (actOf .FixB true l) := by
  cases l
  case TxnArrive => txn_arrive
  all_goals first
    | exact presT_of_writesNone b _ (by decide)
    | txn_rule

/-- Every FixC rule keeps `TxnHeld`. -/
theorem presT_FixC (b : Bounds) (l : Label) :
    Preserves b TxnHeld (actOf .FixC true l) := by
  cases l
  case TxnArrive => txn_arrive
  all_goals first
    | exact presT_of_writesNone b _ (by decide)
    | txn_rule

/-- Every SerializedRemoval rule keeps `TxnHeld`. -/
theorem presT_SerializedRemoval (b : Bounds) (l : Label) :
    Preserves b TxnHeld (actOf .SerializedRemoval true l) := by
  cases l
  case TxnArrive => txn_arrive
  all_goals first
    | exact presT_of_writesNone b _ (by decide)
    | txn_rule

theorem uniqueBT : uniqueLabels (rules .FixB) = true := by decide
theorem uniqueCT : uniqueLabels (rules .FixC) = true := by decide

/-- **No transaction is lost in FixB, for every Bounds** (electric.md I6; external collector
crashes included, and failed consumer starts): in every reachable state the un-acknowledged
transaction is being published, waits in the collector's mailbox, or the collector is down (its
restart re-queues it), and the only step that acknowledges it is the end of its own publish, with
no handle pending (`NoTxnLoss`). It says nothing about which consumers that publish reached. -/
public theorem fixB_noTxnLoss_allBounds : ∀ b : Bounds, NoTxnLoss .FixB b :=
  noTxnLoss_of_preserves .FixB uniqueBT presT_FixB

/-- **No transaction is lost in FixC, for every Bounds** (electric.md I6; external collector
crashes included): in every reachable state the un-acknowledged transaction is being published,
waits in the collector's mailbox, or the collector is down (its restart re-queues it), and the
only step that acknowledges it is the end of its own publish, with no handle pending
(`NoTxnLoss`). It says nothing about which consumers that publish reached. -/
public theorem fixC_noTxnLoss_allBounds : ∀ b : Bounds, NoTxnLoss .FixC b :=
  noTxnLoss_of_preserves .FixC uniqueCT presT_FixC

/-- **No transaction is lost in SerializedRemoval, for every Bounds** (electric.md I6; external
collector crashes included): in every reachable state the un-acknowledged transaction is being
published, waits in the collector's mailbox, or the collector is down (its restart re-queues it),
and the only step that acknowledges it is the end of its own publish, with no handle pending
(`NoTxnLoss`). It says nothing about which consumers that publish reached. -/
public theorem serializedRemoval_noTxnLoss_allBounds :
    ∀ b : Bounds, NoTxnLoss .SerializedRemoval b :=
  noTxnLoss_of_preserves .SerializedRemoval uniqueSR presT_SerializedRemoval

end ElectricRace
