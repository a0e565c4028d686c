module

public import ElectricRace.Thm.SRQuiet.Basic
public import ElectricRace.Spec.Properties

/-!
# SerializedRemoval at quiescence: from the invariants to the exported `quiescentOrphan` property

At quiescence no chain is on its way (every chain is idle, done or aborted), so the conjuncts of
`InvSRQ` that name a waiting or stopping chain say: a live consumer's shape is present, stored
data belongs to a present shape; `InvSR` says a routed shape is present. That is `cleanE`.
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


/-- In a state satisfying `InvSR` and `InvSRQ`, a quiescent state is clean: the exported
`quiescentOrphan` invariant holds, at any bounds. -/
public theorem quiescentOrphan_holds_of_inv (b : Bounds) (s : State) (hI : InvSR b s)
    (hQ : InvSRQ b s) : holds b s .quiescentOrphan := by
  obtain ⟨-, C2, -, -, -, -, -⟩ := hI
  obtain ⟨Q1, -, -, -, -, -, Q6, Q9⟩ := hQ
  simp only [holds, holdsB, inv, propInv]
  simp only [eval, Val.asBool_b', Bool.or_eq_true, Bool.not_eq_true']
  by_cases hq : (eval b s (fun _ => 0) quiescentE).asBool = true
  · right
    have hk : ∀ k : Nat, k < b.K → ¬ (s .chainPc k 0 = vRouterWait ∨ s .chainPc k 0 = vStop ∨
        s .chainPc k 0 = vStorage) := by
      intro k hk hw
      simp [quiescentE] at hq
      have := hq.1 k hk
      simp only [hk, if_true] at this
      rcases hw with hw | hw | hw <;> rw [hw] at this <;> simp at this <;> omega
    simp [cleanE]
    refine ⟨fun c hc => ?_, fun h hh => ⟨?_, ?_⟩⟩
    · simp only [hc, if_true]
      by_cases hl : s .cons c 0 = vStarting ∨ s .cons c 0 = vRunning
      · obtain ⟨h, hh, eo, er⟩ := Q1 c hc hl
        right
        simp only [eo, hh]
        by_cases hp : s .status h 0 = vPresent
        · simpa [hh] using hp
        · obtain ⟨k, hk', e1, e2⟩ := Q6 c hc hl h hh eo hp
          exact absurd (by rcases e2 with e2 | e2 <;> simp [e2]) (hk k hk')
      · left; simpa using hl
    · simp only [hh, if_true]
      by_cases hs : s .storage h 0 = vSPresent
      · right
        by_cases hp : s .status h 0 = vPresent
        · simpa using hp
        · obtain ⟨k, hk', e1, e2⟩ := Q9 h hh hs hp
          exact absurd e2 (hk k hk')
      · left; simpa using hs
    · simp only [hh, if_true]
      by_cases hr : s .router h 0 = .b true
      · right; simpa using C2 h hh hr
      · left; exact (Val.asBool_false_iff _).2 hr
  · left
    simpa only [Bool.not_eq_true] using hq

end ElectricRace
