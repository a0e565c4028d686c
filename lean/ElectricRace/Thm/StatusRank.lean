module

public import ElectricRace.Thm.SRRank
public import ElectricRace.Spec.StatusRank

/-!
# The status rank: what carries over from `srRank`, and the ShapeStatus step

`RankDropsS b a`: rule `a` lowers `statusRank` (`Spec/StatusRank.lean`) wherever it is enabled.
A rule that lowers `srRank` wherever it is enabled (`RankDrops`, `Thm/SRRank/*.lean`) and writes
no chain step `status` lowers `statusRank` too (`rankS_of`): that covers every forced rule FixC
and FixA2 share with SerializedRemoval, action for action. The ShapeStatus step itself, FixC's
(tombstone, then stop or abort) and FixA2's (absent, then stop or `slcRemove`), trades its 6 for
at most 5 and makes no shape present, so other chains' terms do not rise.
-/

namespace ElectricRace

@[expose] public section

/-- Rule `a` lowers `statusRank` from every state in which it is enabled. -/
def RankDropsS (b : Bounds) (a : Action) : Prop :=
  ∀ s env, bindingOk b env a.params = true → guardsOk b s env a.guards = true →
    statusRank b (exec b s env a.effect s) < statusRank b s

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
public theorem statusSum_le_of_lit (b : Bounds) (s : State) (env : Env) (e : Effect)
    (h : writesLit .chainPc (fun x => decide (x ≠ vStatus)) e = true) :
    sumN b.K (statusR (exec b s env e s)) ≤ sumN b.K (statusR s) :=
  sumN_le _ _ _ (fun k _ => by
    rcases exec_lit b s .chainPc _ k 0 e env s h with h' | h'
    · simp only [statusR, h']; exact Nat.le_refl _
    · simp only [statusR]; simp at h'; simp [h'])

/-- A rule that lowers `srRank` wherever it is enabled and writes no chain step `status` lowers
`statusRank`. -/
public theorem rankS_of {b : Bounds} {a : Action} (hr : RankDrops b a)
    (hw : writesLit .chainPc (fun x => decide (x ≠ vStatus)) a.effect = true) :
    RankDropsS b a := by
  intro s env hb hg
  have h1 := hr s env hb hg
  have h2 := statusSum_le_of_lit b s env a.effect hw
  simp only [statusRank]
  omega

/-- A chain's term does not rise when its step, its shape and the removal requests are kept and
no shape becomes present. -/
public theorem chainR_le_of_unpresent (b : Bounds) (s s' : State) (k : Nat)
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
public theorem status_unpresent_of_lit (b : Bounds) (s : State) (env : Env) (e : Effect)
    (h : writesLit .status (fun x => decide (x ≠ vPresent)) e = true) (i : Int)
    (hp : exec b s env e s .status i 0 = vPresent) : s .status i 0 = vPresent := by
  rcases exec_lit b s .status _ i 0 e env s h with h' | h'
  · rwa [h'] at hp
  · rw [hp] at h'; simp at h'

-- The ShapeStatus step: the chain moves from `status` (6) to its stop (5), its `slcRemove` (3) or
-- aborts (0); the status write makes no shape present. Unhygienic: the script names `b`.
set_option hygiene false in
local macro "status_step_rank" : tactic => `(tactic| (
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
  have sto : ∀ i, s' .status i 0 = vPresent → s .status i 0 = vPresent := by
    intro i hp
    rw [← hs'] at hp
    exact status_unpresent_of_lit b s env _ (by decide) i hp
  have pcn : s' .chainPc n 0 = vStop ∨ s' .chainPc n 0 = vAborted ∨ s' .chainPc n 0 = vSlcRemove := by
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
    (by rcases pcn with p | p | p <;> simp [chainR, p])
  have e7 := sumN_drop_at b.K (statusR s') (statusR s) n 6 hnb
    (fun k _ e => by simp only [statusR, pco k e]; exact Nat.le_refl _)
    (by rcases pcn with p | p | p <;> simp [statusR, p, hg])
  simp only [statusRank, srRank] at *
  omega))

/-- FixC's ShapeStatus step (tombstone, then stop; abort if the shape is gone). -/
public theorem rankS_CleanerStatus_fixC (b : Bounds) :
    RankDropsS b (actOf .FixC true .CleanerStatus) := by
  status_step_rank

/-- FixA2's ShapeStatus step (absent, then stop; `slcRemove` if the shape is gone). -/
public theorem rankS_CleanerStatus_fixA2 (b : Bounds) :
    RankDropsS b (actOf .FixA2 true .CleanerStatus) := by
  status_step_rank

end ElectricRace
