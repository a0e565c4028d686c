module

public import ElectricRace.Thm.SRRank.Basic

/-!
# The ranking function: resolving a publish, ShapeCache, the consumer start, the broadcast

Each step ends one piece of outstanding work (a pending routing, a ShapeCache request, a
starting consumer, the publish itself); what it sets in motion weighs less.
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



/-- `SlcResolveRegistered`: the pending routing it resolves (4) is gone; nothing else changes. -/
public theorem rank_SlcResolveRegistered (b : Bounds) :
    RankDrops b (actOf .SerializedRemoval true .SlcResolveRegistered) := by
  intro s env hb hg
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .h = n := ⟨(env .h).toNat, by omega⟩
  have hnb : n < b.H := by omega
  simp only [hn, show (0:Int) ≤ n by omega, show (n:Int) < b.H by omega, and_self, ↓reduceIte,
    true_and] at hg
  obtain ⟨hp, hsc, -⟩ := hg
  generalize hs' : exec b s env _ s = s'
  have ps' : ∀ i : Nat, s' .pubState i 0 = if i = n then vConsumer else s .pubState i 0 := by
    intro i; rw [← hs']; by_cases e : i = n <;> simp [e, hnb, hn]
  have fr : ∀ v, v ≠ .pubState → v ≠ .pubConsumer → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 i j; rw [← hs']; simp [h1, h2, hn]
  clear hs'
  have e1 := slcR_congr b s s' (fr .slc (by decide) (by decide) 0 0)
  have e2 := mboxR_congr b s s' (fr .mbox (by decide) (by decide) 0 0)
  have e3 := scR_congr s s' (fr .sc (by decide) (by decide) 0 0)
  have e4 := sumN_drop_at b.H (handleR s') (handleR s) n 4 hnb
    (fun i _ e => Nat.le_of_eq (handleR_congr s s' i (fr _ (by decide) (by decide) _ _)
      (fr _ (by decide) (by decide) _ _) (by rw [ps' i]; simp [e])
      (fr _ (by decide) (by decide) _ _) (fr _ (by decide) (by decide) _ _)))
    (handleR_drop s s' n (fr _ (by decide) (by decide) _ _) (fr _ (by decide) (by decide) _ _)
      (by rw [ps' n]; simp) ⟨hp, by simp [scHolds, hsc]⟩)
  have e5 : sumN b.C (consR s') = sumN b.C (consR s) := sumN_congr _ _ _ (fun c _ =>
    consR_congr s s' c (fr _ (by decide) (by decide) _ _))
  have e6 : sumN b.K (chainR b s') = sumN b.K (chainR b s) := sumN_congr _ _ _ (fun k _ =>
    chainR_congr b s s' k (fr _ (by decide) (by decide) _ _) (fr _ (by decide) (by decide) _ _)
      (fun i => fr _ (by decide) (by decide) _ _) (fun i => fr _ (by decide) (by decide) _ _))
  simp only [srRank]
  omega

/-- `SlcResolveAsk`: the pending routing (4) passes to ShapeCache, whose request weighs 3; no other handle's term changes. -/
public theorem rank_SlcResolveAsk (b : Bounds) :
    RankDrops b (actOf .SerializedRemoval true .SlcResolveAsk) := by
  intro s env hb hg
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .h = n := ⟨(env .h).toNat, by omega⟩
  have hnb : n < b.H := by omega
  simp only [hn, show (0:Int) ≤ n by omega, show (n:Int) < b.H by omega, and_self, ↓reduceIte,
    true_and] at hg
  obtain ⟨hp, hsc, -⟩ := hg
  generalize hs' : exec b s env _ s = s'
  have sc' : s' .sc 0 0 = vRequested := by rw [← hs']; simp
  have sh' : s' .scHandle 0 0 = .i n := by rw [← hs']; simp [hn]
  have fr : ∀ v, v ≠ .sc → v ≠ .scHandle → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 i j; rw [← hs']; simp [h1, h2, hn]
  clear hs'
  have e1 := slcR_congr b s s' (fr .slc (by decide) (by decide) 0 0)
  have e2 := mboxR_congr b s s' (fr .mbox (by decide) (by decide) 0 0)
  have e3 : scR s' = 3 := by simp [scR, sc']
  have e3' : scR s = 0 := by simp [scR, hsc]
  have e4 := sumN_drop_at b.H (handleR s') (handleR s) n 4 hnb
    (fun i _ _ => handleR_le_of s s' i (fr _ (by decide) (by decide) _ _)
      (fr _ (by decide) (by decide) _ _)
      (fun hc => ⟨by rw [← fr .pubState (by decide) (by decide)]; exact hc.1,
        by simp [scHolds, hsc]⟩))
    (handleR_drop s s' n (fr _ (by decide) (by decide) _ _) (fr _ (by decide) (by decide) _ _)
      (by simp [scHolds, sc', sh']) ⟨hp, by simp [scHolds, hsc]⟩)
  have e5 : sumN b.C (consR s') = sumN b.C (consR s) := sumN_congr _ _ _ (fun c _ =>
    consR_congr s s' c (fr _ (by decide) (by decide) _ _))
  have e6 : sumN b.K (chainR b s') = sumN b.K (chainR b s) := sumN_congr _ _ _ (fun k _ =>
    chainR_congr b s s' k (fr _ (by decide) (by decide) _ _) (fr _ (by decide) (by decide) _ _)
      (fun i => fr _ (by decide) (by decide) _ _) (fun i => fr _ (by decide) (by decide) _ _))
  simp only [srRank]
  omega

/-- `CacheCheckOk`: ShapeCache's request (3) becomes a checked request (2); it still holds the same handle. -/
public theorem rank_CacheCheckOk (b : Bounds) :
    RankDrops b (actOf .SerializedRemoval true .CacheCheckOk) := by
  intro s env hb hg
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨hsc, -⟩ := hg
  generalize hs' : exec b s env _ s = s'
  have sc' : s' .sc 0 0 = vChecked := by rw [← hs']; simp
  have fr : ∀ v, v ≠ .sc → ∀ i j, s' v i j = s v i j := by
    intro v h1 i j; rw [← hs']; simp [h1]
  clear hs'
  have e1 := slcR_congr b s s' (fr .slc (by decide) 0 0)
  have e2 := mboxR_congr b s s' (fr .mbox (by decide) 0 0)
  have e3 : scR s' + 1 ≤ scR s := by simp [scR, sc', hsc]
  have e4 := sumN_le b.H (handleR s') (handleR s) (fun i _ => handleR_le_of s s' i
    (fr _ (by decide) _ _) (fr _ (by decide) _ _) (fun hc => by
      simp only [scHolds, sc', fr .pubState (by decide), fr .scHandle (by decide)] at hc ⊢
      simpa [hsc] using hc))
  have e5 : sumN b.C (consR s') = sumN b.C (consR s) := sumN_congr _ _ _ (fun c _ =>
    consR_congr s s' c (fr _ (by decide) _ _))
  have e6 : sumN b.K (chainR b s') = sumN b.K (chainR b s) := sumN_congr _ _ _ (fun k _ =>
    chainR_congr b s s' k (fr _ (by decide) _ _) (fr _ (by decide) _ _)
      (fun i => fr _ (by decide) _ _) (fun i => fr _ (by decide) _ _))
  simp only [srRank]
  omega

-- A ShapeCache answer that ends the request: the request (3) is gone and the handle it held
-- gets the literal answer `lit` (not `pending`); no other handle's term changes.
set_option hygiene false in
local macro "check_end_rank" lit:term : tactic => `(tactic| (
  intro s env hb hg
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨hsc, -⟩ := hg
  generalize hs' : exec b s env _ s = s'
  have sc' : s' .sc 0 0 = vScIdle := by rw [← hs']; simp
  have ps' : ∀ i : Nat, i < b.H → s' .pubState i 0 =
      if (i : Int) = (s .scHandle 0 0).asInt then $lit else s .pubState i 0 := by
    intro i hi; rw [← hs']
    by_cases e : (i : Int) = (s .scHandle 0 0).asInt
    · simp [← e, hi]
    · simp [e]
  have fr : ∀ v, v ∉ [Var.pubState, Var.sc, Var.scHandle] → ∀ i j, s' v i j = s v i j := by
    intro v hv i j
    simp at hv
    obtain ⟨h1, h2, h3⟩ := hv
    rw [← hs']; simp [h1, h2, h3]
  clear hs'
  have e1 := slcR_congr b s s' (fr .slc (by decide) 0 0)
  have e2 := mboxR_congr b s s' (fr .mbox (by decide) 0 0)
  have e3 : scR s' + 3 ≤ scR s := by simp [scR, sc', hsc]
  have e4 := sumN_le b.H (handleR s') (handleR s) (fun i hi => handleR_le_of s s' i
    (fr _ (by decide) _ _) (fr _ (by decide) _ _) (fun hc => by
      have hc1 := hc.1
      rw [ps' i hi] at hc1
      by_cases e : (i : Int) = (s .scHandle 0 0).asInt
      · rw [if_pos e] at hc1; simp at hc1
      · rw [if_neg e] at hc1; exact ⟨hc1, fun h => e h.2.symm⟩))
  have e5 : sumN b.C (consR s') = sumN b.C (consR s) := sumN_congr _ _ _ (fun c _ =>
    consR_congr s s' c (fr _ (by decide) _ _))
  have e6 : sumN b.K (chainR b s') = sumN b.K (chainR b s) := sumN_congr _ _ _ (fun k _ =>
    chainR_congr b s s' k (fr _ (by decide) _ _) (fr _ (by decide) _ _)
      (fun i => fr _ (by decide) _ _) (fun i => fr _ (by decide) _ _))
  simp only [srRank]
  omega))

/-- `CacheCheckNoShape`: ShapeCache's request (3) ends with a `nil` answer; no handle's term
rises (the handle it held was ShapeCache's). -/
public theorem rank_CacheCheckNoShape (b : Bounds) :
    RankDrops b (actOf .SerializedRemoval true .CacheCheckNoShape) := by
  check_end_rank vNil

/-- FixC's `CacheCheckRemoving`: ShapeCache's request (3) ends with the tombstone's `skipped`
answer; no handle's term rises. -/
public theorem rank_CacheCheckRemoving_fixC (b : Bounds) :
    RankDrops b (actOf .FixC true .CacheCheckRemoving) := by
  check_end_rank vSkipped

/-- `CacheStart`: the checked request (2) ends; the consumer it starts weighs 1, and the handle it resolves was ShapeCache's, so no handle's term rises. -/
public theorem rank_CacheStart (b : Bounds) :
    RankDrops b (actOf .SerializedRemoval true .CacheStart) := by
  intro s env hb hg
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨hsc, j, hjC, hj⟩ := hg
  generalize hs' : exec b s env _ s = s'
  have sc' : s' .sc 0 0 = vScIdle := by rw [← hs']; simp
  have cons' : ∀ c : Nat, s' .cons c 0 = if c = j then vStarting else s .cons c 0 := by
    intro c; rw [← hs']; by_cases e : c = j <;> simp [e, ← hj, hjC]
  have ps' : ∀ i : Nat, i < b.H → s' .pubState i 0 =
      if (i : Int) = (s .scHandle 0 0).asInt then vConsumer else s .pubState i 0 := by
    intro i hi; rw [← hs']
    by_cases e : (i : Int) = (s .scHandle 0 0).asInt
    · simp [← e, hi]
    · simp [e]
  have fr : ∀ v, v ∉ [Var.cons, Var.owner, Var.registry, Var.pubState, Var.pubConsumer,
      Var.nextConsumer, Var.sc, Var.scHandle] → ∀ i j, s' v i j = s v i j := by
    intro v hv i j
    simp at hv
    obtain ⟨h1, h2, h3, h4, h5, h6, h7, h8⟩ := hv
    rw [← hs']; simp [h1, h2, h3, h4, h5, h6, h7, h8]
  clear hs'
  have e1 := slcR_congr b s s' (fr .slc (by decide) 0 0)
  have e2 := mboxR_congr b s s' (fr .mbox (by decide) 0 0)
  have e3 : scR s' + 2 ≤ scR s := by simp [scR, sc', hsc]
  have e4 := sumN_le b.H (handleR s') (handleR s) (fun i hi => handleR_le_of s s' i
    (fr _ (by decide) _ _) (fr _ (by decide) _ _) (fun hc => by
      have hc1 := hc.1
      rw [ps' i hi] at hc1
      by_cases e : (i : Int) = (s .scHandle 0 0).asInt
      · rw [if_pos e] at hc1; simp at hc1
      · rw [if_neg e] at hc1; exact ⟨hc1, fun h => e h.2.symm⟩))
  have e5 := sumN_rise_at b.C (consR s') (consR s) j 1
    (fun c _ e => Nat.le_of_eq (consR_congr s s' c (by rw [cons' c, if_neg e])))
    (by have := consR_le_one s' j; omega)
  have e6 : sumN b.K (chainR b s') = sumN b.K (chainR b s) := sumN_congr _ _ _ (fun k _ =>
    chainR_congr b s s' k (fr _ (by decide) _ _) (fr _ (by decide) _ _)
      (fun i => fr _ (by decide) _ _) (fun i => fr _ (by decide) _ _))
  simp only [srRank]
  omega

/-- `ConsumerInit`: the consumer stops starting (1 to 0); its storage is not in the rank. -/
public theorem rank_ConsumerInit (b : Bounds) :
    RankDrops b (actOf .SerializedRemoval true .ConsumerInit) := by
  intro s env hb hg
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .c = n := ⟨(env .c).toNat, by omega⟩
  have hnb : n < b.C := by omega
  simp only [hn, show (0:Int) ≤ n by omega, show (n:Int) < b.C by omega, and_self, ↓reduceIte,
    true_and] at hg
  generalize hs' : exec b s env _ s = s'
  have cons' : ∀ c : Nat, s' .cons c 0 = if c = n then vRunning else s .cons c 0 := by
    intro c; rw [← hs']; by_cases e : c = n <;> simp [e, hnb, hn]
  have fr : ∀ v, v ≠ .cons → v ≠ .storage → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 i j; rw [← hs']; simp [h1, h2, hn]
  clear hs'
  have e1 := slcR_congr b s s' (fr .slc (by decide) (by decide) 0 0)
  have e2 := mboxR_congr b s s' (fr .mbox (by decide) (by decide) 0 0)
  have e3 := scR_congr s s' (fr .sc (by decide) (by decide) 0 0)
  have e4 : sumN b.H (handleR s') = sumN b.H (handleR s) := sumN_congr _ _ _ (fun h _ =>
    handleR_congr s s' h (fr _ (by decide) (by decide) _ _) (fr _ (by decide) (by decide) _ _)
      (fr _ (by decide) (by decide) _ _) (fr _ (by decide) (by decide) _ _)
      (fr _ (by decide) (by decide) _ _))
  have e5 := sumN_drop_at b.C (consR s') (consR s) n 1 hnb
    (fun c _ e => Nat.le_of_eq (consR_congr s s' c (by rw [cons' c, if_neg e])))
    (by simp [consR, cons' n, hg])
  have e6 : sumN b.K (chainR b s') = sumN b.K (chainR b s) := sumN_congr _ _ _ (fun k _ =>
    chainR_congr b s s' k (fr _ (by decide) (by decide) _ _) (fr _ (by decide) (by decide) _ _)
      (fun i => fr _ (by decide) (by decide) _ _) (fun i => fr _ (by decide) (by decide) _ _))
  simp only [srRank]
  omega

set_option hygiene false in
local macro "broadcast_rank" : tactic => `(tactic| (
  intro s env hb hg
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self, undeliverableEff]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨hslc, -⟩ := hg
  generalize hs' : exec b s env _ s = s'
  have slc' : s' .slc 0 0 = vSlcIdle := by rw [← hs']; simp
  have ps' : ∀ i : Nat, i < b.H → s' .pubState i 0 = vPubNone := by
    intro i hi; rw [← hs']; simp [hi]
  have fr : ∀ v, v ∉ [Var.applied, Var.orphanDelivery, Var.pubState, Var.pubConsumer, Var.slc,
      Var.pubTxn, Var.unacked, Var.undeliverable] → ∀ i j, s' v i j = s v i j := by
    intro v hv i j
    simp at hv
    obtain ⟨h1, h2, h3, h4, h5, h6, h7, h8⟩ := hv
    rw [← hs']
    simp [h1, h2, h3, h4, h5, h6, h7, h8, Ne.symm h1, Ne.symm h2, Ne.symm h3, Ne.symm h4,
      Ne.symm h5, Ne.symm h6, Ne.symm h7, Ne.symm h8]
  clear hs'
  have e1 : slcR b s' + 1 ≤ slcR b s := by simp [slcR, slc', hslc]
  have e2 := mboxR_congr b s s' (fr .mbox (by decide) 0 0)
  have e3 := scR_congr s s' (fr .sc (by decide) 0 0)
  have e4 := sumN_le b.H (handleR s') (handleR s) (fun i hi => handleR_le_of s s' i
    (fr _ (by decide) _ _) (fr _ (by decide) _ _) (fun hc => by
      have hc1 := hc.1
      rw [ps' i hi] at hc1; simp at hc1))
  have e5 : sumN b.C (consR s') = sumN b.C (consR s) := sumN_congr _ _ _ (fun c _ =>
    consR_congr s s' c (fr _ (by decide) _ _))
  have e6 : sumN b.K (chainR b s') = sumN b.K (chainR b s) := sumN_congr _ _ _ (fun k _ =>
    chainR_congr b s s' k (fr _ (by decide) _ _) (fr _ (by decide) _ _)
      (fun i => fr _ (by decide) _ _) (fun i => fr _ (by decide) _ _))
  simp only [srRank]
  omega))

/-- `SlcBroadcast`: the publish ends (1 to 0) and clears every routing, so no handle's term rises. -/
public theorem rank_SlcBroadcast (b : Bounds) :
    RankDrops b (actOf .SerializedRemoval true .SlcBroadcast) := by
  broadcast_rank

/-- FixA2's broadcast (HEAD: a `nil` is recorded as undeliverable) lowers the rank the same way. -/
public theorem rank_SlcBroadcast_fixA2 (b : Bounds) :
    RankDrops b (actOf .FixA2 true .SlcBroadcast) := by
  broadcast_rank

end ElectricRace
