module

public import ElectricRace.Thm.SRQuiet.Basic
public import ElectricRace.Spec.SRSettleInv

/-!
# A finished chain's shape stays removed: the obligation, the frame, the initial states

`PresD b a`: rule `a` keeps `InvSRD` from a state satisfying `InvSR`, `InvSRQ` and `InvSRD`.
`invSRD_step` is the one argument every rule that moves a chain or a shape's status instantiates:
no shape becomes present, and a chain finished afterwards was finished before or stood at its
last step, with the same shape.
-/

namespace ElectricRace

@[expose] public section

/-- Rule `a` keeps `InvSRD`, given `InvSR` and `InvSRQ` of the pre-state. -/
abbrev PresD (b : Bounds) (a : Action) : Prop :=
  PreservesGiven b (fun s => InvSR b s ∧ InvSRQ b s) (InvSRD b) a

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
  vNoCause vSendNil vExternal natCast_eq_iff'


/-- `InvSRD` reads only `invSRDVars`. -/
public theorem invSRD_dependsOn (b : Bounds) : DependsOn (InvSRD b) invSRDVars := by
  intro s s' e hi
  have e1 := e .chainPc (by decide)
  have e2 := e .chainHandle (by decide)
  have e3 := e .status (by decide)
  simp only [InvSRD, e1, e2, e3]
  exact hi

/-- A rule that writes none of `invSRDVars` keeps `InvSRD`. -/
public theorem presD_of_writesNone (b : Bounds) (a : Action)
    (h : writesNone invSRDVars a.effect = true) : PresD b a :=
  preservesGiven_of_writesNone b _ _ _ (invSRD_dependsOn b) a h

/-- Every initial state satisfies `InvSRD`: every chain is idle. -/
public theorem initSRD (b : Bounds) (s : State) (h0 : initOk b s = true) : InvSRD b s := by
  simp [initOk, initConds] at h0
  obtain ⟨-, -, -, -, -, -, -, -, -, -, -, -, -, hch, -, -, -, -, -, -, -, -, -, -, -, -⟩ := h0
  intro k hk hpc
  rcases hch k hk with h | h
  · omega
  · rw [h] at hpc; simp [vDone, vAborted] at hpc

/-- **The step argument.** If no shape becomes present and every chain finished in `s'` was
finished in `s` or at its last step (`slcRemove`), with the same shape, `InvSRD` carries over. -/
public theorem invSRD_step (b : Bounds) (s s' : State) (hD : InvSRD b s) (hQ : InvSRQ b s)
    (hst : ∀ h : Nat, h < b.H → s .status h 0 ≠ vPresent → s' .status h 0 ≠ vPresent)
    (hpc : ∀ k : Nat, k < b.K → (s' .chainPc k 0 = vDone ∨ s' .chainPc k 0 = vAborted) →
      s' .chainHandle k 0 = s .chainHandle k 0 ∧
      (s .chainPc k 0 = vDone ∨ s .chainPc k 0 = vAborted ∨ s .chainPc k 0 = vSlcRemove)) :
    InvSRD b s' := by
  obtain ⟨-, -, -, Q5, -, -, -, -⟩ := hQ
  intro k hk hf h hh e
  obtain ⟨ech, hpre⟩ := hpc k hk hf
  rw [ech] at e
  apply hst h hh
  rcases hpre with p | p | p
  · exact hD k hk (Or.inl p) h hh e
  · exact hD k hk (Or.inr p) h hh e
  · exact Q5 k hk (Or.inr (Or.inr p)) h hh e

/-- A rule that leaves every chain where it was keeps `InvSRD` when no shape becomes present. -/
public theorem invSRD_of_chains_frame (b : Bounds) (s s' : State) (hD : InvSRD b s)
    (hQ : InvSRQ b s)
    (hst : ∀ h : Nat, h < b.H → s .status h 0 ≠ vPresent → s' .status h 0 ≠ vPresent)
    (fpc : ∀ i j, s' .chainPc i j = s .chainPc i j)
    (fch : ∀ i j, s' .chainHandle i j = s .chainHandle i j) : InvSRD b s' :=
  invSRD_step b s s' hD hQ hst (fun k _ hf => by
    rw [fpc] at hf
    exact ⟨fch _ _, by rcases hf with p | p <;> simp [p]⟩)

/-- A rule that moves only chain `n`, to a step other than done or aborted (and leaves the
shapes' status alone), keeps `InvSRD`. -/
public theorem invSRD_of_chain_moves (b : Bounds) (s s' : State) (n : Nat) (hD : InvSRD b s)
    (hQ : InvSRQ b s)
    (fst : ∀ i j, s' .status i j = s .status i j)
    (pcn : s' .chainPc n 0 ≠ vDone ∧ s' .chainPc n 0 ≠ vAborted)
    (pc' : ∀ k : Nat, k ≠ n → s' .chainPc k 0 = s .chainPc k 0)
    (ch' : ∀ k : Nat, k ≠ n → s' .chainHandle k 0 = s .chainHandle k 0) : InvSRD b s' :=
  invSRD_step b s s' hD hQ (fun h _ hp => by rw [fst]; exact hp) (fun k _ hf => by
    by_cases kn : k = n
    · subst kn; rcases hf with p | p
      · exact absurd p pcn.1
      · exact absurd p pcn.2
    · rw [pc' k kn] at hf
      exact ⟨ch' k kn, by rcases hf with p | p <;> simp [p]⟩)

end ElectricRace
