module

public import ElectricRace.Thm.FixCAck.Inv
public import ElectricRace.Spec.FixA2AckInv

/-!
# FixA2's acknowledgement facts hold in every reachable state, for every Bounds

`InvA2Ack` (`Spec/FixA2AckInv.lean`): routing is set only by the restart, from ShapeStatus's
`present`, and ShapeStatus moves only from present to absent (a chain's status step); routing
marks only routed handles pending, a ShapeCache request is taken only for a pending handle, and
the batch that drops routes runs only while the collector is idle, when nothing is pending and
ShapeCache holds nothing; ShapeCache takes a request only for an unregistered shape, and only
its own start, which ends the request, registers a consumer while it holds one.
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
  forallH existsH forallC forallK undeliverableEff
  vAbsent vPresent vTombstoned vSAbsent vSPresent vSCleaned vPubNone vPending vNil vConsumer
  vSkipped vUnused vStarting vRunning vDeadCleanup vDeadSuspend vDeadCrash vDeadKilled
  vDeadShutdown vIdle vRouterRemove vRouterWait vStatus vStop vStorage vSlcRemove vDone
  vAborted vEmpty vE vB vEB vBE vSlcIdle vPublishing vDown vScIdle vRequested vChecked
  vNoCause vSendNil vExternal

/-- FixA2's labels are unique, so every rule is `actOf .FixA2 true` of its label. -/
public theorem uniqueA2 : uniqueLabels (rules .FixA2) = true := by decide

/-- `InvA2Ack` reads only `invA2AckVars`. -/
public theorem invA2Ack_dependsOn (b : Bounds) : DependsOn (InvA2Ack b) invA2AckVars := by
  intro s s' e hi
  have e1 := e .router (by decide)
  have e2 := e .status (by decide)
  have e3 := e .sc (by decide)
  have e4 := e .slc (by decide)
  have e5 := e .scHandle (by decide)
  have e6 := e .pubState (by decide)
  have e7 := e .registry (by decide)
  simp only [InvA2Ack, e1, e2, e3, e4, e5, e6, e7]
  exact hi

/-- Every initial state satisfies `InvA2Ack`: a routed shape is present, ShapeCache is idle,
nothing is pending. -/
public theorem initA2Ack (b : Bounds) (s : State) (h0 : initOk b s = true) : InvA2Ack b s := by
  simp [initOk, initConds] at h0
  obtain ⟨-, hr, -, -, -, -, -, hp, -, -, -, -, -, -, -, -, -, -, hsc, -⟩ := h0
  refine ⟨fun h hh hrt => ?_, fun hne => absurd hsc hne, fun h hh hpe => ?_,
    fun hne => absurd hsc hne⟩
  · left
    have hrh := hr h hh
    simp [hh, hrt] at hrh
    first | exact hrh | simpa [vPresent] using hrh | simpa [vPresent] using hrh.symm
  · rcases hp h hh with hph | hph
    · omega
    · rw [hph] at hpe; exact absurd hpe (by decide)

-- One rule's obligation: unfold the rule (`a2_unfold`), then split the four conjuncts and follow
-- each written cell (`a2_close`). Unhygienic, so a proof can name `hg` in between.
set_option hygiene false in
local macro "a2_unfold" : tactic => `(tactic| (
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg))

set_option hygiene false in
local macro "a2_close" : tactic => `(tactic| (
  obtain ⟨A1, A2, A3, A4⟩ := hi
  simp only [vPresent, vAbsent, vScIdle, vPublishing, vPending] at A1 A2 A3 A4
  refine ⟨fun h hh => ?_, ?_, fun h hh => ?_, ?_⟩
  all_goals (try (have A1h := A1 h hh; have A3h := A3 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)))

local macro "a2_rule" : tactic => `(tactic| (a2_unfold; a2_close))

/-- A chain's status step makes a present shape absent. -/
public theorem presA2_CleanerStatus (b : Bounds) :
    Preserves b (InvA2Ack b) (actOf .FixA2 true .CleanerStatus) := by a2_rule
/-- Routing marks only routed handles pending. -/
public theorem presA2_SlcRoute (b : Bounds) :
    Preserves b (InvA2Ack b) (actOf .FixA2 true .SlcRoute) := by a2_rule
/-- Resolving a pending handle to its consumer. -/
public theorem presA2_SlcResolveRegistered (b : Bounds) :
    Preserves b (InvA2Ack b) (actOf .FixA2 true .SlcResolveRegistered) := by a2_rule
/-- ShapeCache takes a request for a pending, unregistered handle. -/
public theorem presA2_SlcResolveAsk (b : Bounds) :
    Preserves b (InvA2Ack b) (actOf .FixA2 true .SlcResolveAsk) := by
  a2_unfold
  obtain ⟨hp, hs, hr⟩ := hg
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .h = n := ⟨(env .h).toNat, by omega⟩
  have hnb : n < b.H := by omega
  have hr' : s .registry (env .h) 0 = .i (-1) := by
    rcases hr with h | h | h
    · omega
    · omega
    · exact h
  have A3n := hi.2.2.1 n hnb (by
    rw [← hn]; have hp' := hp; simp only [hb.1, hb.2, and_self, if_true] at hp'; exact hp')
  obtain ⟨A3s, A3r⟩ := A3n
  obtain ⟨A1, -, A3, -⟩ := hi
  simp only [vPresent, vAbsent, vScIdle, vPublishing, vPending] at A1 A3
  refine ⟨fun h hh => ?_, fun _ => ⟨by simpa using A3s, n, hnb, by simp [hn], by simpa using A3r⟩,
    fun h hh => ?_, fun _ => by simpa [hn] using hr'⟩
  all_goals (try (have A1h := A1 h hh; have A3h := A3 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)
/-- The check keeps the request. -/
public theorem presA2_CacheCheckOk (b : Bounds) :
    Preserves b (InvA2Ack b) (actOf .FixA2 true .CacheCheckOk) := by a2_rule
/-- The `:no_shape` answer ends the request. -/
public theorem presA2_CacheCheckNoShape (b : Bounds) :
    Preserves b (InvA2Ack b) (actOf .FixA2 true .CacheCheckNoShape) := by a2_rule
/-- The start registers the consumer and ends the request. -/
public theorem presA2_CacheStart (b : Bounds) :
    Preserves b (InvA2Ack b) (actOf .FixA2 true .CacheStart) := by a2_rule
/-- The broadcast ends the publish with nothing pending. -/
public theorem presA2_SlcBroadcast (b : Bounds) :
    Preserves b (InvA2Ack b) (actOf .FixA2 true .SlcBroadcast) := by a2_rule
/-- A suspending consumer only unregisters. -/
public theorem presA2_ConsumerSuspend (b : Bounds) :
    Preserves b (InvA2Ack b) (actOf .FixA2 true .ConsumerSuspend) := by a2_rule
/-- An external crash clears ShapeCache's request and the routing state. -/
public theorem presA2_SlcFail (b : Bounds) :
    Preserves b (InvA2Ack b) (actOf .FixA2 true .SlcFail) := by a2_rule
/-- The restart routes exactly the present shapes; nothing is pending or requested while the
collector is down. -/
public theorem presA2_SlcRestart (b : Bounds) :
    Preserves b (InvA2Ack b) (actOf .FixA2 true .SlcRestart) := by a2_rule
/-- The batch drops routes while the collector is idle: nothing is pending or requested then. -/
public theorem presA2_SlcApplyBatch (b : Bounds) :
    Preserves b (InvA2Ack b) (actOf .FixA2 true .SlcApplyBatch) := by
  intro s env hb hg hi
  have k4 := k2_of_lit b s env (actOf .FixA2 true .SlcApplyBatch).effect (by decide) (by decide)
    (by decide) hi.2.2.2
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg k4 ⊢
  simp at hb hg
  obtain ⟨A1, A2, A3, -⟩ := hi
  simp only [vPresent, vAbsent, vScIdle, vPublishing, vPending] at A1 A2 A3
  refine ⟨fun h hh => ?_, ?_, fun h hh => ?_, k4⟩
  all_goals (try (have A1h := A1 h hh; have A3h := A3 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- **FixA2's acknowledgement facts hold for all bounds**, external collector crashes included. -/
public theorem fixA2_ackInvariant_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .FixA2) s → InvA2Ack b s := by
  intro b
  apply reachable_inv b _ _ (initA2Ack b)
  intro a ha
  rw [eq_actOf .FixA2 true uniqueA2 a ha]
  generalize a.label = l
  cases l
  all_goals first
    | exact preserves_of_writesNone b _ _ (invA2Ack_dependsOn b) _ (by decide)
    | exact presA2_CleanerStatus b
    | exact presA2_SlcRoute b
    | exact presA2_SlcResolveRegistered b
    | exact presA2_SlcResolveAsk b
    | exact presA2_CacheCheckOk b
    | exact presA2_CacheCheckNoShape b
    | exact presA2_CacheStart b
    | exact presA2_SlcBroadcast b
    | exact presA2_ConsumerSuspend b
    | exact presA2_SlcFail b
    | exact presA2_SlcRestart b
    | exact presA2_SlcApplyBatch b

end ElectricRace
