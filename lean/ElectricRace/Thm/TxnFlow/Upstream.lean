module

public import ElectricRace.Thm.TxnFlow.Ack
public import ElectricRace.Lemmas.Exec
public import ElectricRace.Lemmas.Each
public import ElectricRace.Lemmas.Quant

/-!
# Electric's own versions lose no transaction, every Bounds

PreFix (1.2.7–1.3.2), FixA (1.3.3–1.4.13, with the `nil` filter of #3718) and FixA2 (HEAD,
with its undeliverable records). A crash of the collector, the `send(nil, …)` crash of PreFix
included, does not drop the transaction the replication client has not seen acknowledged: the
restart re-queues it.
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

/-- Every PreFix rule keeps `TxnHeld`. -/
theorem presT_PreFix (b : Bounds) (l : Label) :
    Preserves b TxnHeld (actOf .PreFix true l) := by
  cases l
  case TxnArrive => txn_arrive
  all_goals first
    | exact presT_of_writesNone b _ (by decide)
    | txn_rule

/-- Every FixA rule keeps `TxnHeld`. -/
theorem presT_FixA (b : Bounds) (l : Label) :
    Preserves b TxnHeld (actOf .FixA true l) := by
  cases l
  case TxnArrive => txn_arrive
  all_goals first
    | exact presT_of_writesNone b _ (by decide)
    | txn_rule

/-- Every FixA2 rule keeps `TxnHeld`. -/
theorem presT_FixA2 (b : Bounds) (l : Label) :
    Preserves b TxnHeld (actOf .FixA2 true l) := by
  cases l
  case TxnArrive => txn_arrive
  all_goals first
    | exact presT_of_writesNone b _ (by decide)
    | txn_rule

theorem uniquePreT : uniqueLabels (rules .PreFix) = true := by decide
theorem uniqueAT : uniqueLabels (rules .FixA) = true := by decide
theorem uniqueA2T : uniqueLabels (rules .FixA2) = true := by decide

/-- **No transaction is lost in PreFix, for every Bounds** (electric.md I6; external collector
crashes included, and the `send(nil, …)` crash too): in every reachable state the un-acknowledged
transaction is being published, waits in the collector's mailbox, or the collector is down (its
restart re-queues it), and the only step that acknowledges it is the end of its own publish, with
no handle pending (`NoTxnLoss`). It says nothing about which consumers that publish reached. -/
public theorem preFix_noTxnLoss_allBounds : ∀ b : Bounds, NoTxnLoss .PreFix b :=
  noTxnLoss_of_preserves .PreFix uniquePreT presT_PreFix

/-- **No transaction is lost in FixA, for every Bounds** (electric.md I6; external collector
crashes included): in every reachable state the un-acknowledged transaction is being published,
waits in the collector's mailbox, or the collector is down (its restart re-queues it), and the
only step that acknowledges it is the end of its own publish, with no handle pending
(`NoTxnLoss`). It says nothing about which consumers that publish reached. -/
public theorem fixA_noTxnLoss_allBounds : ∀ b : Bounds, NoTxnLoss .FixA b :=
  noTxnLoss_of_preserves .FixA uniqueAT presT_FixA

/-- **No transaction is lost in FixA2 (HEAD), for every Bounds** (electric.md I6; external
collector crashes included): in every reachable state the un-acknowledged transaction is being
published, waits in the collector's mailbox, or the collector is down (its restart re-queues it),
and the only step that acknowledges it is the end of its own publish, with no handle pending
(`NoTxnLoss`). It says nothing about which consumers that publish reached. -/
public theorem fixA2_noTxnLoss_allBounds : ∀ b : Bounds, NoTxnLoss .FixA2 b :=
  noTxnLoss_of_preserves .FixA2 uniqueA2T presT_FixA2

end ElectricRace
