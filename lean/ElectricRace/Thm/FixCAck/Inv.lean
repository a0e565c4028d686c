module

public import ElectricRace.Lemmas.Quant
public import ElectricRace.Lemmas.Exec
public import ElectricRace.Lemmas.Each
public import ElectricRace.Lemmas.Induct
public import ElectricRace.Lemmas.Labels
public import ElectricRace.Thm.SRProgress.Types
public import ElectricRace.Thm.FixCAll
public import ElectricRace.Spec.FixCAckInv

/-!
# FixC's acknowledgement facts hold in every reachable state, for every Bounds

`InvCAck` (`Spec/FixCAckInv.lean`): routing is set only by the restart, from ShapeStatus's
`present`; ShapeStatus moves only from present to tombstoned (a chain's status step) and from
tombstoned to absent together with the route (the collector's batch and its restart); ShapeCache
takes a request only for an unregistered shape, and nothing registers a consumer while it holds
one but its own start, which ends the request. `SteerOk`: every FixC rule writes the mailbox, the
collector's mode and ShapeCache's stage only with members. `NextNat`: the next consumer id only
grows from 0.
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
  vNoCause vSendNil vExternal

/-- `InvCAck` reads only `invCAckVars`. -/
public theorem invCAck_dependsOn (b : Bounds) : DependsOn (InvCAck b) invCAckVars := by
  intro s s' e hi
  have e1 := e .router (by decide)
  have e2 := e .status (by decide)
  have e3 := e .sc (by decide)
  have e4 := e .scHandle (by decide)
  have e5 := e .registry (by decide)
  simp only [InvCAck, e1, e2, e3, e4, e5]
  exact hi

/-- Every initial state satisfies `InvCAck`: a routed shape is present, ShapeCache is idle. -/
public theorem initCAck (b : Bounds) (s : State) (h0 : initOk b s = true) : InvCAck b s := by
  simp [initOk, initConds] at h0
  obtain ⟨-, hr, -, -, -, -, -, -, -, -, -, -, -, -, -, -, -, -, hsc, -⟩ := h0
  refine ⟨fun h hh hrt => ?_, fun hne => absurd hsc hne⟩
  left
  have hrh := hr h hh
  simp [hh, hrt] at hrh
  first | exact hrh | simpa [vPresent] using hrh | simpa [vPresent] using hrh.symm

-- One rule's obligation: unfold the rule (`ack_unfold`), then split the two conjuncts and follow
-- each written cell (`ack_close`). Unhygienic, so a proof can name `hg` in between.
set_option hygiene false in
local macro "ack_unfold" : tactic => `(tactic| (
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg))

set_option hygiene false in
local macro "ack_close" : tactic => `(tactic| (
  obtain ⟨K1, K2⟩ := hi
  simp only [vPresent, vTombstoned, vScIdle] at K1 K2
  refine ⟨fun h hh => ?_, ?_⟩
  all_goals (try (have K1h := K1 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)))

local macro "ack_rule" : tactic => `(tactic| (ack_unfold; ack_close))

/-- A rule that writes neither ShapeCache's stage nor its handle, and the registry only with
`-1`, keeps the second conjunct. -/
public theorem k2_of_lit (b : Bounds) (s : State) (env : Env) (e : Effect)
    (h1 : writesNot .sc e = true) (h2 : writesNot .scHandle e = true)
    (h3 : writesLit .registry (fun x => decide (x = .i (-1))) e = true)
    (K2 : s .sc 0 0 ≠ vScIdle → s .registry (s .scHandle 0 0).asInt 0 = .i (-1)) :
    exec b s env e s .sc 0 0 ≠ vScIdle →
      exec b s env e s .registry (exec b s env e s .scHandle 0 0).asInt 0 = .i (-1) := by
  rw [exec_frame b s env e s .sc h1 0 0, exec_frame b s env e s .scHandle h2 0 0]
  intro hs
  rcases exec_lit b s .registry _ (s .scHandle 0 0).asInt 0 e env s h3 with h | h
  · rw [h]; exact K2 hs
  · simpa using h

/-- A chain's status step tombstones a present shape. -/
public theorem presK_CleanerStatus (b : Bounds) :
    Preserves b (InvCAck b) (actOf .FixC true .CleanerStatus) := by ack_rule
/-- The batch drops a tombstoned shape's route with its status. -/
public theorem presK_SlcApplyBatch (b : Bounds) :
    Preserves b (InvCAck b) (actOf .FixC true .SlcApplyBatch) := by
  intro s env hb hg hi
  refine ⟨?_, k2_of_lit b s env _ (by decide) (by decide) (by decide) hi.2⟩
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨K1, -⟩ := hi
  simp only [vPresent, vTombstoned] at K1
  intro h hh
  have K1h := K1 h hh
  try simp_all
  all_goals ((repeat' split) <;> simp_all)
/-- The restart routes exactly the present shapes. -/
public theorem presK_SlcRestart (b : Bounds) :
    Preserves b (InvCAck b) (actOf .FixC true .SlcRestart) := by ack_rule
/-- ShapeCache takes a request only for an unregistered shape. -/
public theorem presK_SlcResolveAsk (b : Bounds) :
    Preserves b (InvCAck b) (actOf .FixC true .SlcResolveAsk) := by
  ack_unfold
  obtain ⟨hp, hs, hr⟩ := hg
  have hr' : s .registry (env .h) 0 = .i (-1) := by
    rcases hr with h | h | h
    · omega
    · omega
    · exact h
  ack_close
/-- The check keeps the request's shape. -/
public theorem presK_CacheCheckOk (b : Bounds) :
    Preserves b (InvCAck b) (actOf .FixC true .CacheCheckOk) := by ack_rule
/-- The `:no_shape` answer ends the request. -/
public theorem presK_CacheCheckNoShape (b : Bounds) :
    Preserves b (InvCAck b) (actOf .FixC true .CacheCheckNoShape) := by ack_rule
/-- The tombstone answer ends the request. -/
public theorem presK_CacheCheckRemoving (b : Bounds) :
    Preserves b (InvCAck b) (actOf .FixC true .CacheCheckRemoving) := by ack_rule
/-- The start registers the consumer and ends the request. -/
public theorem presK_CacheStart (b : Bounds) :
    Preserves b (InvCAck b) (actOf .FixC true .CacheStart) := by ack_rule
/-- A suspending consumer only unregisters. -/
public theorem presK_ConsumerSuspend (b : Bounds) :
    Preserves b (InvCAck b) (actOf .FixC true .ConsumerSuspend) := by ack_rule
/-- A crash clears ShapeCache's request and the routing state. -/
public theorem presK_SlcCrash (b : Bounds) :
    Preserves b (InvCAck b) (actOf .FixC true .SlcCrash) := by ack_rule
/-- An external crash clears ShapeCache's request and the routing state. -/
public theorem presK_SlcFail (b : Bounds) :
    Preserves b (InvCAck b) (actOf .FixC true .SlcFail) := by ack_rule

/-- **FixC's acknowledgement facts hold for all bounds**, external collector crashes included. -/
public theorem fixC_ackInvariant_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .FixC) s → InvCAck b s := by
  intro b
  apply reachable_inv b _ _ (initCAck b)
  intro a ha
  rw [eq_actOf .FixC true uniqueC a ha]
  generalize a.label = l
  cases l
  all_goals first
    | exact preserves_of_writesNone b _ _ (invCAck_dependsOn b) _ (by decide)
    | exact presK_CleanerStatus b
    | exact presK_SlcApplyBatch b
    | exact presK_SlcRestart b
    | exact presK_SlcResolveAsk b
    | exact presK_CacheCheckOk b
    | exact presK_CacheCheckNoShape b
    | exact presK_CacheCheckRemoving b
    | exact presK_CacheStart b
    | exact presK_ConsumerSuspend b
    | exact presK_SlcCrash b
    | exact presK_SlcFail b

@[expose] public section

/-- Every rule of variant `v` writes the mailbox, the collector's mode and ShapeCache's stage
only with their members (the mailbox also with its own old value). -/
noncomputable def steerWrites (v : Variant) : Bool := (rules v).all (fun a =>
  writesOkE .mbox mboxOkB true a.effect && writesOkE .slc slcOkB false a.effect &&
  writesOkE .sc scOkB false a.effect)

end

/-- **The mailbox, the collector's mode and ShapeCache's stage hold members of their enums in
every reachable state of a variant whose rules write them only with members, for all bounds.** -/
public theorem steer_allBounds (v : Variant) (hw : steerWrites v = true) :
    ∀ b : Bounds, ∀ s, Reachable b (rules v) s → SteerOk s := by
  intro b
  refine reachable_inv b _ _ (fun s h0 => ?_) (fun a ha => ?_)
  · simp [initOk, initConds] at h0
    obtain ⟨-, -, -, -, -, -, -, -, -, -, -, -, -, -, -, hmb, hslc, -, hsc, -⟩ := h0
    refine ⟨fun i j hp => ?_, fun i j hp => ?_, fun i j hp => ?_⟩
    · obtain ⟨rfl, rfl⟩ := hp; simp [hmb, mboxOkB]
    · obtain ⟨rfl, rfl⟩ := hp; simp [hslc, slcOkB]
    · obtain ⟨rfl, rfl⟩ := hp; simp [hsc, scOkB]
  · have h := List.all_eq_true.mp hw a ha
    simp only [Bool.and_eq_true] at h
    obtain ⟨⟨h1, h2⟩, h3⟩ := h
    intro s env hb hg hi
    exact ⟨preserves_cellsOk b .mbox mboxOkB true scalarP (fun _ => ⟨rfl, rfl⟩) a h1
        s env hb hg hi.1,
      preserves_cellsOk b .slc slcOkB false scalarP (fun h => by simp at h) a h2
        s env hb hg hi.2.1,
      preserves_cellsOk b .sc scOkB false scalarP (fun h => by simp at h) a h3
        s env hb hg hi.2.2⟩

/-- **The mailbox, the collector's mode and ShapeCache's stage hold members of their enums in
every reachable FixC state, for all bounds.** -/
public theorem fixC_steer_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .FixC) s → SteerOk s :=
  steer_allBounds .FixC (by decide)

/-- ShapeCache's start takes the next consumer id and increments it, in every variant. -/
theorem presNext_CacheStart_any (v : Variant) (b : Bounds) :
    Preserves b NextNat (actOf v true .CacheStart) := by
  intro s env hb hg hi
  obtain ⟨n, hn⟩ := hi
  refine ⟨n + 1, ?_⟩
  cases v <;>
  · simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
      restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
      decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
      Bool.or_self]
    simp [hn]

/-- **The next consumer id is a natural number in every reachable state** of a variant with
unique labels whose rules other than ShapeCache's start leave it alone. -/
public theorem nextNat_allBounds_of (v : Variant) (hu : uniqueLabels (rules v) = true)
    (hw : ∀ l : Label, l ≠ .CacheStart →
      writesNone [.nextConsumer] (actOf v true l).effect = true) :
    ∀ b : Bounds, ∀ s, Reachable b (rules v) s → NextNat s := by
  intro b
  refine reachable_inv b _ _ (fun s h0 => ?_) (fun a ha => ?_)
  · simp [initOk, initConds] at h0
    exact ⟨0, h0.2.2.2.2.2.2.2.2.2.2.2.2.1⟩
  · rw [eq_actOf v true hu a ha]
    by_cases hl : a.label = .CacheStart
    · rw [hl]; exact presNext_CacheStart_any v b
    · exact preserves_of_writesNone b _ _ nextNat_dependsOn _ (hw _ hl)

/-- **The next consumer id is a natural number in every reachable FixC state.** -/
public theorem fixC_nextNat_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .FixC) s → NextNat s :=
  nextNat_allBounds_of .FixC uniqueC (by intro l hl; cases l <;> first | decide | exact absurd rfl hl)

end ElectricRace
