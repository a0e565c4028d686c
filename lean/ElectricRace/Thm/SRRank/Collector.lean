module

public import ElectricRace.Thm.SRRank.Basic

/-!
# The ranking function: the collector's steps

The batcher's flush and the collector's batch, removal request, routing and restart each consume
more weight than they create: a flush trades a batched removal (2) for a batch message (1); a
batch, a removal request and a restart consume a message, a request or the collector's down
weight and change no chain's term (a shape's presence in ShapeStatus is what chains read, and a
tombstone dropped to absent is no presence change); routing consumes a transaction event, whose
weight `4H + 2` exceeds the `H` pending routings and the publish it starts. A `send(nil)` crash
is not enabled under `InvSR`.
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

/-- The flush: a batched removal (2) becomes part of a batch message (at most 1 more). -/
public theorem rank_BatcherFlush (b : Bounds) :
    RankDrops b (actOf .SerializedRemoval true .BatcherFlush) := by
  intro s env hb hg
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨-, -, h0, hh0, hp0⟩ := hg
  try simp [hh0] at hp0
  generalize hs' : exec b s env _ s = s'
  have pr' : ∀ h : Nat, h < b.H → s' .pendingRemove h 0 = .b false := by
    intro h hh; rw [← hs']; simp [hh]
  have mb' : s' .mbox 0 0 = (if s .mbox 0 0 = vEmpty then vB
      else if s .mbox 0 0 = vE then vEB else s .mbox 0 0) := by
    rw [← hs']; simp
  have fr : ∀ v, v ≠ .pendingRemove → v ≠ .batchRemove → v ≠ .mbox → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 h3 i j; rw [← hs']; simp [h1, h2, h3, Ne.symm h1, Ne.symm h2, Ne.symm h3]
  clear hs'
  have e1 := slcR_congr b s s' (fr .slc (by decide) (by decide) (by decide) 0 0)
  have e2 : mboxR b s' ≤ mboxR b s + 1 := by
    by_cases m1 : s .mbox 0 0 = vEmpty
    · have m' : s' .mbox 0 0 = vB := by rw [mb', if_pos m1]
      rw [m1] at *
      simp [mboxR, m', m1]
    by_cases m2 : s .mbox 0 0 = vE
    · have m' : s' .mbox 0 0 = vEB := by rw [mb', if_neg m1, if_pos m2]
      simp [mboxR, m', m2]
    · rw [mboxR_congr b s s' (by rw [mb', if_neg m1, if_neg m2])]; omega
  have e3 := scR_congr s s' (fr .sc (by decide) (by decide) (by decide) 0 0)
  have e4 : sumN b.H (handleR s') + 2 ≤ sumN b.H (handleR s) :=
    sumN_add_le b.H _ _ h0 2 hh0 (fun i hi => by
      have q1 := pr' i hi
      have q2 := fr .removeNow (by decide) (by decide) (by decide) i 0
      have q3 := fr .pubState (by decide) (by decide) (by decide) i 0
      have q4 := fr .sc (by decide) (by decide) (by decide) 0 0
      have q5 := fr .scHandle (by decide) (by decide) (by decide) 0 0
      simp only [handleR, scHolds, q1, q2, q3, q4, q5]
      by_cases e : i = h0
      · subst e; simp [hp0]; try omega
      · simp [e])
  have e5 := sumN_congr b.C _ _ (fun c _ => consR_congr s s' c
    (fr .cons (by decide) (by decide) (by decide) c 0))
  have e6 := sumN_congr b.K _ _ (fun k _ => chainR_congr b s s' k
    (fr _ (by decide) (by decide) (by decide) _ _) (fr _ (by decide) (by decide) (by decide) _ _)
    (fun i => fr _ (by decide) (by decide) (by decide) _ _)
    (fun i => fr _ (by decide) (by decide) (by decide) _ _))
  simp only [srRank]
  omega

set_option hygiene false in
local macro "apply_batch_rank" : tactic => `(tactic| (
  intro s env hb hg
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨-, hm⟩ := hg
  generalize hs' : exec b s env _ s = s'
  have st' : ∀ n : Nat, n < b.H → (s' .status n 0 = vPresent ↔ s .status n 0 = vPresent) := by
    intro n hn; rw [← hs']; simp [hn]
    all_goals ((repeat' split) <;> simp_all)
  have mb' : s' .mbox 0 0 = (if s .mbox 0 0 = vB then vEmpty else vE) := by
    rw [← hs']; simp
  have fr : ∀ v, v ≠ .router → v ≠ .registry → v ≠ .status → v ≠ .batchRemove → v ≠ .mbox →
      ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 h3 h4 h5 i j; rw [← hs']
    simp [h1, h2, h3, h4, h5, Ne.symm h1, Ne.symm h2, Ne.symm h3, Ne.symm h4, Ne.symm h5]
  clear hs'
  have e1 := slcR_congr b s s' (fr .slc (by decide) (by decide) (by decide) (by decide) (by decide) 0 0)
  have e2 : mboxR b s' + 1 ≤ mboxR b s := by
    rcases hm with m | m
    · simp [mboxR, mb', m]
    · simp [mboxR, mb', m]
  have e3 := scR_congr s s' (fr .sc (by decide) (by decide) (by decide) (by decide) (by decide) 0 0)
  have e4 := sumN_congr b.H _ _ (fun h _ => handleR_congr s s' h
    (fr _ (by decide) (by decide) (by decide) (by decide) (by decide) _ _)
    (fr _ (by decide) (by decide) (by decide) (by decide) (by decide) _ _)
    (fr _ (by decide) (by decide) (by decide) (by decide) (by decide) _ _)
    (fr _ (by decide) (by decide) (by decide) (by decide) (by decide) _ _)
    (fr _ (by decide) (by decide) (by decide) (by decide) (by decide) _ _))
  have e5 := sumN_congr b.C _ _ (fun c _ => consR_congr s s' c
    (fr .cons (by decide) (by decide) (by decide) (by decide) (by decide) c 0))
  have e6 := sumN_congr b.K _ _ (fun k _ => chainR_congr_present b s s' k
    (fr _ (by decide) (by decide) (by decide) (by decide) (by decide) _ _)
    (fr _ (by decide) (by decide) (by decide) (by decide) (by decide) _ _) st'
    (fun i => fr _ (by decide) (by decide) (by decide) (by decide) (by decide) _ _))
  simp only [srRank]
  omega))

/-- The batch: its message (1) is consumed; the dropped tombstones change no shape's presence. -/
public theorem rank_SlcApplyBatch (b : Bounds) :
    RankDrops b (actOf .SerializedRemoval true .SlcApplyBatch) := by
  apply_batch_rank

/-- FixA2's batch (no tombstone to drop) lowers the rank the same way. -/
public theorem rank_SlcApplyBatch_fixA2 (b : Bounds) :
    RankDrops b (actOf .FixA2 true .SlcApplyBatch) := by
  apply_batch_rank

/-- The removal request: its handle's request (1) is consumed; a chain on that handle was not
waiting on a lost request before (the request was outstanding) nor after (no longer present). -/
public theorem rank_SlcRemoveNow (b : Bounds) :
    RankDrops b (actOf .SerializedRemoval true .SlcRemoveNow) := by
  intro s env hb hg
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .h = n := ⟨(env .h).toNat, by omega⟩
  have hnb : n < b.H := by omega
  simp only [hn] at hg ⊢
  try simp only [show ¬ ((n : Int) < 0) by omega, false_or] at hg
  try simp only [show ¬ ((b.H : Int) ≤ n) by omega, false_or] at hg
  try simp only [show ¬ (b.H ≤ n) by omega, false_or] at hg
  try simp only [show (0:Int) ≤ n by omega, show (n:Int) < b.H by omega, and_self, if_true] at hg
  try simp [hnb] at hg
  obtain ⟨-, hr⟩ := hg
  generalize hs' : exec b s env _ s = s'
  have rn' : ∀ i : Int, s' .removeNow i 0 = if i = n then .b false else s .removeNow i 0 := by
    intro i; rw [← hs']; by_cases e : i = n <;> simp [e, hnb, hn]
  have stn : s' .status n 0 ≠ vPresent := by
    rw [← hs']; simp [hnb, hn]; split <;> simp_all
  have sto : ∀ i : Int, i ≠ n → s' .status i 0 = s .status i 0 := by
    intro i e; rw [← hs']; simp [e, hn]
  have fr : ∀ v, v ≠ .router → v ≠ .status → v ≠ .removeNow → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 h3 i j; rw [← hs']; simp [h1, h2, h3, hn]
  clear hs'
  have e1 := slcR_congr b s s' (fr .slc (by decide) (by decide) (by decide) 0 0)
  have e2 := mboxR_congr b s s' (fr .mbox (by decide) (by decide) (by decide) 0 0)
  have e3 := scR_congr s s' (fr .sc (by decide) (by decide) (by decide) 0 0)
  have e4 : sumN b.H (handleR s') + 1 ≤ sumN b.H (handleR s) :=
    sumN_add_le b.H _ _ n 1 hnb (fun i hi => by
      have q1 := fr .pendingRemove (by decide) (by decide) (by decide) i 0
      have q2 := rn' i
      have q3 := fr .pubState (by decide) (by decide) (by decide) i 0
      have q4 := fr .sc (by decide) (by decide) (by decide) 0 0
      have q5 := fr .scHandle (by decide) (by decide) (by decide) 0 0
      simp only [handleR, scHolds, q1, q2, q3, q4, q5]
      by_cases e : i = n
      · subst e; simp [hr]; try omega
      · have e' : ¬ ((i : Int) = n) := by omega
        simp [e, e'])
  have e5 := sumN_congr b.C _ _ (fun c _ => consR_congr s s' c
    (fr .cons (by decide) (by decide) (by decide) c 0))
  have e6 := sumN_congr b.K _ _ (fun k _ => by
    have p1 := fr .chainPc (by decide) (by decide) (by decide) k 0
    have p2 := fr .chainHandle (by decide) (by decide) (by decide) k 0
    by_cases ej : (s .chainHandle k 0).asInt = n
    · apply chainR_congr_wait b s s' k p1
      have w1 : ¬ waitLost b s k := by
        intro ⟨_, w⟩; apply w; rw [ej, read1_natCast b s .removeNow n hnb]; exact hr
      have w2 : ¬ waitLost b s' k := by
        intro ⟨w, _⟩; apply stn; rw [p2, ej, read1_natCast b s' .status n hnb] at w; exact w
      exact ⟨fun h => absurd h w2, fun h => absurd h w1⟩
    · apply chainR_congr_wait b s s' k p1
      have r3 : read1 b s' .status (s .chainHandle k 0).asInt =
          read1 b s .status (s .chainHandle k 0).asInt := by
        unfold read1; rw [sto _ ej]
      have r4 : read1 b s' .removeNow (s .chainHandle k 0).asInt =
          read1 b s .removeNow (s .chainHandle k 0).asInt := by
        unfold read1; rw [rn' _, if_neg ej]
      show (read1 b s' .status (s' .chainHandle k 0).asInt = vPresent ∧
          read1 b s' .removeNow (s' .chainHandle k 0).asInt ≠ .b true) ↔
        (read1 b s .status (s .chainHandle k 0).asInt = vPresent ∧
          read1 b s .removeNow (s .chainHandle k 0).asInt ≠ .b true)
      rw [p2, r3, r4])
  simp only [srRank]
  omega

set_option hygiene false in
local macro "restart_rank" : tactic => `(tactic| (
  intro s env hb hg
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  generalize hs' : exec b s env _ s = s'
  have st' : ∀ n : Nat, n < b.H → (s' .status n 0 = vPresent ↔ s .status n 0 = vPresent) := by
    intro n hn; rw [← hs']; simp [hn]
    all_goals ((repeat' split) <;> simp_all)
  have sl' : s' .slc 0 0 = vSlcIdle := by rw [← hs']; simp
  have mb' : s' .mbox 0 0 = vE ∨ s' .mbox 0 0 = vEmpty := by
    rw [← hs']; by_cases e : s .unacked 0 0 = .i (-1) <;> simp [e]
  have fr : ∀ v, v ≠ .slc → v ≠ .status → v ≠ .router → v ≠ .mbox → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 h3 h4 i j; rw [← hs']
    simp [h1, h2, h3, h4, Ne.symm h1, Ne.symm h2, Ne.symm h3, Ne.symm h4]
  clear hs'
  have e1 : slcR b s' + (eventW b + 2) = slcR b s := by simp [slcR, sl', hg]
  have e2 : mboxR b s' ≤ eventW b := by
    rcases mb' with m | m <;> simp [mboxR, m]
  have e3 := scR_congr s s' (fr .sc (by decide) (by decide) (by decide) (by decide) 0 0)
  have e4 := sumN_congr b.H _ _ (fun h _ => handleR_congr s s' h
    (fr _ (by decide) (by decide) (by decide) (by decide) _ _)
    (fr _ (by decide) (by decide) (by decide) (by decide) _ _)
    (fr _ (by decide) (by decide) (by decide) (by decide) _ _)
    (fr _ (by decide) (by decide) (by decide) (by decide) _ _)
    (fr _ (by decide) (by decide) (by decide) (by decide) _ _))
  have e5 := sumN_congr b.C _ _ (fun c _ => consR_congr s s' c
    (fr .cons (by decide) (by decide) (by decide) (by decide) c 0))
  have e6 := sumN_congr b.K _ _ (fun k _ => chainR_congr_present b s s' k
    (fr _ (by decide) (by decide) (by decide) (by decide) _ _)
    (fr _ (by decide) (by decide) (by decide) (by decide) _ _) st'
    (fun i => fr _ (by decide) (by decide) (by decide) (by decide) _ _))
  simp only [srRank]
  omega))

/-- The restart: the collector's down weight (`4H + 4`) outweighs the one event it re-sends
(`4H + 2`); dropping tombstones and rebuilding the router change no handle's or chain's term. -/
public theorem rank_SlcRestart (b : Bounds) :
    RankDrops b (actOf .SerializedRemoval true .SlcRestart) := by
  restart_rank

/-- FixA2's restart (no tombstone to drop) lowers the rank the same way. -/
public theorem rank_SlcRestart_fixA2 (b : Bounds) :
    RankDrops b (actOf .FixA2 true .SlcRestart) := by
  restart_rank

-- Routing: the transaction event (`4H + 2`) is consumed; it starts a publish (1) and makes at
-- most `H` handles pending (at most 4 each), whichever handles the variant's filter selects.
set_option hygiene false in
local macro "route_rank" : tactic => `(tactic| (
  intro s env hb hg
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨hsl, hm⟩ := hg
  generalize hs' : exec b s env _ s = s'
  have sl' : s' .slc 0 0 = vPublishing := by rw [← hs']; simp
  have mb' : s' .mbox 0 0 = (if s .mbox 0 0 = vE then vEmpty else vB) := by
    rw [← hs']; simp
  have fr : ∀ v, v ≠ .slc → v ≠ .pubTxn → v ≠ .mbox → v ≠ .pubState → ∀ i j, s' v i j = s v i j := by
    intro v h1 h2 h3 h4 i j; rw [← hs']
    simp [h1, h2, h3, h4, Ne.symm h1, Ne.symm h2, Ne.symm h3, Ne.symm h4]
  clear hs'
  have e1 : slcR b s' = slcR b s + 1 := by simp [slcR, sl', hsl]
  have e2 : mboxR b s' + eventW b = mboxR b s := by
    rcases hm with m | m
    · simp [mboxR, mb', m]
    · simp [mboxR, mb', m]; try omega
  have e3 := scR_congr s s' (fr .sc (by decide) (by decide) (by decide) (by decide) 0 0)
  have e4 := sumN_le_add_mul b.H 4 _ _ (fun h _ => handleR_le_of_flags s s' h
    (fr _ (by decide) (by decide) (by decide) (by decide) _ _)
    (fr _ (by decide) (by decide) (by decide) (by decide) _ _))
  have e5 := sumN_congr b.C _ _ (fun c _ => consR_congr s s' c
    (fr .cons (by decide) (by decide) (by decide) (by decide) c 0))
  have e6 := sumN_congr b.K _ _ (fun k _ => chainR_congr b s s' k
    (fr _ (by decide) (by decide) (by decide) (by decide) _ _)
    (fr _ (by decide) (by decide) (by decide) (by decide) _ _)
    (fun i => fr _ (by decide) (by decide) (by decide) (by decide) _ _)
    (fun i => fr _ (by decide) (by decide) (by decide) (by decide) _ _))
  simp only [srRank, eventW] at *
  omega))

/-- Routing: the transaction event (`4H + 2`) is consumed; it starts a publish (1) and makes
at most `H` handles pending (at most 4 each). -/
public theorem rank_SlcRoute (b : Bounds) :
    RankDrops b (actOf .SerializedRemoval true .SlcRoute) := by
  route_rank

/-- FixC's routing (tombstoned shapes skipped) lowers the rank the same way. -/
public theorem rank_SlcRoute_fixC (b : Bounds) :
    RankDrops b (actOf .FixC true .SlcRoute) := by
  route_rank

/-- A `send(nil)` crash is not enabled under `InvSR`: no handle's publish resolved to `nil`. -/
public theorem rank_SlcCrash (b : Bounds) :
    RankDropsSR b (actOf .SerializedRemoval true .SlcCrash) := by
  intro s env hb hg hI
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨-, -, -, -, -, C6, -⟩ := hI
  simp only [vNil] at C6
  exfalso
  obtain ⟨-, -, -, x, hx, hn⟩ := hg
  simp [hx] at hn
  exact C6 x hx hn

end ElectricRace
