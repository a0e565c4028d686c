module

public import ElectricRace.Thm.FixA2Ack.Inv
public import ElectricRace.Thm.TxnFlow.Upstream
public import ElectricRace.Lemmas.Enabled

/-!
# FixA2's acknowledgement never stops short, for every number of shapes

As for FixC (`Thm/FixCAck.lean`): in every reachable FixA2 state with a transaction
un-acknowledged, a forced step is enabled or the consumer-id bound holds the state. The
transaction is being published, is queued, or the collector is down (`TxnHeld`,
`Thm/TxnFlow/Upstream.lean`); a down collector restarts; an idle one takes the message at the
head of its mailbox; a publishing one resolves a pending handle, has ShapeCache answer its
request (a routed shape is present or absent, `InvA2Ack`: `:ok` or `:no_shape`) or start a
consumer, or ends the publish (HEAD's broadcast records a `nil` as undeliverable instead of
crashing, so nothing else blocks it). The other half of liveness, that forced steps alone
cannot run forever, is `Thm/FixA2Rank.lean`.
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

-- Unfold a FixA2 rule of the system (`rules .FixA2 false`) to its parameters and guards.
local macro "fixa2_rule" : tactic => `(tactic| (
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self, Bool.false_eq_true]))

/-- **Some forced step is enabled, given the invariants.** In a FixA2 state satisfying
`InvA2Ack`, `SteerOk`, `TxnHeld` and `NextNat` in which a transaction is un-acknowledged and the
consumer-id bound does not hold the state, some forced step is enabled. -/
public theorem fixA2_ack_enabled_of_inv (b : Bounds) (s : State) (hA : InvA2Ack b s)
    (hS : SteerOk s) (hT : TxnHeld s) (hN : NextNat s)
    (hu : s .unacked 0 0 ≠ .i (-1)) (hBL : ¬ BoundLimited b s) :
    Enabled b (forcedSteps (rules .FixA2)) s := by
  obtain ⟨A1, A2, -, A4⟩ := hA
  obtain ⟨-, S2, S3⟩ := hS
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
    · exact enabled_of b s .SlcRoute (by decide) (fun _ => 0) (by fixa2_rule; simp)
        (by fixa2_rule; simp [hidle, h])
    · exact enabled_of b s .SlcRoute (by decide) (fun _ => 0) (by fixa2_rule; simp)
        (by fixa2_rule; simp [hidle, h])
    · exact enabled_of b s .SlcApplyBatch (by decide) (fun _ => 0) (by fixa2_rule; simp)
        (by fixa2_rule; simp [hidle, h])
  · -- a publishing collector resolves, has ShapeCache check or start, or broadcasts
    rcases hsc with hs | hs | hs
    · by_cases hany : anyN b.H (fun n => decide (s .pubState (n : Int) 0 = vPending)) = true
      · obtain ⟨h, hh, hpe'⟩ := (anyN_eq_true _ _).1 hany
        have hpe : s .pubState h 0 = vPending := of_decide_eq_true hpe'
        by_cases hr : s .registry h 0 = .i (-1)
        · exact enabled_of b s .SlcResolveAsk (by decide) (fun _ => (h : Int))
            (by fixa2_rule; simp [hh]) (by fixa2_rule; simp [hh, hpe, hs, hr])
        · exact enabled_of b s .SlcResolveRegistered (by decide) (fun _ => (h : Int))
            (by fixa2_rule; simp [hh]) (by fixa2_rule; simp [hh, hpe, hs, hr])
      · have hnp : ∀ h : Nat, h < b.H → s .pubState h 0 ≠ vPending :=
          fun h hh he => hany ((anyN_eq_true _ _).2 ⟨h, hh, decide_eq_true he⟩)
        exact enabled_of b s .SlcBroadcast (by decide) (fun _ => 0) (by fixa2_rule; simp)
          (by
            fixa2_rule
            simp only [vPending] at hnp
            simp [hpub, hs]
            first
              | exact fun x hx => by simp [hx, hnp x hx]
              | exact ⟨fun x hx => by simp [hx, hnp x hx]⟩)
    · obtain ⟨-, h, hh, hsh, hrt⟩ := A2 (by rw [hs]; decide)
      rcases A1 h hh hrt with hpr | hab
      · exact enabled_of b s .CacheCheckOk (by decide) (fun _ => 0) (by fixa2_rule; simp)
          (by fixa2_rule; simp [hs, hsh, hh, hpr])
      · exact enabled_of b s .CacheCheckNoShape (by decide) (fun _ => 0) (by fixa2_rule; simp)
          (by fixa2_rule; simp [hs, hsh, hh, hab])
    · by_cases hc : (nc : Int) < b.C
      · exact enabled_of b s .CacheStart (by decide) (fun _ => 0) (by fixa2_rule; simp)
          (by
            fixa2_rule
            simp [hs, hnc]
            first | omega | exact ⟨nc, by omega, rfl⟩)
      · exact absurd ⟨hs, by rw [hnc]; simpa using hc, A4 (by rw [hs]; decide)⟩ hBL
  · -- a down collector restarts
    exact enabled_of b s .SlcRestart (by decide) (fun _ => 0) (by fixa2_rule; simp)
      (by fixa2_rule; simp [hdown])

/-- **The mailbox, the collector's mode and ShapeCache's stage hold members of their enums in
every reachable FixA2 state, for all bounds.** -/
public theorem fixA2_steer_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .FixA2) s → SteerOk s :=
  steer_allBounds .FixA2 (by decide)

/-- **The next consumer id is a natural number in every reachable FixA2 state.** -/
public theorem fixA2_nextNat_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .FixA2) s → NextNat s :=
  nextNat_allBounds_of .FixA2 uniqueA2
    (by intro l hl; cases l <;> first | decide | exact absurd rfl hl)

/-- **FixA2's acknowledgement never stops short, for every number of shapes, consumers, cleaner
chains and transactions.** In every reachable FixA2 state (external collector crashes included)
in which a transaction is un-acknowledged and the consumer-id bound is not what holds the state,
some forced step is enabled: no weakly fair run stays there. For Electric: at HEAD, an
un-acknowledged transaction always has a collector or ShapeCache step ahead of it that nothing
but the system itself has to take. Half of liveness; the other half is
`fixA2_forcedSteps_terminate_allBounds`. -/
public theorem fixA2_ack_neverStuck_allBounds :
    ∀ (b : Bounds) (s : State), Reachable b (rules .FixA2) s →
      ¬ StuckUnsettled .FixA2 b ackSettledE s := by
  intro b s hs ⟨hns, hbl, hen⟩
  refine hen (fixA2_ack_enabled_of_inv b s (fixA2_ackInvariant_allBounds b s hs)
    (fixA2_steer_allBounds b s hs) ((fixA2_noTxnLoss_allBounds b).1 s hs)
    (fixA2_nextNat_allBounds b s hs) (fun h => ?_) hbl)
  exact hns (by simp [Settled, ackSettledE, h])

end ElectricRace
