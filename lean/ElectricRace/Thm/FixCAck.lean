module

public import ElectricRace.Thm.FixCAck.Inv
public import ElectricRace.Thm.TxnFlow.Proposed
public import ElectricRace.Lemmas.Enabled

/-!
# FixC's acknowledgement never stops short, for every number of shapes

The half of liveness under weak fairness that does not need a ranking: a run that stays in a
state forever is weakly fair only if no forced step is enabled there (`StuckUnsettled`,
`Spec/Liveness.lean`). In every reachable FixC state with a transaction un-acknowledged, a forced
step is enabled or the consumer-id bound holds the state: the transaction is being published, is
queued, or the collector is down (`TxnHeld`, `Thm/TxnFlow/Proposed.lean`); a down collector
restarts; an idle one takes the message at the head of its mailbox; a publishing one resolves a
pending handle, has ShapeCache answer its request (a routed shape is present or tombstoned,
`InvCAck`) or start a consumer, or ends the publish (no resolution is `nil`, `InvCAll`).

The other half of liveness, that forced steps alone cannot run forever, is the ranking theorem
of `Thm/FixCRank.lean`; `Thm/FixCFair.lean` composes the two over weakly fair runs.
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
  forallH existsH forallC forallK Env.upd
  vAbsent vPresent vTombstoned vSAbsent vSPresent vSCleaned vPubNone vPending vNil vConsumer
  vSkipped vUnused vStarting vRunning vDeadCleanup vDeadSuspend vDeadCrash vDeadKilled
  vDeadShutdown vIdle vRouterRemove vRouterWait vStatus vStop vStorage vSlcRemove vDone
  vAborted vEmpty vE vB vEB vBE vSlcIdle vPublishing vDown vScIdle vRequested vChecked
  vNoCause vSendNil vExternal

-- Unfold a FixC rule of the system (`rules .FixC false`) to its parameters and guards.
local macro "fixc_rule" : tactic => `(tactic| (
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self, Bool.false_eq_true]))

/-- **Some forced step is enabled, given the invariants.** In a FixC state satisfying `InvCAll`,
`InvCAck`, `SteerOk`, `TxnHeld` and `NextNat` in which a transaction is un-acknowledged and the
consumer-id bound does not hold the state, some forced step is enabled. -/
public theorem fixC_ack_enabled_of_inv (b : Bounds) (s : State) (hC : InvCAll b s)
    (hK : InvCAck b s) (hS : SteerOk s) (hT : TxnHeld s) (hN : NextNat s)
    (hu : s .unacked 0 0 ≠ .i (-1)) (hBL : ¬ BoundLimited b s) :
    Enabled b (forcedSteps (rules .FixC)) s := by
  obtain ⟨-, C2, C3, -, C5⟩ := hC
  obtain ⟨K1, K2⟩ := hK
  obtain ⟨S1, S2, S3⟩ := hS
  obtain ⟨-, -, T3⟩ := hT
  obtain ⟨nc, hnc⟩ := hN
  have hslc := S2 0 0 ⟨rfl, rfl⟩
  have hsc := S3 0 0 ⟨rfl, rfl⟩
  simp only [slcOkB, scOkB, Bool.or_eq_true, decide_eq_true_eq, or_assoc] at hslc hsc
  rcases hslc with hidle | hpub | hdown
  · -- an idle collector takes the message at the head of its mailbox
    have hev : HasEvent (s .mbox 0 0) := by
      rcases T3 hu with h | h | h
      · rw [hidle] at h; simp at h
      · rw [hidle] at h; simp at h
      · exact h
    rcases hev with h | h | h
    · exact enabled_of b s .SlcRoute (by decide) (fun _ => 0) (by fixc_rule; simp)
        (by fixc_rule; simp [hidle, h])
    · exact enabled_of b s .SlcRoute (by decide) (fun _ => 0) (by fixc_rule; simp)
        (by fixc_rule; simp [hidle, h])
    · exact enabled_of b s .SlcApplyBatch (by decide) (fun _ => 0) (by fixc_rule; simp)
        (by fixc_rule; simp [hidle, h])
  · -- a publishing collector resolves, has ShapeCache check or start, or broadcasts
    rcases hsc with hs | hs | hs
    · by_cases hany : anyN b.H (fun n => decide (s .pubState (n : Int) 0 = vPending)) = true
      · obtain ⟨h, hh, hpe'⟩ := (anyN_eq_true _ _).1 hany
        have hpe : s .pubState h 0 = vPending := of_decide_eq_true hpe'
        by_cases hr : s .registry h 0 = .i (-1)
        · exact enabled_of b s .SlcResolveAsk (by decide) (fun _ => (h : Int))
            (by fixc_rule; simp [hh]) (by fixc_rule; simp [hh, hpe, hs, hr])
        · exact enabled_of b s .SlcResolveRegistered (by decide) (fun _ => (h : Int))
            (by fixc_rule; simp [hh]) (by fixc_rule; simp [hh, hpe, hs, hr])
      · have hnp : ∀ h : Nat, h < b.H → s .pubState h 0 ≠ vPending :=
          fun h hh he => hany ((anyN_eq_true _ _).2 ⟨h, hh, decide_eq_true he⟩)
        exact enabled_of b s .SlcBroadcast (by decide) (fun _ => 0) (by fixc_rule; simp)
          (by
            fixc_rule
            simp only [vPending, vNil] at hnp C5
            simp [hpub, hs]
            exact ⟨fun x hx => by simp [hx, hnp x hx], fun x hx => by simp [hx, C5 x hx]⟩)
    · obtain ⟨-, h, hh, hsh, hrt⟩ := C3 (by rw [hs]; decide)
      rcases K1 h hh hrt with hpr | htb
      · exact enabled_of b s .CacheCheckOk (by decide) (fun _ => 0) (by fixc_rule; simp)
          (by fixc_rule; simp [hs, hsh, hh, hpr])
      · exact enabled_of b s .CacheCheckRemoving (by decide) (fun _ => 0) (by fixc_rule; simp)
          (by fixc_rule; simp [hs, hsh, hh, htb])
    · by_cases hc : (nc : Int) < b.C
      · exact enabled_of b s .CacheStart (by decide) (fun _ => 0) (by fixc_rule; simp)
          (by
            fixc_rule
            simp [hs, hnc]
            first | omega | exact ⟨nc, by omega, rfl⟩)
      · exact absurd ⟨hs, by rw [hnc]; simpa using hc, K2 (by rw [hs]; decide)⟩ hBL
  · -- a down collector restarts
    exact enabled_of b s .SlcRestart (by decide) (fun _ => 0) (by fixc_rule; simp)
      (by fixc_rule; simp [hdown])

/-- **FixC's acknowledgement never stops short, for every number of shapes, consumers, cleaner
chains and transactions.** In every reachable FixC state (external collector crashes included)
in which a transaction is un-acknowledged and the consumer-id bound is not what holds the state,
some forced step is enabled: no weakly fair run stays there. For Electric: with the tombstone,
an un-acknowledged transaction always has a collector or ShapeCache step ahead of it that
nothing but the system itself has to take. Half of liveness; the other half is
`fixC_forcedSteps_terminate_allBounds`. -/
public theorem fixC_ack_neverStuck_allBounds :
    ∀ (b : Bounds) (s : State), Reachable b (rules .FixC) s →
      ¬ StuckUnsettled .FixC b ackSettledE s := by
  intro b s hs ⟨hns, hbl, hen⟩
  refine hen (fixC_ack_enabled_of_inv b s (fixC_invariant_allBounds b s hs)
    (fixC_ackInvariant_allBounds b s hs) (fixC_steer_allBounds b s hs)
    ((fixC_noTxnLoss_allBounds b).1 s hs) (fixC_nextNat_allBounds b s hs) (fun h => ?_) hbl)
  exact hns (by simp [Settled, ackSettledE, h])

end ElectricRace
