module

public import ElectricRace.Thm.SRQuiet.Basic

/-!
# SerializedRemoval at quiescence: the collector's and ShapeCache's steps keep `InvSRQ`

ShapeStatus only ever leaves `present` (the collector's removal message, for a shape whose chain
waits for it) and never returns to it; a batch drops registry entries of shapes without live
consumers; a crash shuts every live consumer down and loses every queue and request; a ShapeCache
request is for an unregistered handle.
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

/-- The batcher moves queued removals into the batch. -/
public theorem presQ_BatcherFlush (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .BatcherFlush) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  generalize hs' : exec b s env _ s = s'
  have bat' : ∀ h : Nat, h < b.H → s' .batchRemove h 0 = s .pendingRemove h 0 := by
    intro h hh; rw [← hs']; simp [hh]
  have pen' : ∀ h : Nat, h < b.H → s' .pendingRemove h 0 = .b false := by
    intro h hh; rw [← hs']; simp [hh]
  have f_cons : ∀ i j, s' .cons i j = s .cons i j := by
    intro i j; rw [← hs']; simp
  have f_owner : ∀ i j, s' .owner i j = s .owner i j := by
    intro i j; rw [← hs']; simp
  have f_registry : ∀ i j, s' .registry i j = s .registry i j := by
    intro i j; rw [← hs']; simp
  have f_sc : ∀ i j, s' .sc i j = s .sc i j := by
    intro i j; rw [← hs']; simp
  have f_scHandle : ∀ i j, s' .scHandle i j = s .scHandle i j := by
    intro i j; rw [← hs']; simp
  have f_removeNow : ∀ i j, s' .removeNow i j = s .removeNow i j := by
    intro i j; rw [← hs']; simp
  have f_chainHandle : ∀ i j, s' .chainHandle i j = s .chainHandle i j := by
    intro i j; rw [← hs']; simp
  have f_chainPc : ∀ i j, s' .chainPc i j = s .chainPc i j := by
    intro i j; rw [← hs']; simp
  have f_status : ∀ i j, s' .status i j = s .status i j := by
    intro i j; rw [← hs']; simp
  have f_storage : ∀ i j, s' .storage i j = s .storage i j := by
    intro i j; rw [← hs']; simp
  clear hs'
  simp only [InvSRQ, f_cons, f_owner, f_registry, f_sc, f_scHandle, f_removeNow, f_chainHandle, f_chainPc, f_status, f_storage]
  refine ⟨Q1, Q2, Q7, Q5, Q4, ?_, Q6, Q9⟩
  intro h hh hp
  rw [bat' h hh, pen' h hh] at hp
  rcases hp with hp | hp
  · simp at hp
  · exact Q3 h hh (Or.inl hp)

/-- The batch: routes and registry entries of shapes without live consumers go, tombstones become
absent (never present). -/
public theorem presQ_SlcApplyBatch (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .SlcApplyBatch) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  generalize hs' : exec b s env _ s = s'
  have reg' : ∀ h : Nat, h < b.H → s .batchRemove h 0 ≠ .b true →
      s' .registry h 0 = s .registry h 0 := by
    intro h hh hn; rw [← hs']; simp [hh, hn]
  have bat' : ∀ h : Nat, h < b.H → s' .batchRemove h 0 = .b true → s .batchRemove h 0 = .b true := by
    intro h hh; rw [← hs']
    by_cases c1 : s .batchRemove h 0 = .b true
    · intro _; exact c1
    · simp [hh, c1]
  have stp : ∀ h : Nat, h < b.H → (s' .status h 0 = vPresent ↔ s .status h 0 = vPresent) := by
    intro h hh; rw [← hs']
    by_cases c1 : s .batchRemove h 0 = .b true <;>
      by_cases c2 : s .status h 0 = .e .status 2 <;> simp [hh, c1, c2]
  have f_cons : ∀ i j, s' .cons i j = s .cons i j := by
    intro i j; rw [← hs']; simp
  have f_owner : ∀ i j, s' .owner i j = s .owner i j := by
    intro i j; rw [← hs']; simp
  have f_sc : ∀ i j, s' .sc i j = s .sc i j := by
    intro i j; rw [← hs']; simp
  have f_scHandle : ∀ i j, s' .scHandle i j = s .scHandle i j := by
    intro i j; rw [← hs']; simp
  have f_removeNow : ∀ i j, s' .removeNow i j = s .removeNow i j := by
    intro i j; rw [← hs']; simp
  have f_chainHandle : ∀ i j, s' .chainHandle i j = s .chainHandle i j := by
    intro i j; rw [← hs']; simp
  have f_chainPc : ∀ i j, s' .chainPc i j = s .chainPc i j := by
    intro i j; rw [← hs']; simp
  have f_pendingRemove : ∀ i j, s' .pendingRemove i j = s .pendingRemove i j := by
    intro i j; rw [← hs']; simp
  have f_storage : ∀ i j, s' .storage i j = s .storage i j := by
    intro i j; rw [← hs']; simp
  have hsc : s .sc 0 0 = vScIdle := by
    by_cases hne : s .sc 0 0 = vScIdle
    · exact hne
    · have := (C3 hne).1
      simp_all
  clear hs'
  simp only [InvSRQ, f_cons, f_owner, f_sc, f_scHandle, f_removeNow, f_chainHandle, f_chainPc, f_pendingRemove, f_storage]
  refine ⟨?_, fun hne => absurd hsc hne, Q7, ?_, Q4, ?_, ?_, ?_⟩
  · intro c hc hl
    obtain ⟨h, hh, e1, e2⟩ := Q1 c hc hl
    refine ⟨h, hh, e1, ?_⟩
    rw [reg' h hh (fun hb => (Q3 h hh (Or.inr hb)).2 c hc hl e1)]
    exact e2
  · intro k hk hpc h hh e
    rw [Ne, stp h hh]
    exact Q5 k hk hpc h hh e
  · intro h hh hp
    have hp0 : s .pendingRemove h 0 = .b true ∨ s .batchRemove h 0 = .b true := by
      rcases hp with hp | hp
      · exact Or.inl hp
      · exact Or.inr (bat' h hh hp)
    rw [Ne, stp h hh]
    exact Q3 h hh hp0
  · intro c hc hl h hh e hs
    rw [Ne, stp h hh] at hs
    exact Q6 c hc hl h hh e hs
  · intro h hh hs hp
    rw [Ne, stp h hh] at hp
    exact Q9 h hh hs hp

/-- The collector's removal message tombstones a present shape whose chain is waiting. -/
public theorem presQ_SlcRemoveNow (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .SlcRemoveNow) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .h = n := ⟨(env .h).toNat, by omega⟩
  have hnb : n < b.H := by omega
  simp only [hn] at hg ⊢
  simp [hnb] at hg
  obtain ⟨-, hg2⟩ := hg
  generalize hs' : exec b s env _ s = s'
  have rn' : ∀ h : Nat, h < b.H → h ≠ n → s' .removeNow h 0 = s .removeNow h 0 := by
    intro h hh e; rw [← hs']; simp [hh, e, hn]
  have rnn : s' .removeNow n 0 = .b false := by
    rw [← hs']; simp [hnb, hn]
  have sdown : ∀ h : Nat, h < b.H → s .status h 0 ≠ vPresent → s' .status h 0 ≠ vPresent := by
    intro h hh hp; rw [← hs']
    by_cases e : h = n
    · subst e; simp [hh, hn] at hp ⊢; simp [hp]
    · simp [hh, e, hn]; exact hp
  have sup : ∀ h : Nat, h < b.H → s' .status h 0 ≠ vPresent → s .status h 0 ≠ vPresent ∨ h = n := by
    intro h hh hp
    by_cases e : h = n
    · exact Or.inr e
    · left; rw [← hs'] at hp; simp [hh, e, hn] at hp; exact hp
  have f_cons : ∀ i j, s' .cons i j = s .cons i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_owner : ∀ i j, s' .owner i j = s .owner i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_registry : ∀ i j, s' .registry i j = s .registry i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_sc : ∀ i j, s' .sc i j = s .sc i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_scHandle : ∀ i j, s' .scHandle i j = s .scHandle i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_chainHandle : ∀ i j, s' .chainHandle i j = s .chainHandle i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_chainPc : ∀ i j, s' .chainPc i j = s .chainPc i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_pendingRemove : ∀ i j, s' .pendingRemove i j = s .pendingRemove i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_batchRemove : ∀ i j, s' .batchRemove i j = s .batchRemove i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_storage : ∀ i j, s' .storage i j = s .storage i j := by
    intro i j; rw [← hs']; simp [hn]
  clear hs'
  obtain ⟨kw, hkw, ekw, pkw⟩ := Q7 n hnb hg2
  simp only [InvSRQ, f_cons, f_owner, f_registry, f_sc, f_scHandle, f_chainHandle, f_chainPc, f_pendingRemove, f_batchRemove, f_storage]
  refine ⟨Q1, Q2, ?_, ?_, Q4, ?_, ?_, ?_⟩
  · intro h hh hr
    by_cases e : h = n
    · subst e; rw [rnn] at hr; simp at hr
    · rw [rn' h hh e] at hr; exact Q7 h hh hr
  · intro k hk hpc h hh e
    exact sdown h hh (Q5 k hk hpc h hh e)
  · intro h hh hp
    exact ⟨sdown h hh (Q3 h hh hp).1, (Q3 h hh hp).2⟩
  · intro c hc hl h hh e hs
    rcases sup h hh hs with hs | hs
    · exact Q6 c hc hl h hh e hs
    · subst hs; exact ⟨kw, hkw, ekw, Or.inl pkw⟩
  · intro h hh hs hp
    rcases sup h hh hp with hp | hp
    · exact Q9 h hh hs hp
    · subst hp; exact ⟨kw, hkw, ekw, Or.inl pkw⟩

/-- An external collector crash: every live consumer is shut down, every queue and request is
lost; chains, ShapeStatus and storage survive. -/
public theorem presQ_SlcFail (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .SlcFail) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  generalize hs' : exec b s env _ s = s'
  have dead : ∀ c : Nat, c < b.C → ¬ (s' .cons c 0 = vStarting ∨ s' .cons c 0 = vRunning) := by
    intro c hc; rw [← hs']
    by_cases h1 : s .cons c 0 = .e .cons 1 <;> by_cases h2 : s .cons c 0 = .e .cons 2 <;>
      simp [hc, h1, h2]
  have scI : s' .sc 0 0 = vScIdle := by rw [← hs']; simp
  have rn' : ∀ h : Nat, h < b.H → s' .removeNow h 0 = .b false := by
    intro h hh; rw [← hs']; simp [hh]
  have pb' : ∀ h : Nat, h < b.H → s' .pendingRemove h 0 = .b false ∧ s' .batchRemove h 0 = .b false := by
    intro h hh; rw [← hs']; simp [hh]
  have f_owner : ∀ i j, s' .owner i j = s .owner i j := by
    intro i j; rw [← hs']; simp
  have f_chainHandle : ∀ i j, s' .chainHandle i j = s .chainHandle i j := by
    intro i j; rw [← hs']; simp
  have f_chainPc : ∀ i j, s' .chainPc i j = s .chainPc i j := by
    intro i j; rw [← hs']; simp
  have f_status : ∀ i j, s' .status i j = s .status i j := by
    intro i j; rw [← hs']; simp
  have f_storage : ∀ i j, s' .storage i j = s .storage i j := by
    intro i j; rw [← hs']; simp
  clear hs'
  simp only [InvSRQ, f_owner, f_chainHandle, f_chainPc, f_status, f_storage]
  refine ⟨fun c hc hl => absurd hl (dead c hc), fun hne => absurd scI hne, ?_, Q5,
    fun k _ _ c hc hl => absurd hl (dead c hc), ?_, fun c hc hl => absurd hl (dead c hc), Q9⟩
  · intro h hh hr; rw [rn' h hh] at hr; simp at hr
  · intro h hh hp
    rw [(pb' h hh).1, (pb' h hh).2] at hp; simp at hp

/-- The restart drops tombstones (they become absent, never present) and rebuilds the router. -/
public theorem presQ_SlcRestart (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .SlcRestart) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  generalize hs' : exec b s env _ s = s'
  have stp : ∀ h : Nat, h < b.H → (s' .status h 0 = vPresent ↔ s .status h 0 = vPresent) := by
    intro h hh; rw [← hs']
    by_cases c2 : s .status h 0 = .e .status 2 <;> simp [hh, c2]
  have f_cons : ∀ i j, s' .cons i j = s .cons i j := by
    intro i j; rw [← hs']; simp
  have f_owner : ∀ i j, s' .owner i j = s .owner i j := by
    intro i j; rw [← hs']; simp
  have f_registry : ∀ i j, s' .registry i j = s .registry i j := by
    intro i j; rw [← hs']; simp
  have f_sc : ∀ i j, s' .sc i j = s .sc i j := by
    intro i j; rw [← hs']; simp
  have f_scHandle : ∀ i j, s' .scHandle i j = s .scHandle i j := by
    intro i j; rw [← hs']; simp
  have f_removeNow : ∀ i j, s' .removeNow i j = s .removeNow i j := by
    intro i j; rw [← hs']; simp
  have f_chainHandle : ∀ i j, s' .chainHandle i j = s .chainHandle i j := by
    intro i j; rw [← hs']; simp
  have f_chainPc : ∀ i j, s' .chainPc i j = s .chainPc i j := by
    intro i j; rw [← hs']; simp
  have f_pendingRemove : ∀ i j, s' .pendingRemove i j = s .pendingRemove i j := by
    intro i j; rw [← hs']; simp
  have f_batchRemove : ∀ i j, s' .batchRemove i j = s .batchRemove i j := by
    intro i j; rw [← hs']; simp
  have f_storage : ∀ i j, s' .storage i j = s .storage i j := by
    intro i j; rw [← hs']; simp
  clear hs'
  simp only [InvSRQ, f_cons, f_owner, f_registry, f_sc, f_scHandle, f_removeNow, f_chainHandle, f_chainPc, f_pendingRemove, f_batchRemove, f_storage]
  refine ⟨Q1, Q2, Q7, ?_, Q4, ?_, ?_, ?_⟩
  · intro k hk hpc h hh e
    rw [Ne, stp h hh]
    exact Q5 k hk hpc h hh e
  · intro h hh hp
    rw [Ne, stp h hh]
    exact Q3 h hh hp
  · intro c hc hl h hh e hs
    rw [Ne, stp h hh] at hs
    exact Q6 c hc hl h hh e hs
  · intro h hh hs hp
    rw [Ne, stp h hh] at hp
    exact Q9 h hh hs hp

/-- Asking ShapeCache about an unregistered handle. -/
public theorem presQ_SlcResolveAsk (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .SlcResolveAsk) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .h = n := ⟨(env .h).toNat, by omega⟩
  have hnb : n < b.H := by omega
  simp only [hn] at hg ⊢
  simp [hnb] at hg
  obtain ⟨-, -, hg3⟩ := hg
  generalize hs' : exec b s env _ s = s'
  have sch : (s' .scHandle 0 0).asInt = n := by rw [← hs']; simp [hn]
  have f_cons : ∀ i j, s' .cons i j = s .cons i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_owner : ∀ i j, s' .owner i j = s .owner i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_registry : ∀ i j, s' .registry i j = s .registry i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_removeNow : ∀ i j, s' .removeNow i j = s .removeNow i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_chainHandle : ∀ i j, s' .chainHandle i j = s .chainHandle i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_chainPc : ∀ i j, s' .chainPc i j = s .chainPc i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_status : ∀ i j, s' .status i j = s .status i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_pendingRemove : ∀ i j, s' .pendingRemove i j = s .pendingRemove i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_batchRemove : ∀ i j, s' .batchRemove i j = s .batchRemove i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_storage : ∀ i j, s' .storage i j = s .storage i j := by
    intro i j; rw [← hs']; simp [hn]
  clear hs'
  simp only [InvSRQ, f_cons, f_owner, f_registry, f_removeNow, f_chainHandle, f_chainPc, f_status, f_pendingRemove, f_batchRemove, f_storage]
  refine ⟨Q1, ?_, Q7, Q5, Q4, Q3, Q6, Q9⟩
  intro _ h e
  rw [sch] at e
  have : h = n := by omega
  subst this
  exact (hg3.resolve_left (by omega)).resolve_left (by omega)

/-- ShapeCache's check changes only the request's phase. -/
public theorem presQ_CacheCheckOk (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .CacheCheckOk) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  obtain ⟨hg1, -⟩ := hg
  generalize hs' : exec b s env _ s = s'
  have f_cons : ∀ i j, s' .cons i j = s .cons i j := by
    intro i j; rw [← hs']; simp
  have f_owner : ∀ i j, s' .owner i j = s .owner i j := by
    intro i j; rw [← hs']; simp
  have f_registry : ∀ i j, s' .registry i j = s .registry i j := by
    intro i j; rw [← hs']; simp
  have f_scHandle : ∀ i j, s' .scHandle i j = s .scHandle i j := by
    intro i j; rw [← hs']; simp
  have f_removeNow : ∀ i j, s' .removeNow i j = s .removeNow i j := by
    intro i j; rw [← hs']; simp
  have f_chainHandle : ∀ i j, s' .chainHandle i j = s .chainHandle i j := by
    intro i j; rw [← hs']; simp
  have f_chainPc : ∀ i j, s' .chainPc i j = s .chainPc i j := by
    intro i j; rw [← hs']; simp
  have f_status : ∀ i j, s' .status i j = s .status i j := by
    intro i j; rw [← hs']; simp
  have f_pendingRemove : ∀ i j, s' .pendingRemove i j = s .pendingRemove i j := by
    intro i j; rw [← hs']; simp
  have f_batchRemove : ∀ i j, s' .batchRemove i j = s .batchRemove i j := by
    intro i j; rw [← hs']; simp
  have f_storage : ∀ i j, s' .storage i j = s .storage i j := by
    intro i j; rw [← hs']; simp
  clear hs'
  simp only [InvSRQ, f_cons, f_owner, f_registry, f_scHandle, f_removeNow, f_chainHandle, f_chainPc, f_status, f_pendingRemove, f_batchRemove, f_storage]
  refine ⟨Q1, fun _ => Q2 (by rw [hg1]; decide), Q7, Q5, Q4, Q3, Q6, Q9⟩

/-- ShapeCache cannot answer `:no_shape` for the routed handle it was asked about. -/
public theorem presQ_CacheCheckNoShape (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .CacheCheckNoShape) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  simp only [vSendNil, vAbsent, vScIdle, vPublishing, vPending, vNil, vConsumer, vPresent]
    at C1 C2 C3 C4 C5 C6 C7
  exfalso
  obtain ⟨hsc, hst⟩ := hg
  obtain ⟨-, h0, hh0, he, hr⟩ := C3 (by rw [hsc]; decide)
  have hp0 := C2 h0 hh0 hr
  rw [he] at hst
  rcases hst with hst | hst | hst
  all_goals first | omega | simp_all

/-- A `send(nil)` crash is not enabled: no publish resolves to `nil`. -/
public theorem presQ_SlcCrash (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .SlcCrash) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  simp only [vSendNil, vAbsent, vScIdle, vPublishing, vPending, vNil, vConsumer, vPresent]
    at C1 C2 C3 C4 C5 C6 C7
  exfalso
  obtain ⟨-, -, -, x, hx, hn⟩ := hg
  simp [hx] at hn
  exact C6 x hx hn

end ElectricRace
