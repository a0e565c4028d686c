module

public import ElectricRace.Thm.SRSettle.Basic

/-!
# A finished chain's shape stays removed: the rules that move a chain or a shape's status

A new chain (a removal, a consumer's crash or self-clean) and every chain step but the last move
one chain to a step that is not finished; the last step (`CleanerSlcRemove`) finishes a chain
that stands at `slcRemove`, whose shape `InvSRQ` already says is not present; the collector's
removal message, its batch and its restart only ever take a shape out of `present`.
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


/-- A new removal starts an idle chain at its first step. -/
public theorem presD_RemoveShape (b : Bounds) :
    PresD b (actOf .SerializedRemoval true .RemoveShape) := by
  intro s env hb hg hI hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .k = n := ⟨(env .k).toNat, by omega⟩
  have hnb : n < b.K := by omega
  simp only [hn] at hg ⊢
  try simp only [show ¬ ((n : Int) < 0) by omega, false_or] at hg
  try simp only [show ¬ ((b.K : Int) ≤ n) by omega, false_or] at hg
  try simp only [show ¬ (b.K ≤ n) by omega, false_or] at hg
  try simp only [show (0:Int) ≤ n by omega, show (n:Int) < b.K by omega, and_self, if_true] at hg
  generalize hs' : exec b s env _ s = s'
  have pc' : ∀ k : Nat, s' .chainPc k 0 = if k = n then vRouterRemove else s .chainPc k 0 := by
    intro k; rw [← hs']; by_cases e : k = n <;> simp [e, hnb, hn]
  have ch' : ∀ k : Nat, k ≠ n → s' .chainHandle k 0 = s .chainHandle k 0 := by
    intro k e; rw [← hs']; simp [e, hn]
  have fr : ∀ v, v ≠ .chainPc → v ≠ .chainHandle → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 i j; rw [← hs']; simp [h1, h2, hn]
  clear hs'
  exact invSRD_of_chain_moves b s s' n hD hI.2 (fr .status (by decide) (by decide))
    (by rw [pc' n]; simp) (fun k e => by rw [pc' k]; simp [e]) ch'
/-- The request: the chain waits for the collector. -/
public theorem presD_CleanerRouterRemove (b : Bounds) :
    PresD b (actOf .SerializedRemoval true .CleanerRouterRemove) := by
  intro s env hb hg hI hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
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
  have fr : ∀ v, v ≠ .chainPc → v ≠ .removeNow → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 i j; rw [← hs']; simp [h1, h2, hn]
  clear hs'
  exact invSRD_of_chain_moves b s s' n hD hI.2 (fr .status (by decide) (by decide))
    (by rw [pc' n]; simp) (fun k e => by rw [pc' k]; simp [e])
    (fun k _ => fr .chainHandle (by decide) (by decide) k 0)
/-- The stop: the chain moves on to the storage. -/
public theorem presD_CleanerStop (b : Bounds) :
    PresD b (actOf .SerializedRemoval true .CleanerStop) := by
  intro s env hb hg hI hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
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
  have fr : ∀ v, v ≠ .chainPc → v ≠ .cons → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 i j; rw [← hs']; simp [h1, h2, hn]
  clear hs'
  exact invSRD_of_chain_moves b s s' n hD hI.2 (fr .status (by decide) (by decide))
    (by rw [pc' n]; simp) (fun k e => by rw [pc' k]; simp [e])
    (fun k _ => fr .chainHandle (by decide) (by decide) k 0)
/-- The storage: the chain moves on to its last step. -/
public theorem presD_CleanerStorage (b : Bounds) :
    PresD b (actOf .SerializedRemoval true .CleanerStorage) := by
  intro s env hb hg hI hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
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
  have fr : ∀ v, v ≠ .chainPc → v ≠ .storage → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 i j; rw [← hs']; simp [h1, h2, hn]
  clear hs'
  exact invSRD_of_chain_moves b s s' n hD hI.2 (fr .status (by decide) (by decide))
    (by rw [pc' n]; simp) (fun k e => by rw [pc' k]; simp [e])
    (fun k _ => fr .chainHandle (by decide) (by decide) k 0)
/-- The acknowledgement: the chain asks again or moves on to its stop. -/
public theorem presD_CleanerRouterAck (b : Bounds) :
    PresD b (actOf .SerializedRemoval true .CleanerRouterAck) := by
  intro s env hb hg hI hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .k = n := ⟨(env .k).toNat, by omega⟩
  have hnb : n < b.K := by omega
  simp only [hn] at hg ⊢
  try simp only [show ¬ ((n : Int) < 0) by omega, false_or] at hg
  try simp only [show ¬ ((b.K : Int) ≤ n) by omega, false_or] at hg
  try simp only [show ¬ (b.K ≤ n) by omega, false_or] at hg
  try simp only [show (0:Int) ≤ n by omega, show (n:Int) < b.K by omega, and_self, if_true] at hg
  generalize hs' : exec b s env _ s = s'
  have pc' : ∀ k : Nat, k ≠ n → s' .chainPc k 0 = s .chainPc k 0 := by
    intro k e; rw [← hs']; simp [e, hnb, hn]
  have pcn : s' .chainPc n 0 ≠ vDone ∧ s' .chainPc n 0 ≠ vAborted := by
    rw [← hs']; simp [hn, hnb]
    all_goals (try split) <;>
      by_cases hp : s .status (s .chainHandle (n : Int) 0).asInt 0 = Val.e .status 1 <;> simp [hp]
  have fr : ∀ v, v ≠ .chainPc → ∀ i j, s' v i j = s v i j := by
    intro v h1 i j; rw [← hs']; simp [h1, hn]
  clear hs'
  exact invSRD_of_chain_moves b s s' n hD hI.2 (fr .status (by decide)) pcn pc'
    (fun k _ => fr .chainHandle (by decide) k 0)
/-- The last step finishes a chain at `slcRemove`, whose shape is not present. -/
public theorem presD_CleanerSlcRemove (b : Bounds) :
    PresD b (actOf .SerializedRemoval true .CleanerSlcRemove) := by
  intro s env hb hg hI hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .k = n := ⟨(env .k).toNat, by omega⟩
  have hnb : n < b.K := by omega
  simp only [hn] at hg ⊢
  try simp only [show ¬ ((n : Int) < 0) by omega, false_or] at hg
  try simp only [show ¬ ((b.K : Int) ≤ n) by omega, false_or] at hg
  try simp only [show ¬ (b.K ≤ n) by omega, false_or] at hg
  try simp only [show (0:Int) ≤ n by omega, show (n:Int) < b.K by omega, and_self, if_true] at hg
  generalize hs' : exec b s env _ s = s'
  have pc' : ∀ k : Nat, k ≠ n → s' .chainPc k 0 = s .chainPc k 0 := by
    intro k e; rw [← hs']; simp [e, hn] <;> (try split) <;> (try simp [e])
  have fr : ∀ v, v ≠ .chainPc → v ≠ .pendingRemove → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 i j; rw [← hs']; simp [h1, h2, hn] <;> (try split) <;> (try simp [h1, h2])
  clear hs'
  exact invSRD_step b s s' hD hI.2
    (fun h _ hp => by rw [fr .status (by decide) (by decide)]; exact hp)
    (fun k _ hf => by
      by_cases kn : k = n
      · subst kn; exact ⟨fr .chainHandle (by decide) (by decide) _ _, Or.inr (Or.inr hg)⟩
      · rw [pc' k kn] at hf
        exact ⟨fr .chainHandle (by decide) (by decide) _ _, by rcases hf with p | p <;> simp [p]⟩)
/-- A crashing consumer starts an idle chain at its first step. -/
public theorem presD_ConsumerCrash (b : Bounds) :
    PresD b (actOf .SerializedRemoval true .ConsumerCrash) := by
  intro s env hb hg hI hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .c = n := ⟨(env .c).toNat, by omega⟩
  have hnb : n < b.C := by omega
  obtain ⟨q, hq⟩ : ∃ q : Nat, env .k = q := ⟨(env .k).toNat, by omega⟩
  have hqb : q < b.K := by omega
  simp only [hn, hq] at hg ⊢
  generalize hs' : exec b s env _ s = s'
  have pc' : ∀ k : Nat, s' .chainPc k 0 = if k = q then vRouterRemove else s .chainPc k 0 := by
    intro k; rw [← hs']; by_cases e : k = q <;> simp [e, hqb, hq, hn]
  have ch' : ∀ k : Nat, k ≠ q → s' .chainHandle k 0 = s .chainHandle k 0 := by
    intro k e; rw [← hs']; simp [e, hq, hn]
  have fst : ∀ i j, s' .status i j = s .status i j := by
    intro i j; rw [← hs']; simp [hq, hn]
  clear hs'
  exact invSRD_of_chain_moves b s s' q hD hI.2 fst (by rw [pc' q]; simp)
    (fun k e => by rw [pc' k]; simp [e]) ch'
/-- A self-cleaning consumer starts an idle chain at its first step. -/
public theorem presD_ConsumerSelfClean (b : Bounds) :
    PresD b (actOf .SerializedRemoval true .ConsumerSelfClean) := by
  intro s env hb hg hI hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .c = n := ⟨(env .c).toNat, by omega⟩
  have hnb : n < b.C := by omega
  obtain ⟨q, hq⟩ : ∃ q : Nat, env .k = q := ⟨(env .k).toNat, by omega⟩
  have hqb : q < b.K := by omega
  simp only [hn, hq] at hg ⊢
  generalize hs' : exec b s env _ s = s'
  have pc' : ∀ k : Nat, s' .chainPc k 0 = if k = q then vRouterRemove else s .chainPc k 0 := by
    intro k; rw [← hs']; by_cases e : k = q <;> simp [e, hqb, hq, hn]
  have ch' : ∀ k : Nat, k ≠ q → s' .chainHandle k 0 = s .chainHandle k 0 := by
    intro k e; rw [← hs']; simp [e, hq, hn]
  have fst : ∀ i j, s' .status i j = s .status i j := by
    intro i j; rw [← hs']; simp [hq, hn]
  clear hs'
  exact invSRD_of_chain_moves b s s' q hD hI.2 fst (by rw [pc' q]; simp)
    (fun k e => by rw [pc' k]; simp [e]) ch'
/-- The collector tombstones a present shape; no chain moves. -/
public theorem presD_SlcRemoveNow (b : Bounds) :
    PresD b (actOf .SerializedRemoval true .SlcRemoveNow) := by
  intro s env hb hg hI hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .h = n := ⟨(env .h).toNat, by omega⟩
  have hnb : n < b.H := by omega
  simp only [hn] at hg ⊢
  generalize hs' : exec b s env _ s = s'
  have sdown : ∀ h : Nat, h < b.H → s .status h 0 ≠ vPresent → s' .status h 0 ≠ vPresent := by
    intro h hh hp; rw [← hs']
    by_cases e : h = n
    · subst e; simp [hh, hn] at hp ⊢; simp [hp]
    · simp [hh, e, hn]; exact hp
  have f_chainHandle : ∀ i j, s' .chainHandle i j = s .chainHandle i j := by
    intro i j; rw [← hs']; simp [hn]
  have f_chainPc : ∀ i j, s' .chainPc i j = s .chainPc i j := by
    intro i j; rw [← hs']; simp [hn]
  clear hs'
  exact invSRD_of_chains_frame b s s' hD hI.2 sdown f_chainPc f_chainHandle
/-- The batch removes tombstones; no chain moves. -/
public theorem presD_SlcApplyBatch (b : Bounds) :
    PresD b (actOf .SerializedRemoval true .SlcApplyBatch) := by
  intro s env hb hg hI hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  generalize hs' : exec b s env _ s = s'
  have stp : ∀ h : Nat, h < b.H → (s' .status h 0 = vPresent ↔ s .status h 0 = vPresent) := by
    intro h hh; rw [← hs']
    by_cases c1 : s .batchRemove h 0 = .b true <;>
      by_cases c2 : s .status h 0 = .e .status 2 <;> simp [hh, c1, c2]
  have f_chainHandle : ∀ i j, s' .chainHandle i j = s .chainHandle i j := by
    intro i j; rw [← hs']; simp
  have f_chainPc : ∀ i j, s' .chainPc i j = s .chainPc i j := by
    intro i j; rw [← hs']; simp
  clear hs'
  exact invSRD_of_chains_frame b s s' hD hI.2 (fun h hh hp => by rw [Ne, stp h hh]; exact hp)
    f_chainPc f_chainHandle
/-- The restart removes tombstones; no chain moves. -/
public theorem presD_SlcRestart (b : Bounds) :
    PresD b (actOf .SerializedRemoval true .SlcRestart) := by
  intro s env hb hg hI hD
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  generalize hs' : exec b s env _ s = s'
  have stp : ∀ h : Nat, h < b.H → (s' .status h 0 = vPresent ↔ s .status h 0 = vPresent) := by
    intro h hh; rw [← hs']
    by_cases c2 : s .status h 0 = .e .status 2 <;> simp [hh, c2]
  have f_chainHandle : ∀ i j, s' .chainHandle i j = s .chainHandle i j := by
    intro i j; rw [← hs']; simp
  have f_chainPc : ∀ i j, s' .chainPc i j = s .chainPc i j := by
    intro i j; rw [← hs']; simp
  clear hs'
  exact invSRD_of_chains_frame b s s' hD hI.2 (fun h hh hp => by rw [Ne, stp h hh]; exact hp)
    f_chainPc f_chainHandle
end ElectricRace
