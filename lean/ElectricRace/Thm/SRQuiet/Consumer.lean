module

public import ElectricRace.Thm.SRQuiet.Basic

/-!
# SerializedRemoval at quiescence: consumers' steps and ShapeCache's start keep `InvSRQ`

A consumer starts only for a routed, hence present, unregistered shape and becomes its registered
consumer; a consumer's own steps only make it dead (or running), drop only its own registry entry,
or start a fresh chain from an idle slot; the data a consumer stores belongs to a present shape or
to one whose chain is on its way.
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

/-- A kill only makes a live consumer dead. -/
public theorem presQ_ConsumerKill (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .ConsumerKill) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .c = n := ⟨(env .c).toNat, by omega⟩
  have hnb : n < b.C := by omega
  simp only [hn] at hg ⊢
  generalize hs' : exec b s env _ s = s'
  have consn : s' .cons n 0 = vDeadKilled := by rw [← hs']; simp [hn, hnb]
  have cons' : ∀ c : Nat, c ≠ n → s' .cons c 0 = s .cons c 0 := by
    intro c e; rw [← hs']; simp [hn, e]
  have lb : ∀ c : Nat, (s' .cons c 0 = vStarting ∨ s' .cons c 0 = vRunning) →
      (s .cons c 0 = vStarting ∨ s .cons c 0 = vRunning) := by
    intro c hl; by_cases e : c = n
    · subst e; rw [consn] at hl; simp [vDeadKilled, vStarting, vRunning] at hl
    · rwa [cons' c e] at hl
  have f_owner : ∀ i j, s' .owner i j = s .owner i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_registry : ∀ i j, s' .registry i j = s .registry i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_sc : ∀ i j, s' .sc i j = s .sc i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_scHandle : ∀ i j, s' .scHandle i j = s .scHandle i j := by
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
  simp only [InvSRQ, f_owner, f_registry, f_sc, f_scHandle, f_removeNow, f_chainHandle, f_chainPc, f_status, f_pendingRemove, f_batchRemove, f_storage]
  refine ⟨fun c hc hl => Q1 c hc (lb c hl), Q2, Q7, Q5,
    fun k hk hpc c hc hl => Q4 k hk hpc c hc (lb c hl),
    fun h hh hp => ⟨(Q3 h hh hp).1, fun c hc hl => (Q3 h hh hp).2 c hc (lb c hl)⟩,
    fun c hc hl => Q6 c hc (lb c hl), Q9⟩

/-- A suspend makes a running consumer dead and drops only its own registry entry. -/
public theorem presQ_ConsumerSuspend (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .ConsumerSuspend) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .c = n := ⟨(env .c).toNat, by omega⟩
  have hnb : n < b.C := by omega
  simp only [hn] at hg ⊢
  simp [hnb] at hg
  obtain ⟨h1, hh1, eo1, er1⟩ := Q1 n hnb (Or.inr hg)
  generalize hs' : exec b s env _ s = s'
  have consn : s' .cons n 0 = vDeadSuspend := by rw [← hs']; simp [hn, hnb]
  have cons' : ∀ c : Nat, c ≠ n → s' .cons c 0 = s .cons c 0 := by
    intro c e; rw [← hs']; simp [hn, e]
  have reg' : ∀ h : Nat, h ≠ h1 → s' .registry h 0 = s .registry h 0 := by
    intro h e; rw [← hs']; simp [hn, hnb, eo1, e] <;> (try (repeat' split)) <;> (try simp) <;> (try simp_all)
  have regh1 : s' .registry h1 0 = s .registry h1 0 ∨ s' .registry h1 0 = .i (-1) := by
    rw [← hs']; simp [hn, hnb, eo1, hh1]
    by_cases hA : s .registry h1 0 = .i n <;> simp [hA]
  have lb : ∀ c : Nat, (s' .cons c 0 = vStarting ∨ s' .cons c 0 = vRunning) →
      c ≠ n ∧ (s .cons c 0 = vStarting ∨ s .cons c 0 = vRunning) := by
    intro c hl; by_cases e : c = n
    · subst e; rw [consn] at hl; simp [vDeadSuspend, vStarting, vRunning] at hl
    · rw [cons' c e] at hl; exact ⟨e, hl⟩
  have f_owner : ∀ i j, s' .owner i j = s .owner i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_sc : ∀ i j, s' .sc i j = s .sc i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_scHandle : ∀ i j, s' .scHandle i j = s .scHandle i j := by
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
  simp only [InvSRQ, f_owner, f_sc, f_scHandle, f_removeNow, f_chainHandle, f_chainPc, f_status, f_pendingRemove, f_batchRemove, f_storage]
  refine ⟨?_, ?_, Q7, Q5,
    fun k hk hpc c hc hl => Q4 k hk hpc c hc (lb c hl).2,
    fun h hh hp => ⟨(Q3 h hh hp).1, fun c hc hl => (Q3 h hh hp).2 c hc (lb c hl).2⟩,
    fun c hc hl => Q6 c hc (lb c hl).2, Q9⟩
  · intro c hc hl
    obtain ⟨cn, hl0⟩ := lb c hl
    obtain ⟨h, hh, eo, er⟩ := Q1 c hc hl0
    refine ⟨h, hh, eo, ?_⟩
    by_cases e : h = h1
    · subst e; rw [er1] at er; exact absurd (by omega : c = n) cn
    · rw [reg' h e]; exact er
  · intro hne h e
    have := Q2 hne h e
    by_cases e1 : h = h1
    · subst e1; rcases regh1 with r | r
      · rw [r]; exact this
      · exact r
    · rw [reg' h e1]; exact this

/-- A consumer's start: starting to running; it stores its shape's data, which is present or has
a chain on the way (the one that will stop the consumer). -/
public theorem presQ_ConsumerInit (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .ConsumerInit) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .c = n := ⟨(env .c).toNat, by omega⟩
  have hnb : n < b.C := by omega
  simp only [hn] at hg ⊢
  simp [hnb] at hg
  generalize hs' : exec b s env _ s = s'
  have consn : s' .cons n 0 = vRunning := by rw [← hs']; simp [hn, hnb]
  have cons' : ∀ c : Nat, c ≠ n → s' .cons c 0 = s .cons c 0 := by
    intro c e; rw [← hs']; simp [hn, e]
  have sto' : ∀ h : Nat, h < b.H → s' .storage h 0 = vSPresent →
      s .storage h 0 = vSPresent ∨ (s .owner n 0).asInt = h := by
    intro h hh
    by_cases e : (s .owner n 0).asInt = h
    · intro _; exact Or.inr e
    · rw [← hs']; simp [hn, hnb, e, Ne.symm e] <;> (try (repeat' split)) <;> (try simp) <;> (try simp_all)
  have lv : ∀ c : Nat, (s' .cons c 0 = vStarting ∨ s' .cons c 0 = vRunning) ↔
      (s .cons c 0 = vStarting ∨ s .cons c 0 = vRunning) := by
    intro c; by_cases e : c = n
    · subst e; rw [consn]; exact ⟨fun _ => Or.inl hg, fun _ => Or.inr rfl⟩
    · rw [cons' c e]
  have f_owner : ∀ i j, s' .owner i j = s .owner i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_registry : ∀ i j, s' .registry i j = s .registry i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_sc : ∀ i j, s' .sc i j = s .sc i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_scHandle : ∀ i j, s' .scHandle i j = s .scHandle i j := by
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
  clear hs'
  simp only [InvSRQ, f_owner, f_registry, f_sc, f_scHandle, f_removeNow, f_chainHandle, f_chainPc, f_status, f_pendingRemove, f_batchRemove]
  refine ⟨fun c hc hl => Q1 c hc ((lv c).1 hl), Q2, Q7, Q5,
    fun k hk hpc c hc hl => Q4 k hk hpc c hc ((lv c).1 hl),
    fun h hh hp => ⟨(Q3 h hh hp).1, fun c hc hl => (Q3 h hh hp).2 c hc ((lv c).1 hl)⟩,
    fun c hc hl => Q6 c hc ((lv c).1 hl), ?_⟩
  intro h hh hs hp
  rcases sto' h hh hs with hs | e
  · exact Q9 h hh hs hp
  · obtain ⟨k, hk, e1, e2⟩ := Q6 n hnb (Or.inl hg) h hh e hp
    exact ⟨k, hk, e1, by rcases e2 with e2 | e2 <;> simp [e2]⟩

/-- ShapeCache starts a consumer for the routed, hence present, unregistered handle it checked. -/
public theorem presQ_CacheStart (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .CacheStart) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  obtain ⟨hsc, m, hm, em⟩ := hg
  obtain ⟨-, h0, hh0, he0, hr0⟩ := C3 (by rw [hsc]; decide)
  have hp0 := C2 h0 hh0 hr0
  have hreg0 := Q2 (by rw [hsc]; decide) h0 he0
  generalize hs' : exec b s env _ s = s'
  have consm : s' .cons m 0 = vStarting := by rw [← hs']; simp [← em, hm]
  have cons' : ∀ c : Nat, c ≠ m → s' .cons c 0 = s .cons c 0 := by
    intro c e; rw [← hs']; simp [← em, e]
  have ownm : (s' .owner m 0).asInt = h0 := by rw [← hs']; simp [← em, hm, he0]
  have own' : ∀ c : Nat, c ≠ m → s' .owner c 0 = s .owner c 0 := by
    intro c e; rw [← hs']; simp [← em, e]
  have regh0 : (s' .registry h0 0).asInt = m := by rw [← hs']; simp [← em, hh0, he0]
  have reg' : ∀ h : Nat, h ≠ h0 → s' .registry h 0 = s .registry h 0 := by
    intro h e; rw [← hs']; simp [← em, he0, e]
  have scI : s' .sc 0 0 = vScIdle := by rw [← hs']; simp
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
  simp only [InvSRQ, f_removeNow, f_chainHandle, f_chainPc, f_status, f_pendingRemove, f_batchRemove, f_storage]
  refine ⟨?_, fun hne => absurd scI hne, Q7, Q5, ?_, ?_, ?_, Q9⟩
  · intro c hc hl
    by_cases e : c = m
    · subst e; exact ⟨h0, hh0, ownm, regh0⟩
    · rw [cons' c e] at hl
      obtain ⟨h, hh, eo, er⟩ := Q1 c hc hl
      refine ⟨h, hh, by rw [own' c e]; exact eo, ?_⟩
      by_cases e2 : h = h0
      · subst e2; rw [hreg0] at er; simp at er <;> omega
      · rw [reg' h e2]; exact er
  · intro k hk hpc c hc hl
    by_cases e : c = m
    · subst e; rw [ownm]; intro ek
      exact Q5 k hk (Or.inr hpc) h0 hh0 ek.symm hp0
    · rw [cons' c e] at hl; rw [own' c e]; exact Q4 k hk hpc c hc hl
  · intro h hh hp
    refine ⟨(Q3 h hh hp).1, fun c hc hl => ?_⟩
    by_cases e : c = m
    · subst e; rw [ownm]; intro ek
      have : h0 = h := by omega
      subst this; exact (Q3 h0 hh hp).1 hp0
    · rw [cons' c e] at hl; rw [own' c e]; exact (Q3 h hh hp).2 c hc hl
  · intro c hc hl h hh eo hs
    by_cases e : c = m
    · subst e; rw [ownm] at eo
      have : h0 = h := by omega
      subst this; exact absurd hp0 hs
    · rw [cons' c e] at hl; rw [own' c e] at eo; exact Q6 c hc hl h hh eo hs

/-- A consumer's crash or self-clean: it dies and a fresh chain (idle before) starts for its shape. -/
public theorem presQ_ConsumerCrash (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .ConsumerCrash) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .c = n := ⟨(env .c).toNat, by omega⟩
  have hnb : n < b.C := by omega
  obtain ⟨q, hq⟩ : ∃ q : Nat, env .k = q := ⟨(env .k).toNat, by omega⟩
  have hqb : q < b.K := by omega
  simp only [hn, hq] at hg ⊢
  simp [hnb, hqb] at hg
  obtain ⟨-, hg2⟩ := hg
  replace hg2 : s .chainPc q 0 = vIdle := by
    rcases hg2 with h | h | h <;> first | omega | exact h
  generalize hs' : exec b s env _ s = s'
  have consn : s' .cons n 0 = vDeadCrash := by rw [← hs']; simp [hn, hnb, hq]
  have cons' : ∀ c : Nat, c ≠ n → s' .cons c 0 = s .cons c 0 := by
    intro c e; rw [← hs']; simp [hn, e, hq]
  have pc' : ∀ k : Nat, s' .chainPc k 0 = if k = q then vRouterRemove else s .chainPc k 0 := by
    intro k; rw [← hs']; by_cases e : k = q <;> simp [e, hqb, hq, hn]
  have ch' : ∀ k : Nat, k ≠ q → s' .chainHandle k 0 = s .chainHandle k 0 := by
    intro k e; rw [← hs']; simp [e, hq, hn]
  have hne : ∀ k : Nat, s .chainPc k 0 ≠ vIdle → k ≠ q := by
    rintro k h rfl; exact h hg2
  have lb : ∀ c : Nat, (s' .cons c 0 = vStarting ∨ s' .cons c 0 = vRunning) →
      (s .cons c 0 = vStarting ∨ s .cons c 0 = vRunning) := by
    intro c hl; by_cases e : c = n
    · subst e; rw [consn] at hl; simp [vDeadCrash, vStarting, vRunning] at hl
    · rwa [cons' c e] at hl
  have f_owner : ∀ i j, s' .owner i j = s .owner i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  have f_registry : ∀ i j, s' .registry i j = s .registry i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  have f_sc : ∀ i j, s' .sc i j = s .sc i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  have f_scHandle : ∀ i j, s' .scHandle i j = s .scHandle i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  have f_removeNow : ∀ i j, s' .removeNow i j = s .removeNow i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  have f_status : ∀ i j, s' .status i j = s .status i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  have f_pendingRemove : ∀ i j, s' .pendingRemove i j = s .pendingRemove i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  have f_batchRemove : ∀ i j, s' .batchRemove i j = s .batchRemove i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  have f_storage : ∀ i j, s' .storage i j = s .storage i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  clear hs'
  simp only [InvSRQ, f_owner, f_registry, f_sc, f_scHandle, f_removeNow, f_status, f_pendingRemove, f_batchRemove, f_storage]
  refine ⟨fun c hc hl => Q1 c hc (lb c hl), Q2, ?_, ?_, ?_,
    fun h hh hp => ⟨(Q3 h hh hp).1, fun c hc hl => (Q3 h hh hp).2 c hc (lb c hl)⟩, ?_, ?_⟩
  · intro h hh hr
    obtain ⟨k, hk, e1, e2⟩ := Q7 h hh hr
    have := hne k (by rw [e2]; decide)
    exact ⟨k, hk, by rw [ch' k this]; exact e1, by rw [pc' k, if_neg this]; exact e2⟩
  · intro k hk hpc h hh e
    rw [pc' k] at hpc
    by_cases kn : k = q
    · simp [kn] at hpc
    · simp only [kn, if_false] at hpc
      rw [ch' k kn] at e
      exact Q5 k hk hpc h hh e
  · intro k hk hpc c hc hl
    rw [pc' k] at hpc
    by_cases kn : k = q
    · simp [kn] at hpc
    · simp only [kn, if_false] at hpc
      rw [ch' k kn]
      exact Q4 k hk hpc c hc (lb c hl)
  · intro c hc hl h hh e hs
    obtain ⟨k, hk, e1, e2⟩ := Q6 c hc (lb c hl) h hh e hs
    have := hne k (by rcases e2 with e2 | e2 <;> rw [e2] <;> decide)
    exact ⟨k, hk, by rw [ch' k this]; exact e1, by rw [pc' k, if_neg this]; exact e2⟩
  · intro h hh hs hp
    obtain ⟨k, hk, e1, e2⟩ := Q9 h hh hs hp
    have := hne k (by rcases e2 with e2 | e2 | e2 <;> rw [e2] <;> decide)
    exact ⟨k, hk, by rw [ch' k this]; exact e1, by rw [pc' k, if_neg this]; exact e2⟩

/-- A consumer's crash or self-clean: it dies and a fresh chain (idle before) starts for its shape. -/
public theorem presQ_ConsumerSelfClean (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .ConsumerSelfClean) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .c = n := ⟨(env .c).toNat, by omega⟩
  have hnb : n < b.C := by omega
  obtain ⟨q, hq⟩ : ∃ q : Nat, env .k = q := ⟨(env .k).toNat, by omega⟩
  have hqb : q < b.K := by omega
  simp only [hn, hq] at hg ⊢
  simp [hnb, hqb] at hg
  obtain ⟨-, hg2⟩ := hg
  replace hg2 : s .chainPc q 0 = vIdle := by
    rcases hg2 with h | h | h <;> first | omega | exact h
  generalize hs' : exec b s env _ s = s'
  have consn : s' .cons n 0 = vDeadCleanup := by rw [← hs']; simp [hn, hnb, hq]
  have cons' : ∀ c : Nat, c ≠ n → s' .cons c 0 = s .cons c 0 := by
    intro c e; rw [← hs']; simp [hn, e, hq]
  have pc' : ∀ k : Nat, s' .chainPc k 0 = if k = q then vRouterRemove else s .chainPc k 0 := by
    intro k; rw [← hs']; by_cases e : k = q <;> simp [e, hqb, hq, hn]
  have ch' : ∀ k : Nat, k ≠ q → s' .chainHandle k 0 = s .chainHandle k 0 := by
    intro k e; rw [← hs']; simp [e, hq, hn]
  have hne : ∀ k : Nat, s .chainPc k 0 ≠ vIdle → k ≠ q := by
    rintro k h rfl; exact h hg2
  have lb : ∀ c : Nat, (s' .cons c 0 = vStarting ∨ s' .cons c 0 = vRunning) →
      (s .cons c 0 = vStarting ∨ s .cons c 0 = vRunning) := by
    intro c hl; by_cases e : c = n
    · subst e; rw [consn] at hl; simp [vDeadCleanup, vStarting, vRunning] at hl
    · rwa [cons' c e] at hl
  have f_owner : ∀ i j, s' .owner i j = s .owner i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  have f_registry : ∀ i j, s' .registry i j = s .registry i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  have f_sc : ∀ i j, s' .sc i j = s .sc i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  have f_scHandle : ∀ i j, s' .scHandle i j = s .scHandle i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  have f_removeNow : ∀ i j, s' .removeNow i j = s .removeNow i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  have f_status : ∀ i j, s' .status i j = s .status i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  have f_pendingRemove : ∀ i j, s' .pendingRemove i j = s .pendingRemove i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  have f_batchRemove : ∀ i j, s' .batchRemove i j = s .batchRemove i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  have f_storage : ∀ i j, s' .storage i j = s .storage i j := by
    intro i j; rw [← hs']; simp [hn, hq]
  clear hs'
  simp only [InvSRQ, f_owner, f_registry, f_sc, f_scHandle, f_removeNow, f_status, f_pendingRemove, f_batchRemove, f_storage]
  refine ⟨fun c hc hl => Q1 c hc (lb c hl), Q2, ?_, ?_, ?_,
    fun h hh hp => ⟨(Q3 h hh hp).1, fun c hc hl => (Q3 h hh hp).2 c hc (lb c hl)⟩, ?_, ?_⟩
  · intro h hh hr
    obtain ⟨k, hk, e1, e2⟩ := Q7 h hh hr
    have := hne k (by rw [e2]; decide)
    exact ⟨k, hk, by rw [ch' k this]; exact e1, by rw [pc' k, if_neg this]; exact e2⟩
  · intro k hk hpc h hh e
    rw [pc' k] at hpc
    by_cases kn : k = q
    · simp [kn] at hpc
    · simp only [kn, if_false] at hpc
      rw [ch' k kn] at e
      exact Q5 k hk hpc h hh e
  · intro k hk hpc c hc hl
    rw [pc' k] at hpc
    by_cases kn : k = q
    · simp [kn] at hpc
    · simp only [kn, if_false] at hpc
      rw [ch' k kn]
      exact Q4 k hk hpc c hc (lb c hl)
  · intro c hc hl h hh e hs
    obtain ⟨k, hk, e1, e2⟩ := Q6 c hc (lb c hl) h hh e hs
    have := hne k (by rcases e2 with e2 | e2 <;> rw [e2] <;> decide)
    exact ⟨k, hk, by rw [ch' k this]; exact e1, by rw [pc' k, if_neg this]; exact e2⟩
  · intro h hh hs hp
    obtain ⟨k, hk, e1, e2⟩ := Q9 h hh hs hp
    have := hne k (by rcases e2 with e2 | e2 | e2 <;> rw [e2] <;> decide)
    exact ⟨k, hk, by rw [ch' k this]; exact e1, by rw [pc' k, if_neg this]; exact e2⟩

end ElectricRace
