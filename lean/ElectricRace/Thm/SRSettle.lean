module

public import ElectricRace.Thm.SRSettle.Steps
public import ElectricRace.Thm.SRProgress
public import ElectricRace.Spec.Liveness

/-!
# SerializedRemoval never stops short of its liveness goals, for every number of shapes

The half of liveness under weak fairness that does not need a ranking: a run that stays in a
state forever is weakly fair only if no forced step is enabled there (`StuckUnsettled`,
`Spec/Liveness.lean`), and SerializedRemoval has no such state short of either goal. In every
reachable state (external collector crashes included, every `Bounds`), if work is in progress
and the consumer-id bound is not what holds it, a forced step is enabled (`quiescent_of_inv`
finds only forced ones); once nothing is in flight, every started removal is settled (`InvSRD`:
a finished chain's shape is not present, so it is not routed and has no live consumer) and
nothing is un-acknowledged.

Not proved here: that forced steps alone cannot run forever (a ranking function). With it, these
two theorems would give liveness for every fair run with finitely many unforced moves; the
rules-level search of `test/lean/starvation-search.test.ts` finds no forced cycle at the bounds
it explores.
-/

namespace ElectricRace

set_option linter.unusedSimpArgs false

-- The interpreter's equations, the domain checks and the rule notation (as in Thm/FixCAll).
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
  vNoCause vSendNil vExternal natCast_eq_iff'


/-- Every SerializedRemoval rule keeps `InvSRD`. -/
public theorem presD_all (b : Bounds) : ∀ a ∈ rules .SerializedRemoval, PresD b a := by
  intro a ha
  rw [eq_actOf .SerializedRemoval true uniqueSR a ha]
  generalize a.label = l
  cases l
  all_goals first
      | exact presD_of_writesNone b _ (by decide)
      | exact presD_RemoveShape b
      | exact presD_CleanerRouterRemove b
      | exact presD_CleanerRouterAck b
      | exact presD_CleanerStop b
      | exact presD_CleanerStorage b
      | exact presD_CleanerSlcRemove b
      | exact presD_ConsumerCrash b
      | exact presD_ConsumerSelfClean b
      | exact presD_SlcRemoveNow b
      | exact presD_SlcApplyBatch b
      | exact presD_SlcRestart b

/-- **A finished removal chain's shape stays removed, for every bounds.** In every reachable
SerializedRemoval state (external collector crashes included), a cleaner chain that is done or
aborted belongs to a shape that is not present in ShapeStatus. -/
public theorem serializedRemoval_finishedChainInvariant_allBounds :
    ∀ (b : Bounds) (s : State), Reachable b (rules .SerializedRemoval) s → InvSRD b s := by
  intro b
  have key := reachable_inv b (rules .SerializedRemoval)
    (fun s => Reachable b (rules .SerializedRemoval) s ∧ InvSRD b s)
    (fun s h0 => ⟨Reachable.init s h0, initSRD b s h0⟩)
    (fun a ha s env hb hg hi => ⟨Reachable.step s _ a env hi.1 ha hb
        (by unfold ElectricRace.step; rw [if_pos hg]),
      presD_all b a ha s env hb hg (serializedRemoval_quiescenceInvariant_allBounds b s hi.1) hi.2⟩)
  exact fun s hs => (key s hs).2

/-- At quiescence nothing is un-acknowledged. -/
public theorem ackSettled_of_quiescent (b : Bounds) (s : State) (hq : Quiescent b s) :
    Settled b s ackSettledE := by
  unfold Quiescent quiescentE at hq
  unfold Settled ackSettledE
  simp only [eval, Val.asBool_b', Bool.and_eq_true] at hq ⊢
  exact hq.2.2.2.2.2

/-- At quiescence, given the invariants, every started removal is settled: its shape is not
routed and no live consumer owns it. -/
public theorem removalSettled_of_quiescent (b : Bounds) (s : State) (hI : InvSR b s)
    (hQ : InvSRQ b s) (hD : InvSRD b s) (hq : Quiescent b s) : Settled b s removalSettledE := by
  obtain ⟨-, C2, -, -, -, -, -⟩ := hI
  obtain ⟨Q1, -, -, -, -, -, Q6, -⟩ := hQ
  have hk : ∀ k : Nat, k < b.K →
      (s .chainPc k 0 = vIdle ∨ s .chainPc k 0 = vDone ∨ s .chainPc k 0 = vAborted) := by
    intro k hk
    simp [Quiescent, quiescentE] at hq
    have := hq.1 k hk
    simp only [hk, if_true] at this
    rcases this with (h | h) | h
    · omega
    · exact Or.inl h
    · exact Or.inr h
  have hl : ∀ c : Nat, c < b.C → (s .cons c 0 = vStarting ∨ s .cons c 0 = vRunning) →
      ∃ h : Nat, h < b.H ∧ (s .owner c 0).asInt = h ∧ s .status h 0 = vPresent := by
    intro c hc hl
    obtain ⟨h, hh, eo, -⟩ := Q1 c hc hl
    refine ⟨h, hh, eo, ?_⟩
    by_cases hp : s .status h 0 = vPresent
    · exact hp
    · obtain ⟨k, hk', -, e2⟩ := Q6 c hc hl h hh eo hp
      rcases hk k hk' with p | p | p <;> rcases e2 with e | e <;> rw [e] at p <;> simp at p
  simp [Settled, removalSettledE, Env.upd]
  intro k hkK
  simp only [hkK, if_true, Nat.not_le.2 hkK, false_or]
  rcases hk k hkK with p | hf
  · left; exact p
  · right
    have hnp := hD k hkK hf
    refine ⟨?_, fun i hi => ?_⟩
    · split
      · rename_i hr
        obtain ⟨h, eh⟩ : ∃ h : Nat, (s .chainHandle k 0).asInt = h :=
          ⟨(s .chainHandle k 0).asInt.toNat, by omega⟩
        have hh : h < b.H := by omega
        rw [eh]
        exact (Val.asBool_false_iff _).2 (fun hrt => hnp h hh eh (C2 h hh hrt))
      · rfl
    · simp only [hi, if_true]
      by_cases hli : s .cons i 0 = vStarting ∨ s .cons i 0 = vRunning
      · right
        intro heq
        obtain ⟨h, hh, eo, hp⟩ := hl i hi hli
        rw [heq] at eo
        exact hnp h hh eo hp
      · left
        simpa using hli

/-- **SerializedRemoval's acknowledgement never stops short, for every number of shapes,
consumers, cleaner chains and transactions.** In every reachable state (external collector
crashes included) in which a transaction is un-acknowledged and the consumer-id bound is not
what holds the state, some forced step is enabled: no weakly fair run stays there. For Electric:
with the proposal, an un-acknowledged transaction always has a collector, a ShapeCache call or a
cleaner chain step ahead of it that nothing but the system itself has to take. -/
public theorem serializedRemoval_ack_neverStuck_allBounds :
    ∀ (b : Bounds) (s : State), Reachable b (rules .SerializedRemoval) s →
      ¬ StuckUnsettled .SerializedRemoval b ackSettledE s := by
  intro b s hs ⟨hns, hbl, hen⟩
  obtain ⟨hI, hQ⟩ := serializedRemoval_quiescenceInvariant_allBounds b s hs
  obtain ⟨hT, hP⟩ := serializedRemoval_queueInvariant_allBounds b s hs
  exact hns (ackSettled_of_quiescent b s (quiescent_of_inv b s hI hQ hT hP
    (serializedRemoval_waitFlag_allBounds b s hs) (serializedRemoval_nextNat_allBounds b s hs)
    hbl hen))

/-- **SerializedRemoval's removals never stop short, for every number of shapes, consumers,
cleaner chains and transactions.** In every reachable state (external collector crashes
included) in which some started removal still has its shape routed or a live consumer for it,
and the consumer-id bound is not what holds the state, some forced step is enabled: no weakly
fair run stays there. For Electric: with the proposal, a removal whose shape is still routed or
still has a running consumer always has a step ahead that the system itself takes. -/
public theorem serializedRemoval_removal_neverStuck_allBounds :
    ∀ (b : Bounds) (s : State), Reachable b (rules .SerializedRemoval) s →
      ¬ StuckUnsettled .SerializedRemoval b removalSettledE s := by
  intro b s hs ⟨hns, hbl, hen⟩
  obtain ⟨hI, hQ⟩ := serializedRemoval_quiescenceInvariant_allBounds b s hs
  obtain ⟨hT, hP⟩ := serializedRemoval_queueInvariant_allBounds b s hs
  exact hns (removalSettled_of_quiescent b s hI hQ
    (serializedRemoval_finishedChainInvariant_allBounds b s hs)
    (quiescent_of_inv b s hI hQ hT hP (serializedRemoval_waitFlag_allBounds b s hs)
      (serializedRemoval_nextNat_allBounds b s hs) hbl hen))

end ElectricRace
