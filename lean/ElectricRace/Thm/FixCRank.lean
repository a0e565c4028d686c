module

public import ElectricRace.Thm.SRRank
public import ElectricRace.Thm.FixCAll
public import ElectricRace.Spec.FixCRank

/-!
# FixC: forced steps alone cannot run forever

Every forced step of FixC lowers `fixCRank` (`Spec/FixCRank.lean`) from every reachable state, for
every `Bounds`. Most of FixC's forced rules are SerializedRemoval's rules, action for action: they
lower `srRank` wherever they are enabled (`Thm/SRRank/*.lean`) and write no chain step
`status`, so they lower `fixCRank` too. FixC's own rules: the ShapeStatus step trades its 6 for
the stop's 5 (tombstoning its shape only ends other chains' waits on a lost request); routing
with the tombstone filter and ShapeCache's tombstone answer are proved next to their
SerializedRemoval versions; the `send(nil)` crash is not enabled under `InvCAll`.
-/

namespace ElectricRace

@[expose] public section

/-- Rule `a` lowers `fixCRank` from every state satisfying `InvCAll` in which it is enabled. -/
def RankDropsC (b : Bounds) (a : Action) : Prop :=
  ∀ s env, bindingOk b env a.params = true → guardsOk b s env a.guards = true → InvCAll b s →
    fixCRank b (exec b s env a.effect s) < fixCRank b s

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

/-- A rule that writes chain steps only with literals other than `status` raises no chain's
status term. -/
theorem statusSum_le_of_lit (b : Bounds) (s : State) (env : Env) (e : Effect)
    (h : writesLit .chainPc (fun x => decide (x ≠ vStatus)) e = true) :
    sumN b.K (statusR (exec b s env e s)) ≤ sumN b.K (statusR s) :=
  sumN_le _ _ _ (fun k _ => by
    rcases exec_lit b s .chainPc _ k 0 e env s h with h' | h'
    · simp only [statusR, h']; exact Nat.le_refl _
    · simp only [statusR]; simp at h'; simp [h'])

/-- A rule that lowers `srRank` wherever it is enabled and writes no chain step `status` lowers
`fixCRank`. -/
theorem rankC_of {b : Bounds} {a : Action} (hr : RankDrops b a)
    (hw : writesLit .chainPc (fun x => decide (x ≠ vStatus)) a.effect = true) :
    RankDropsC b a := by
  intro s env hb hg _
  have h1 := hr s env hb hg
  have h2 := statusSum_le_of_lit b s env a.effect hw
  simp only [fixCRank]
  omega

/-- A chain's term does not rise when its step, its shape and the removal requests are kept and
no shape becomes present. -/
theorem chainR_le_of_unpresent (b : Bounds) (s s' : State) (k : Nat)
    (e1 : s' .chainPc k 0 = s .chainPc k 0) (e2 : s' .chainHandle k 0 = s .chainHandle k 0)
    (e3 : ∀ i, s' .status i 0 = vPresent → s .status i 0 = vPresent)
    (e4 : ∀ i, s' .removeNow i 0 = s .removeNow i 0) :
    chainR b s' k ≤ chainR b s k := by
  have hw : waitLost b s' k → waitLost b s k := by
    simp only [waitLost, read1, e2, e4]
    intro ⟨h1, h2⟩
    refine ⟨?_, h2⟩
    by_cases d : inDom b Var.status.dim1 (s .chainHandle k 0).asInt = true
    · simp only [d, ↓reduceIte] at h1 ⊢; exact e3 _ h1
    · simp only [d, ↓reduceIte, Bool.false_eq_true] at h1 ⊢; exact h1
  simp only [chainR, e1]
  split
  · exact Nat.le_refl _
  split
  · by_cases w : waitLost b s' k
    · rw [if_pos w, if_pos (hw w)]; exact Nat.le_refl _
    · rw [if_neg w]; split <;> omega
  · exact Nat.le_refl _

/-- A rule that writes ShapeStatus only with values other than `present` makes no shape
present. -/
theorem status_unpresent_of_lit (b : Bounds) (s : State) (env : Env) (e : Effect)
    (h : writesLit .status (fun x => decide (x ≠ vPresent)) e = true) (i : Int)
    (hp : exec b s env e s .status i 0 = vPresent) : s .status i 0 = vPresent := by
  rcases exec_lit b s .status _ i 0 e env s h with h' | h'
  · rwa [h'] at hp
  · rw [hp] at h'; simp at h'

/-- FixC's ShapeStatus step: the chain moves from `status` (6) to its stop (5) or aborts (0);
tombstoning its shape only ends other chains' waits on a lost request. -/
theorem rankC_CleanerStatus (b : Bounds) : RankDropsC b (actOf .FixC true .CleanerStatus) := by
  intro s env hb hg _
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
  have sto : ∀ i, s' .status i 0 = vPresent → s .status i 0 = vPresent := by
    intro i hp
    rw [← hs'] at hp
    exact status_unpresent_of_lit b s env _ (by decide) i hp
  have pcn : s' .chainPc n 0 = vStop ∨ s' .chainPc n 0 = vAborted := by
    rw [← hs']; simp [hnb, hn]
    all_goals ((repeat' split) <;> first | (simp_all; done) | exact Decidable.em _)
  have pco : ∀ k : Nat, k ≠ n → s' .chainPc k 0 = s .chainPc k 0 := by
    intro k e; rw [← hs']; simp [e, hn]
  have fr : ∀ v, v ≠ .chainPc → v ≠ .status → ∀ i j, s' v i j = s v i j := by
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
  have e6 := sumN_rise_at b.K (chainR b s') (chainR b s) n 5
    (fun k _ e => chainR_le_of_unpresent b s s' k (pco k e) (fr _ (by decide) (by decide) _ _)
      sto (fun i => fr _ (by decide) (by decide) _ _))
    (by rcases pcn with p | p <;> simp [chainR, p])
  have e7 := sumN_drop_at b.K (statusR s') (statusR s) n 6 hnb
    (fun k _ e => by simp only [statusR, pco k e]; exact Nat.le_refl _)
    (by rcases pcn with p | p <;> simp [statusR, p, hg])
  simp only [fixCRank, srRank] at *
  omega

/-- A `send(nil)` crash is not enabled under `InvCAll`: no handle's publish resolved to `nil`. -/
theorem rankC_SlcCrash (b : Bounds) : RankDropsC b (actOf .FixC true .SlcCrash) := by
  intro s env hb hg hI
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨-, -, -, -, C5⟩ := hI
  simp only [vNil] at C5
  exfalso
  obtain ⟨-, -, -, x, hx, hn⟩ := hg
  simp [hx] at hn
  exact C5 x hx hn

/-- The labels of FixC's rules. -/
theorem fixC_labels : (rules .FixC).map Action.label =
    [.RemoveShape, .CleanerStatus, .CleanerStop, .CleanerStorage, .CleanerSlcRemove,
     .BatcherFlush, .SlcApplyBatch, .TxnArrive, .SlcRoute, .SlcResolveRegistered,
     .SlcResolveAsk, .CacheCheckOk, .CacheCheckNoShape, .CacheCheckRemoving, .CacheStart,
     .SlcBroadcast, .SlcCrash, .ConsumerInit, .ConsumerSuspend, .ConsumerCrash,
     .ConsumerSelfClean, .ConsumerKill, .SlcFail, .SlcRestart] := by decide

/-- Every forced step of FixC lowers the rank from a state satisfying `InvCAll`. -/
theorem rankDropsC_forced (b : Bounds) : ∀ a ∈ forcedSteps (rules .FixC), RankDropsC b a := by
  intro a ha
  obtain ⟨hm, hu⟩ := of_mem_forcedSteps _ a ha
  have hl : a.label ∈ (rules .FixC).map Action.label := List.mem_map_of_mem hm
  rw [fixC_labels] at hl
  rw [eq_actOf .FixC true uniqueC a hm]
  generalize a.label = l at hl hu
  cases l
  all_goals first
      | (simp [unforced] at hu; done)
      | (simp at hl; done)
      | exact rankC_CleanerStatus b
      | exact rankC_SlcCrash b
      | exact rankC_of (rank_SlcRoute_fixC b) (by decide)
      | exact rankC_of (rank_CacheCheckRemoving_fixC b) (by decide)
      | exact rankC_of (rank_CleanerStop b) (by decide)
      | exact rankC_of (rank_CleanerStorage b) (by decide)
      | exact rankC_of (rank_CleanerSlcRemove b) (by decide)
      | exact rankC_of (rank_BatcherFlush b) (by decide)
      | exact rankC_of (rank_SlcApplyBatch b) (by decide)
      | exact rankC_of (rank_SlcRestart b) (by decide)
      | exact rankC_of (rank_SlcResolveRegistered b) (by decide)
      | exact rankC_of (rank_SlcResolveAsk b) (by decide)
      | exact rankC_of (rank_CacheCheckOk b) (by decide)
      | exact rankC_of (rank_CacheCheckNoShape b) (by decide)
      | exact rankC_of (rank_CacheStart b) (by decide)
      | exact rankC_of (rank_ConsumerInit b) (by decide)
      | exact rankC_of (rank_SlcBroadcast b) (by decide)

/-- **FixC's forced steps cannot run forever, for every number of shapes, consumers, cleaner
chains and transactions.** From every reachable state (external collector crashes included),
every enabled forced step lowers the natural number `fixCRank b s`. For Electric: with the
tombstone, once nothing new arrives (no removal, transaction, external crash or consumer exit),
the system comes to rest within `fixCRank b s` steps of its own. -/
public theorem fixC_forcedSteps_terminate_allBounds :
    ∀ (b : Bounds) (s : State), Reachable b (rules .FixC) s →
      ∀ a ∈ forcedSteps (rules .FixC), ∀ env : Env,
        bindingOk b env a.params = true → guardsOk b s env a.guards = true →
          fixCRank b (exec b s env a.effect s) < fixCRank b s := by
  intro b s hs a ha env hb hg
  exact rankDropsC_forced b a ha s env hb hg (fixC_invariant_allBounds b s hs)

end ElectricRace
