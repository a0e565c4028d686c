module

public import ElectricRace.Lemmas.Quant
public import ElectricRace.Lemmas.Exec
public import ElectricRace.Lemmas.Each
public import ElectricRace.Lemmas.EachCell
public import ElectricRace.Lemmas.Induct
public import ElectricRace.Lemmas.Given
public import ElectricRace.Lemmas.Labels
public import ElectricRace.Spec.SRInv
public import ElectricRace.Spec.SRQuietInv

/-!
# SerializedRemoval at quiescence: the per-rule obligation, the frame and the initial states

`PresQ b a`: rule `a` keeps `InvSRQ` from a state satisfying both `InvSR` and `InvSRQ` (so the
proofs may use `InvSR` of the pre-state, proved separately in `Thm/SRAll`).
-/

namespace ElectricRace

@[expose] public section

/-- Rule `a` keeps `InvSRQ`, given `InvSR` and `InvSRQ` of the pre-state. -/
abbrev PresQ (b : Bounds) (a : Action) : Prop := PreservesGiven b (InvSR b) (InvSRQ b) a

end

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
  vNoCause vSendNil vExternal

/-- Equal as integers exactly when equal as naturals. -/
public theorem natCast_eq_iff' (k n : Nat) : ((k : Int) = (n : Int)) ↔ k = n :=
  ⟨fun h => Int.ofNat.inj h, fun h => by subst h; rfl⟩

/-- `InvSRQ` reads only `invSRQVars`. -/
public theorem invSRQ_dependsOn (b : Bounds) : DependsOn (InvSRQ b) invSRQVars := by
  intro s s' e hi
  have e1 := e .cons (by decide)
  have e2 := e .owner (by decide)
  have e3 := e .registry (by decide)
  have e4 := e .sc (by decide)
  have e5 := e .scHandle (by decide)
  have e6 := e .removeNow (by decide)
  have e7 := e .chainHandle (by decide)
  have e8 := e .chainPc (by decide)
  have e9 := e .status (by decide)
  have e10 := e .pendingRemove (by decide)
  have e11 := e .batchRemove (by decide)
  have e12 := e .storage (by decide)
  simp only [InvSRQ, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12]
  exact hi

/-- A rule that writes none of `invSRQVars` keeps `InvSRQ`. -/
public theorem presQ_of_writesNone (b : Bounds) (a : Action)
    (h : writesNone invSRQVars a.effect = true) : PresQ b a :=
  preservesGiven_of_writesNone b _ _ _ (invSRQ_dependsOn b) a h

/-- Every initial state satisfies `InvSRQ`: no consumer, no request, every chain idle, nothing
queued, and stored data exactly for present shapes. -/
public theorem initSRQ (b : Bounds) (s : State) (h0 : initOk b s = true) : InvSRQ b s := by
  simp [initOk, initConds] at h0
  obtain ⟨-, -, -, hst, hpr, hba, hrn, -, -, hcu, -, -, -, hch, -, -, -, -, hsc, -, -, -, -, -, -, -⟩ := h0
  refine ⟨fun c hc hl => ?_, fun hne => ?_, fun h hh hr => ?_, fun k hk hpc => ?_,
    fun k hk hpc => ?_, fun h hh hpb => ?_, fun c hc hl => ?_, fun h hh hs hn => ?_⟩
  · rcases hcu c hc with h | h
    · omega
    · rw [h] at hl; simp [vStarting, vRunning] at hl
  · exact absurd hsc hne
  · have := hrn h hh
    simp only [hh, if_true] at this
    rw [hr] at this; simp [Val.asBool] at this
  · rcases hch k hk with h | h
    · omega
    · rw [h] at hpc; simp [vStop, vStorage, vSlcRemove] at hpc
  · rcases hch k hk with h | h
    · omega
    · rw [h] at hpc; simp [vStop, vStorage, vSlcRemove] at hpc
  · have h1 := hpr h hh
    have h2 := hba h hh
    simp only [hh, if_true] at h1 h2
    rcases hpb with e | e
    · rw [e] at h1; simp [Val.asBool] at h1
    · rw [e] at h2; simp [Val.asBool] at h2
  · rcases hcu c hc with h | h
    · omega
    · rw [h] at hl; simp [vStarting, vRunning] at hl
  · have h1 := hst h hh
    simp only [hh, if_true] at h1
    split at h1
    · exact absurd (by assumption) hn
    · rw [h1] at hs; simp [vSPresent] at hs

end ElectricRace
