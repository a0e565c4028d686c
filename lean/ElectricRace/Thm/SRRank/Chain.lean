module

public import ElectricRace.Thm.SRRank.Basic

/-!
# The ranking function: the cleaner chain's steps

Each step moves one chain to a step with fewer left; what it sets in motion (a consumer's stop,
a batched removal, a removal request) weighs less than the step it took.
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



/-- The stop: the chain moves on (5 to 4); the consumer it stops was not starting or stops. -/
public theorem rank_CleanerStop (b : Bounds) :
    RankDrops b (actOf .SerializedRemoval true .CleanerStop) := by
  intro s env hb hg
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
  have hcons : ∀ c, consR s' c ≤ consR s c := by
    intro c; rw [← hs']; exact consR_le_of_lit b s env _ (by decide) c
  have pc' : ∀ k : Nat, s' .chainPc k 0 = if k = n then vStorage else s .chainPc k 0 := by
    intro k; rw [← hs']; by_cases e : k = n <;> simp [e, hnb, hn]
  have fr : ∀ v, v ≠ .chainPc → v ≠ .cons → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 i j; rw [← hs']; simp [h1, h2, hn]
  clear hs'
  have e1 := slcR_congr b s s' (fr .slc (by decide) (by decide) 0 0)
  have e2 := mboxR_congr b s s' (fr .mbox (by decide) (by decide) 0 0)
  have e3 := scR_congr s s' (fr .sc (by decide) (by decide) 0 0)
  have e4 : sumN b.H (handleR s') = sumN b.H (handleR s) := sumN_congr _ _ _ (fun h _ =>
    handleR_congr s s' h (fr _ (by decide) (by decide) _ _) (fr _ (by decide) (by decide) _ _)
      (fr _ (by decide) (by decide) _ _) (fr _ (by decide) (by decide) _ _)
      (fr _ (by decide) (by decide) _ _))
  have e5 := sumN_le b.C _ _ (fun c _ => hcons c)
  have e6 := sumN_drop_at b.K (chainR b s') (chainR b s) n 1 hnb
    (fun k _ e => Nat.le_of_eq (chainR_congr b s s' k (by rw [pc' k]; simp [e])
      (fr _ (by decide) (by decide) _ _) (fun i => fr _ (by decide) (by decide) _ _)
      (fun i => fr _ (by decide) (by decide) _ _)))
    (by simp [chainR, pc' n, hg])
  simp only [srRank]
  omega

/-- The storage step: the chain moves on (4 to 3); storage is not in the rank. -/
public theorem rank_CleanerStorage (b : Bounds) :
    RankDrops b (actOf .SerializedRemoval true .CleanerStorage) := by
  intro s env hb hg
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
  have e1 := slcR_congr b s s' (fr .slc (by decide) (by decide) 0 0)
  have e2 := mboxR_congr b s s' (fr .mbox (by decide) (by decide) 0 0)
  have e3 := scR_congr s s' (fr .sc (by decide) (by decide) 0 0)
  have e4 : sumN b.H (handleR s') = sumN b.H (handleR s) := sumN_congr _ _ _ (fun h _ =>
    handleR_congr s s' h (fr _ (by decide) (by decide) _ _) (fr _ (by decide) (by decide) _ _)
      (fr _ (by decide) (by decide) _ _) (fr _ (by decide) (by decide) _ _)
      (fr _ (by decide) (by decide) _ _))
  have e5 : sumN b.C (consR s') = sumN b.C (consR s) := sumN_congr _ _ _ (fun c _ =>
    consR_congr s s' c (fr _ (by decide) (by decide) _ _))
  have e6 := sumN_drop_at b.K (chainR b s') (chainR b s) n 1 hnb
    (fun k _ e => Nat.le_of_eq (chainR_congr b s s' k (by rw [pc' k]; simp [e])
      (fr _ (by decide) (by decide) _ _) (fun i => fr _ (by decide) (by decide) _ _)
      (fun i => fr _ (by decide) (by decide) _ _)))
    (by simp [chainR, pc' n, hg])
  simp only [srRank]
  omega

/-- The acknowledgement: a chain whose request was handled stops (6 to 5); one whose request a
crash lost asks again (9 to 8). -/
public theorem rank_CleanerRouterAck (b : Bounds) :
    RankDrops b (actOf .SerializedRemoval true .CleanerRouterAck) := by
  intro s env hb hg
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
    intro k e; rw [← hs']; simp [e, hn]
  have fr : ∀ v, v ≠ .chainPc → ∀ i j, s' v i j = s v i j := by
    intro v h1 i j; rw [← hs']; simp [h1, hn]
  have pcn : s' .chainPc n 0 = (if read1 b s .status (s .chainHandle n 0).asInt = vPresent
      then vRouterRemove else vStop) := by
    rw [← hs']; simp [hnb, hn]; first | done | (split <;> simp_all)
  clear hs'
  have e1 := slcR_congr b s s' (fr .slc (by decide) 0 0)
  have e2 := mboxR_congr b s s' (fr .mbox (by decide) 0 0)
  have e3 := scR_congr s s' (fr .sc (by decide) 0 0)
  have e4 : sumN b.H (handleR s') = sumN b.H (handleR s) := sumN_congr _ _ _ (fun h _ =>
    handleR_congr s s' h (fr _ (by decide) _ _) (fr _ (by decide) _ _)
      (fr _ (by decide) _ _) (fr _ (by decide) _ _) (fr _ (by decide) _ _))
  have e5 : sumN b.C (consR s') = sumN b.C (consR s) := sumN_congr _ _ _ (fun c _ =>
    consR_congr s s' c (fr _ (by decide) _ _))
  have e6 := sumN_drop_at b.K (chainR b s') (chainR b s) n 1 hnb
    (fun k _ e => Nat.le_of_eq (chainR_congr b s s' k (pc' k e)
      (fr _ (by decide) _ _) (fun i => fr _ (by decide) _ _) (fun i => fr _ (by decide) _ _)))
    (by
      have hh := fr .chainHandle (by decide) n 0
      have hst : ∀ i, s' .status i 0 = s .status i 0 := fun i => fr _ (by decide) _ _
      have hrn : ∀ i, s' .removeNow i 0 = s .removeNow i 0 := fun i => fr _ (by decide) _ _
      obtain ⟨hgw, hgr⟩ := hg
      simp only [chainR, waitLost, read1, pcn, hh, hst, hrn, hgw]
      split <;> split <;> rcases hgr with x | x | x <;> (try simp_all) <;> omega)
  simp only [srRank]
  omega

/-- The batcher call: the chain finishes (3 to 0), having batched its removal (at most 2), or dies
with the collector down. -/
public theorem rank_CleanerSlcRemove (b : Bounds) :
    RankDrops b (actOf .SerializedRemoval true .CleanerSlcRemove) := by
  intro s env hb hg
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
    intro k e; rw [← hs']; simp [e, hn]
  have pcn : s' .chainPc n 0 = vAborted ∨ s' .chainPc n 0 = vDone := by
    rw [← hs']; by_cases d : s .slc 0 0 = vDown <;> simp [d, hnb, hn] <;> simp_all
  have fr : ∀ v, v ≠ .chainPc → v ≠ .pendingRemove → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 i j; rw [← hs']; simp [h1, h2, hn]
  have prh : ∀ h : Nat, (h : Int) ≠ (s .chainHandle n 0).asInt →
      s' .pendingRemove h 0 = s .pendingRemove h 0 := by
    intro h e; rw [← hs']; simp [hn, hnb, e, Ne.symm e]
  clear hs'
  have e1 := slcR_congr b s s' (fr .slc (by decide) (by decide) 0 0)
  have e2 := mboxR_congr b s s' (fr .mbox (by decide) (by decide) 0 0)
  have e3 := scR_congr s s' (fr .sc (by decide) (by decide) 0 0)
  have e4 : sumN b.H (handleR s') ≤ sumN b.H (handleR s) + 2 :=
    sumN_le_add _ _ _ (s .chainHandle n 0).asInt.toNat 2 (fun h _ => by
      by_cases e : (h : Int) = (s .chainHandle n 0).asInt
      · have : h = (s .chainHandle n 0).asInt.toNat := by omega
        simp only [← this, if_true]
        exact handleR_le_pending s s' h (fr _ (by decide) (by decide) _ _)
          (fr _ (by decide) (by decide) _ _) (fr _ (by decide) (by decide) _ _)
          (fr _ (by decide) (by decide) _ _)
      · rw [handleR_congr s s' h (prh h e) (fr _ (by decide) (by decide) _ _)
          (fr _ (by decide) (by decide) _ _) (fr _ (by decide) (by decide) _ _)
          (fr _ (by decide) (by decide) _ _)]
        omega)
  have e5 : sumN b.C (consR s') = sumN b.C (consR s) := sumN_congr _ _ _ (fun c _ =>
    consR_congr s s' c (fr _ (by decide) (by decide) _ _))
  have e6 := sumN_drop_at b.K (chainR b s') (chainR b s) n 3 hnb
    (fun k _ e => Nat.le_of_eq (chainR_congr b s s' k (pc' k e)
      (fr _ (by decide) (by decide) _ _) (fun i => fr _ (by decide) (by decide) _ _)
      (fun i => fr _ (by decide) (by decide) _ _)))
    (by rcases pcn with x | x <;> simp [chainR, x, hg])
  simp only [srRank]
  omega

/-- The request to the collector: the chain moves to waiting (8 to 6) and its request (1) is
outstanding; a chain of the same shape waiting on a lost request now finds it re-issued. -/
public theorem rank_CleanerRouterRemove (b : Bounds) :
    RankDrops b (actOf .SerializedRemoval true .CleanerRouterRemove) := by
  intro s env hb hg
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
    intro k e; rw [← hs']; simp [e, hn]
  have pcn : s' .chainPc n 0 = vRouterWait := by rw [← hs']; simp [hnb, hn]
  have fr : ∀ v, v ≠ .chainPc → v ≠ .removeNow → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 i j; rw [← hs']; simp [h1, h2, hn]
  have rmh : ∀ h : Nat, (h : Int) ≠ (s .chainHandle n 0).asInt →
      s' .removeNow h 0 = s .removeNow h 0 := by
    intro h e; rw [← hs']; simp [hn, hnb, e, Ne.symm e]
  have rmn : inDom b .handle (s .chainHandle n 0).asInt = true →
      s' .removeNow (s .chainHandle n 0).asInt 0 = .b true := by
    intro d; rw [← hs']; simp [hn, hnb]; first | done | (intro x; simp at d; omega)
  have rml : ∀ i, s' .removeNow i 0 = s .removeNow i 0 ∨ s' .removeNow i 0 = .b true := by
    intro i; rw [← hs']; exact removeNow_of_lit b s env _ (by decide) i
  clear hs'
  have e1 := slcR_congr b s s' (fr .slc (by decide) (by decide) 0 0)
  have e2 := mboxR_congr b s s' (fr .mbox (by decide) (by decide) 0 0)
  have e3 := scR_congr s s' (fr .sc (by decide) (by decide) 0 0)
  have e4 : sumN b.H (handleR s') ≤ sumN b.H (handleR s) + 1 :=
    sumN_le_add _ _ _ (s .chainHandle n 0).asInt.toNat 1 (fun h _ => by
      by_cases e : (h : Int) = (s .chainHandle n 0).asInt
      · have : h = (s .chainHandle n 0).asInt.toNat := by omega
        simp only [← this, if_true]
        exact handleR_le_removeNow s s' h (fr _ (by decide) (by decide) _ _)
          (fr _ (by decide) (by decide) _ _) (fr _ (by decide) (by decide) _ _)
          (fr _ (by decide) (by decide) _ _)
      · rw [handleR_congr s s' h (fr _ (by decide) (by decide) _ _) (rmh h e)
          (fr _ (by decide) (by decide) _ _) (fr _ (by decide) (by decide) _ _)
          (fr _ (by decide) (by decide) _ _)]
        omega)
  have e5 : sumN b.C (consR s') = sumN b.C (consR s) := sumN_congr _ _ _ (fun c _ =>
    consR_congr s s' c (fr _ (by decide) (by decide) _ _))
  have hh := fr .chainHandle (by decide) (by decide) n 0
  have e6 := sumN_drop_at b.K (chainR b s') (chainR b s) n 2 hnb
    (fun k _ e => chainR_le_of b s s' k (pc' k e) (fr _ (by decide) (by decide) _ _)
      (fun i => fr _ (by decide) (by decide) _ _) rml)
    (by
      have hst : ∀ i, s' .status i 0 = s .status i 0 := fun i => fr _ (by decide) (by decide) _ _
      simp only [chainR, waitLost, read1, pcn, hh, hst]
      by_cases d : inDom b .handle (s .chainHandle n 0).asInt = true
      · have d' : 0 ≤ (s .chainHandle n 0).asInt ∧ (s .chainHandle n 0).asInt < b.H := by
          simpa using d
        simp [d', rmn d, hg]
      · have d' : ¬ (0 ≤ (s .chainHandle n 0).asInt ∧ (s .chainHandle n 0).asInt < b.H) := by
          simpa using d
        simp [d', hg])
  simp only [srRank]
  omega

end ElectricRace
