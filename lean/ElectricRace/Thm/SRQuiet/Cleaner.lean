module

public import ElectricRace.Thm.SRQuiet.Basic

/-!
# SerializedRemoval at quiescence: the cleaner chain's steps keep `InvSRQ`

A chain's stop kills the shape's registered consumer, which is its only live one; a chain moves
past its acknowledgement only for a shape that is no longer present; storage is cleaned by the
chain that owns the shape; a queued removal belongs to such a chain's shape.
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


/-- A fresh chain: the new chain is idle before, so it is nobody's witness. -/
public theorem presQ_RemoveShape (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .RemoveShape) := by
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
  simp only [vStarting, vRunning, vScIdle, vRouterWait, vStop, vStorage, vSlcRemove, vPresent,
    vSPresent] at Q1 Q2 Q7 Q5 Q4 Q3 Q6 Q9
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .k = n := ⟨(env .k).toNat, by omega⟩
  have hnb : n < b.K := by omega
  simp only [hn] at hg ⊢
  try simp only [show ¬ ((n : Int) < 0) by omega, false_or] at hg
  try simp only [show ¬ ((b.K : Int) ≤ n) by omega, false_or] at hg
  try simp only [show ¬ (b.K ≤ n) by omega, false_or] at hg
  generalize hs' : exec b s env _ s = s'
  have pc' : ∀ k : Nat, s' .chainPc k 0 = if k = n then vRouterRemove else s .chainPc k 0 := by
    intro k; rw [← hs']; by_cases e : k = n <;> simp [e, hnb, hn]
  have ch' : ∀ k : Nat, k ≠ n → s' .chainHandle k 0 = s .chainHandle k 0 := by
    intro k e; rw [← hs']; simp [e, hn]
  have fr : ∀ v, v ≠ .chainPc → v ≠ .chainHandle → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 i j; rw [← hs']; simp [h1, h2, hn]
  have hne : ∀ k : Nat, s .chainPc k 0 ≠ vIdle → k ≠ n := by
    rintro k h rfl; simp_all
  clear hs'
  simp only [InvSRQ, fr .cons (by decide) (by decide), fr .owner (by decide) (by decide),
    fr .registry (by decide) (by decide), fr .sc (by decide) (by decide),
    fr .scHandle (by decide) (by decide), fr .removeNow (by decide) (by decide),
    fr .status (by decide) (by decide), fr .pendingRemove (by decide) (by decide),
    fr .batchRemove (by decide) (by decide), fr .storage (by decide) (by decide)]
  refine ⟨Q1, Q2, ?_, ?_, ?_, Q3, ?_, ?_⟩
  · intro h hh hr
    obtain ⟨k, hk, e1, e2⟩ := Q7 h hh hr
    have := hne k (by rw [e2]; decide)
    exact ⟨k, hk, by rw [ch' k this]; exact e1, by rw [pc' k]; simp [this, e2]⟩
  · intro k hk hpc h hh e
    rw [pc' k] at hpc
    by_cases kn : k = n
    · simp [kn] at hpc
    · simp only [kn, if_false] at hpc
      rw [ch' k kn] at e
      exact Q5 k hk hpc h hh e
  · intro k hk hpc c hc hl
    rw [pc' k] at hpc
    by_cases kn : k = n
    · simp [kn] at hpc
    · simp only [kn, if_false] at hpc
      rw [ch' k kn]
      exact Q4 k hk hpc c hc hl
  · intro c hc hl h hh e hs
    obtain ⟨k, hk, e1, e2⟩ := Q6 c hc hl h hh e hs
    have := hne k (by rcases e2 with e2 | e2 <;> rw [e2] <;> decide)
    exact ⟨k, hk, by rw [ch' k this]; exact e1, by rw [pc' k]; simp [this, e2]⟩
  · intro h hh hs hp
    obtain ⟨k, hk, e1, e2⟩ := Q9 h hh hs hp
    have := hne k (by rcases e2 with e2 | e2 | e2 <;> rw [e2] <;> decide)
    exact ⟨k, hk, by rw [ch' k this]; exact e1, by rw [pc' k]; simp [this, e2]⟩

/-- The request: the chain now waits for the collector's removal message. -/
public theorem presQ_CleanerRouterRemove (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .CleanerRouterRemove) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .k = n := ⟨(env .k).toNat, by omega⟩
  have hnb : n < b.K := by omega
  simp only [hn] at hg ⊢
  try simp only [show ¬ ((n : Int) < 0) by omega, false_or] at hg
  try simp only [show ¬ ((b.K : Int) ≤ n) by omega, false_or] at hg
  try simp only [show ¬ (b.K ≤ n) by omega, false_or] at hg
  try simp only [show (0:Int) ≤ n by omega, show (n:Int) < b.K by omega, and_self, if_true] at hg
  generalize hs' : exec b s env _ s = s'
  have pc' : ∀ k : Nat, s' .chainPc k 0 = if k = n then vRouterWait else s .chainPc k 0 := by
    intro k; rw [← hs']; by_cases e : k = n <;> simp [e, hnb, hn]
  have rn' : ∀ h : Nat, h < b.H → s' .removeNow h 0 =
      if (s .chainHandle n 0).asInt = h then .b true else s .removeNow h 0 := by
    intro h hh; rw [← hs']
    by_cases e : (s .chainHandle n 0).asInt = h
    · simp [hn, hnb, hh, e]
    · simp [hn, hnb, e, Ne.symm e]
  have fr : ∀ v, v ≠ .chainPc → v ≠ .removeNow → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 i j; rw [← hs']; simp [h1, h2, hn]
  have hne : ∀ k : Nat, s .chainPc k 0 ≠ vRouterRemove → k ≠ n := by
    rintro k h rfl; exact h hg
  clear hs'
  simp only [InvSRQ, fr .cons (by decide) (by decide), fr .owner (by decide) (by decide),
    fr .registry (by decide) (by decide), fr .sc (by decide) (by decide),
    fr .scHandle (by decide) (by decide), fr .chainHandle (by decide) (by decide),
    fr .status (by decide) (by decide), fr .pendingRemove (by decide) (by decide),
    fr .batchRemove (by decide) (by decide), fr .storage (by decide) (by decide)]
  refine ⟨Q1, Q2, ?_, ?_, ?_, Q3, ?_, ?_⟩
  · intro h hh hr
    rw [rn' h hh] at hr
    by_cases e : (s .chainHandle n 0).asInt = h
    · exact ⟨n, hnb, e, by rw [pc' n]; simp⟩
    · simp only [e, if_false] at hr
      obtain ⟨k, hk, e1, e2⟩ := Q7 h hh hr
      have := hne k (by rw [e2]; decide)
      exact ⟨k, hk, e1, by rw [pc' k, if_neg this]; exact e2⟩
  · intro k hk hpc h hh e
    rw [pc' k] at hpc
    by_cases kn : k = n
    · simp [kn] at hpc
    · simp only [kn, if_false] at hpc
      exact Q5 k hk hpc h hh e
  · intro k hk hpc c hc hl
    rw [pc' k] at hpc
    by_cases kn : k = n
    · simp [kn] at hpc
    · simp only [kn, if_false] at hpc
      exact Q4 k hk hpc c hc hl
  · intro c hc hl h hh e hs
    obtain ⟨k, hk, e1, e2⟩ := Q6 c hc hl h hh e hs
    have := hne k (by rcases e2 with e2 | e2 <;> rw [e2] <;> decide)
    exact ⟨k, hk, e1, by rw [pc' k, if_neg this]; exact e2⟩
  · intro h hh hs hp
    obtain ⟨k, hk, e1, e2⟩ := Q9 h hh hs hp
    have := hne k (by rcases e2 with e2 | e2 | e2 <;> rw [e2] <;> decide)
    exact ⟨k, hk, e1, by rw [pc' k, if_neg this]; exact e2⟩

/-- The acknowledgement: the chain moves to its stop only for a shape no longer present. -/
public theorem presQ_CleanerRouterAck (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .CleanerRouterAck) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .k = n := ⟨(env .k).toNat, by omega⟩
  have hnb : n < b.K := by omega
  simp only [hn] at hg ⊢
  simp [hnb] at hg
  obtain ⟨hg1, hg2⟩ := hg
  have hrn : ∀ h : Nat, h < b.H → (s .chainHandle n 0).asInt = h → s .removeNow h 0 ≠ .b true := by
    intro h hh e hr; simp [e, hh, hr] at hg2 <;> omega
  generalize hs' : exec b s env _ s = s'
  have pc' : ∀ k : Nat, k ≠ n → s' .chainPc k 0 = s .chainPc k 0 := by
    intro k e; rw [← hs']; simp [e, hnb, hn]
  have pcn : ∀ h : Nat, h < b.H → (s .chainHandle n 0).asInt = h →
      s' .chainPc n 0 = if s .status h 0 = vPresent then vRouterRemove else vStop := by
    intro h hh e; rw [← hs']
    by_cases hp : s .status h 0 = vPresent
    · simp [hn, hnb, hh, e, hp]
    · simp [hn, hnb, hh, e, hp]
  have fr : ∀ v, v ≠ .chainPc → ∀ i j, s' v i j = s v i j := by
    intro v h1 i j; rw [← hs']; simp [h1, hn]
  clear hs'
  simp only [InvSRQ, fr .cons (by decide), fr .owner (by decide),
    fr .registry (by decide), fr .sc (by decide),
    fr .scHandle (by decide), fr .chainHandle (by decide), fr .removeNow (by decide),
    fr .status (by decide), fr .pendingRemove (by decide),
    fr .batchRemove (by decide), fr .storage (by decide)]
  refine ⟨Q1, Q2, ?_, ?_, ?_, Q3, ?_, ?_⟩
  · intro h hh hr
    obtain ⟨k, hk, e1, e2⟩ := Q7 h hh hr
    by_cases kn : k = n
    · subst kn; exact absurd hr (hrn h hh e1)
    · exact ⟨k, hk, e1, by rw [pc' k kn]; exact e2⟩
  · intro k hk hpc h hh e
    by_cases kn : k = n
    · subst kn
      rw [pcn h hh e] at hpc
      by_cases hp : s .status h 0 = vPresent
      · simp [hp] at hpc
      · exact hp
    · rw [pc' k kn] at hpc
      exact Q5 k hk hpc h hh e
  · intro k hk hpc c hc hl
    by_cases kn : k = n
    · subst kn
      intro e
      obtain ⟨h', hh', eo, -⟩ := Q1 c hc hl
      rw [pcn h' hh' (by rw [← e, eo])] at hpc
      split at hpc <;> simp at hpc
    · rw [pc' k kn] at hpc
      exact Q4 k hk hpc c hc hl
  · intro c hc hl h hh e hs
    obtain ⟨k, hk, e1, e2⟩ := Q6 c hc hl h hh e hs
    by_cases kn : k = n
    · subst kn
      exact ⟨k, hk, e1, Or.inr (by rw [pcn h hh e1, if_neg hs])⟩
    · exact ⟨k, hk, e1, by rw [pc' k kn]; exact e2⟩
  · intro h hh hs hp
    obtain ⟨k, hk, e1, e2⟩ := Q9 h hh hs hp
    by_cases kn : k = n
    · subst kn
      exact ⟨k, hk, e1, Or.inr (Or.inl (by rw [pcn h hh e1, if_neg hp]))⟩
    · exact ⟨k, hk, e1, by rw [pc' k kn]; exact e2⟩

/-- The stop kills the shape's registered consumer, its only live one. -/
public theorem presQ_CleanerStop (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .CleanerStop) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .k = n := ⟨(env .k).toNat, by omega⟩
  have hnb : n < b.K := by omega
  simp only [hn] at hg ⊢
  try simp only [show ¬ ((n : Int) < 0) by omega, false_or] at hg
  try simp only [show ¬ ((b.K : Int) ≤ n) by omega, false_or] at hg
  try simp only [show ¬ (b.K ≤ n) by omega, false_or] at hg
  try simp only [show (0:Int) ≤ n by omega, show (n:Int) < b.K by omega, and_self, if_true] at hg
  generalize hs' : exec b s env _ s = s'
  have pc' : ∀ k : Nat, s' .chainPc k 0 = if k = n then vStorage else s .chainPc k 0 := by
    intro k; rw [← hs']; by_cases e : k = n <;> simp [e, hnb, hn]
  have cons' : ∀ c : Nat, s' .cons c 0 = s .cons c 0 ∨ s' .cons c 0 = vDeadCleanup := by
    intro c; rw [← hs']; simp [hn, hnb] <;> (try (repeat' split)) <;> (try simp) <;> (try simp_all)
  have kill : ∀ h c : Nat, h < b.H → c < b.C → (s .chainHandle n 0).asInt = h →
      (s .registry h 0).asInt = c → (s .cons c 0 = vStarting ∨ s .cons c 0 = vRunning) →
      s' .cons c 0 = vDeadCleanup := by
    intro h c hh hc e1 e2 hl; rw [← hs']
    rcases hl with hl | hl <;> simp [hn, hnb, hh, hc, e1, e2, hl]
  have fr : ∀ v, v ≠ .chainPc → v ≠ .cons → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 i j; rw [← hs']; simp [h1, h2, hn]
  have hne : ∀ k : Nat, s .chainPc k 0 ≠ vStop → k ≠ n := by
    rintro k h rfl; exact h hg
  have lb : ∀ c : Nat, (s' .cons c 0 = vStarting ∨ s' .cons c 0 = vRunning) →
      (s .cons c 0 = vStarting ∨ s .cons c 0 = vRunning) ∧ s' .cons c 0 = s .cons c 0 := by
    intro c hl
    rcases cons' c with e | e
    · rw [e] at hl; exact ⟨hl, e⟩
    · rw [e] at hl; simp [vDeadCleanup, vStarting, vRunning] at hl
  clear hs'
  simp only [InvSRQ, fr .owner (by decide) (by decide),
    fr .registry (by decide) (by decide), fr .sc (by decide) (by decide),
    fr .scHandle (by decide) (by decide), fr .chainHandle (by decide) (by decide),
    fr .removeNow (by decide) (by decide),
    fr .status (by decide) (by decide), fr .pendingRemove (by decide) (by decide),
    fr .batchRemove (by decide) (by decide), fr .storage (by decide) (by decide)]
  refine ⟨fun c hc hl => Q1 c hc (lb c hl).1, Q2, ?_, ?_, ?_,
    fun h hh hp => ⟨(Q3 h hh hp).1, fun c hc hl => (Q3 h hh hp).2 c hc (lb c hl).1⟩, ?_, ?_⟩
  · intro h hh hr
    obtain ⟨k, hk, e1, e2⟩ := Q7 h hh hr
    have := hne k (by rw [e2]; decide)
    exact ⟨k, hk, e1, by rw [pc' k, if_neg this]; exact e2⟩
  · intro k hk hpc h hh e
    rw [pc' k] at hpc
    by_cases kn : k = n
    · subst kn; exact Q5 k hk (Or.inl hg) h hh e
    · simp only [kn, if_false] at hpc
      exact Q5 k hk hpc h hh e
  · intro k hk hpc c hc hl
    obtain ⟨hl0, ec⟩ := lb c hl
    rw [pc' k] at hpc
    by_cases kn : k = n
    · subst kn
      intro e
      obtain ⟨h, hh, eo, er⟩ := Q1 c hc hl0
      have := kill h c hh hc (by rw [← e, eo]) er hl0
      rw [this] at ec; rw [← ec] at hl0; simp [vDeadCleanup, vStarting, vRunning] at hl0
    · simp only [kn, if_false] at hpc
      exact Q4 k hk hpc c hc hl0
  · intro c hc hl h hh e hs
    obtain ⟨hl0, ec⟩ := lb c hl
    obtain ⟨k, hk, e1, e2⟩ := Q6 c hc hl0 h hh e hs
    by_cases kn : k = n
    · subst kn
      exfalso
      obtain ⟨h', hh', eo, er⟩ := Q1 c hc hl0
      have hh'' : h' = h := by omega
      subst hh''
      have := kill h' c hh' hc e1 er hl0
      rw [this] at ec; rw [← ec] at hl0; simp [vDeadCleanup, vStarting, vRunning] at hl0
    · exact ⟨k, hk, e1, by rw [pc' k, if_neg kn]; exact e2⟩
  · intro h hh hs hp
    obtain ⟨k, hk, e1, e2⟩ := Q9 h hh hs hp
    by_cases kn : k = n
    · subst kn; exact ⟨k, hk, e1, by rw [pc' k]; simp⟩
    · exact ⟨k, hk, e1, by rw [pc' k, if_neg kn]; exact e2⟩

/-- The storage step cleans the shape's storage; the chain owns the shape. -/
public theorem presQ_CleanerStorage (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .CleanerStorage) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .k = n := ⟨(env .k).toNat, by omega⟩
  have hnb : n < b.K := by omega
  simp only [hn] at hg ⊢
  try simp only [show ¬ ((n : Int) < 0) by omega, false_or] at hg
  try simp only [show ¬ ((b.K : Int) ≤ n) by omega, false_or] at hg
  try simp only [show ¬ (b.K ≤ n) by omega, false_or] at hg
  try simp only [show (0:Int) ≤ n by omega, show (n:Int) < b.K by omega, and_self, if_true] at hg
  generalize hs' : exec b s env _ s = s'
  have pc' : ∀ k : Nat, s' .chainPc k 0 = if k = n then vSlcRemove else s .chainPc k 0 := by
    intro k; rw [← hs']; by_cases e : k = n <;> simp [e, hnb, hn]
  have st' : ∀ h : Nat, h < b.H → s' .storage h 0 =
      if (s .chainHandle n 0).asInt = h then vSCleaned else s .storage h 0 := by
    intro h hh; rw [← hs']
    by_cases e : (s .chainHandle n 0).asInt = h
    · simp [hn, hnb, hh, e]
    · simp [hn, hnb, e, Ne.symm e]
  have fr : ∀ v, v ≠ .chainPc → v ≠ .storage → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 i j; rw [← hs']; simp [h1, h2, hn]
  have hne : ∀ k : Nat, s .chainPc k 0 ≠ vStorage → k ≠ n := by
    rintro k h rfl; exact h hg
  clear hs'
  simp only [InvSRQ, fr .cons (by decide) (by decide), fr .owner (by decide) (by decide),
    fr .registry (by decide) (by decide), fr .sc (by decide) (by decide),
    fr .scHandle (by decide) (by decide), fr .chainHandle (by decide) (by decide),
    fr .status (by decide) (by decide), fr .pendingRemove (by decide) (by decide),
    fr .batchRemove (by decide) (by decide), fr .removeNow (by decide) (by decide)]
  refine ⟨Q1, Q2, ?_, ?_, ?_, Q3, ?_, ?_⟩
  · intro h hh hr
    obtain ⟨k, hk, e1, e2⟩ := Q7 h hh hr
    have := hne k (by rw [e2]; decide)
    exact ⟨k, hk, e1, by rw [pc' k, if_neg this]; exact e2⟩
  · intro k hk hpc h hh e
    rw [pc' k] at hpc
    by_cases kn : k = n
    · subst kn; exact Q5 k hk (Or.inr (Or.inl hg)) h hh e
    · simp only [kn, if_false] at hpc
      exact Q5 k hk hpc h hh e
  · intro k hk hpc c hc hl
    rw [pc' k] at hpc
    by_cases kn : k = n
    · subst kn; exact Q4 k hk (Or.inl hg) c hc hl
    · simp only [kn, if_false] at hpc
      exact Q4 k hk hpc c hc hl
  · intro c hc hl h hh e hs
    obtain ⟨k, hk, e1, e2⟩ := Q6 c hc hl h hh e hs
    have := hne k (by rcases e2 with e2 | e2 <;> rw [e2] <;> decide)
    exact ⟨k, hk, e1, by rw [pc' k, if_neg this]; exact e2⟩
  · intro h hh hs hp
    rw [st' h hh] at hs
    by_cases e : (s .chainHandle n 0).asInt = h
    · simp [e] at hs
    · simp only [e, if_false] at hs
      obtain ⟨k, hk, e1, e2⟩ := Q9 h hh hs hp
      have kn : k ≠ n := by rintro rfl; exact e e1
      exact ⟨k, hk, e1, by rw [pc' k, if_neg kn]; exact e2⟩

/-- The removal queued with the batcher belongs to the chain's shape: not present, no live consumer. -/
public theorem presQ_CleanerSlcRemove (b : Bounds) :
    PresQ b (actOf .SerializedRemoval true .CleanerSlcRemove) := by
  intro s env hb hg hI hQ
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, Q7, Q5, Q4, Q3, Q6, Q9⟩ := hQ
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .k = n := ⟨(env .k).toNat, by omega⟩
  have hnb : n < b.K := by omega
  simp only [hn] at hg ⊢
  try simp only [show ¬ ((n : Int) < 0) by omega, false_or] at hg
  try simp only [show ¬ ((b.K : Int) ≤ n) by omega, false_or] at hg
  try simp only [show ¬ (b.K ≤ n) by omega, false_or] at hg
  try simp only [show (0:Int) ≤ n by omega, show (n:Int) < b.K by omega, and_self, if_true] at hg
  generalize hs' : exec b s env _ s = s'
  have pcn : s' .chainPc n 0 = vAborted ∨ s' .chainPc n 0 = vDone := by
    rw [← hs']; simp [hn, hnb]; first | exact Decidable.em _ | (split <;> simp)
  have pc' : ∀ k : Nat, k ≠ n → s' .chainPc k 0 = s .chainPc k 0 := by
    intro k e; rw [← hs']; simp [e, hn] <;> (try split) <;> (try simp [e])
  have pr' : ∀ h : Nat, h < b.H → s' .pendingRemove h 0 = .b true →
      s .pendingRemove h 0 = .b true ∨ (s .chainHandle n 0).asInt = h := by
    intro h hh; rw [← hs']
    by_cases e : (s .chainHandle n 0).asInt = h
    · intro _; exact Or.inr e
    · simp [hn, hnb, e, Ne.symm e] <;> (try split) <;> (try simp)
  have fr : ∀ v, v ≠ .chainPc → v ≠ .pendingRemove → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 i j; rw [← hs']; simp [h1, h2, hn] <;> (try split) <;> (try simp [h1, h2])
  have hne : ∀ k : Nat, s .chainPc k 0 ≠ vSlcRemove → k ≠ n := by
    rintro k h rfl; exact h hg
  clear hs'
  simp only [InvSRQ, fr .cons (by decide) (by decide), fr .owner (by decide) (by decide),
    fr .registry (by decide) (by decide), fr .sc (by decide) (by decide),
    fr .scHandle (by decide) (by decide), fr .chainHandle (by decide) (by decide),
    fr .status (by decide) (by decide), fr .storage (by decide) (by decide),
    fr .batchRemove (by decide) (by decide), fr .removeNow (by decide) (by decide)]
  refine ⟨Q1, Q2, ?_, ?_, ?_, ?_, ?_, ?_⟩
  · intro h hh hr
    obtain ⟨k, hk, e1, e2⟩ := Q7 h hh hr
    have := hne k (by rw [e2]; decide)
    exact ⟨k, hk, e1, by rw [pc' k this]; exact e2⟩
  · intro k hk hpc h hh e
    by_cases kn : k = n
    · subst kn; rcases pcn with e' | e' <;> rw [e'] at hpc <;> simp at hpc
    · rw [pc' k kn] at hpc
      exact Q5 k hk hpc h hh e
  · intro k hk hpc c hc hl
    by_cases kn : k = n
    · subst kn; rcases pcn with e' | e' <;> rw [e'] at hpc <;> simp at hpc
    · rw [pc' k kn] at hpc
      exact Q4 k hk hpc c hc hl
  · intro h hh hp
    rcases hp with hp | hp
    · rcases pr' h hh hp with hp | e
      · exact Q3 h hh (Or.inl hp)
      · refine ⟨Q5 n hnb (Or.inr (Or.inr hg)) h hh e, fun c hc hl => ?_⟩
        rw [← e]; exact Q4 n hnb (Or.inr hg) c hc hl
    · exact Q3 h hh (Or.inr hp)
  · intro c hc hl h hh e hs
    obtain ⟨k, hk, e1, e2⟩ := Q6 c hc hl h hh e hs
    have := hne k (by rcases e2 with e2 | e2 <;> rw [e2] <;> decide)
    exact ⟨k, hk, e1, by rw [pc' k this]; exact e2⟩
  · intro h hh hs hp
    obtain ⟨k, hk, e1, e2⟩ := Q9 h hh hs hp
    have := hne k (by rcases e2 with e2 | e2 | e2 <;> rw [e2] <;> decide)
    exact ⟨k, hk, e1, by rw [pc' k this]; exact e2⟩

end ElectricRace
