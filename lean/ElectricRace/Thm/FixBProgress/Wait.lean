module

public import ElectricRace.Thm.SRProgress.Wait
public import ElectricRace.Thm.FixBProgress.Types

/-!
# FixB progress: a waiting chain's request flag is a boolean

As for SerializedRemoval (`Thm/SRProgress/Wait.lean`, whose `InvWait` this reuses): a FixB chain
waits (`routerWait`) only after its own request set `removeNow` of its shape to `true`; the flag
is afterwards only written with booleans (the collector's removal message and a crash clear it).
So `CleanerRouterAck`'s guard `removeNow = false` is exactly "the request was handled".
-/

namespace ElectricRace

set_option linter.unusedSimpArgs false

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

/-- `InvWait` reads only `invWaitVars`. -/
theorem invWaitFB_dependsOn (b : Bounds) : DependsOn (InvWait b) invWaitVars := by
  intro s s' e hi
  have e1 := e .chainPc (by decide)
  have e2 := e .chainHandle (by decide)
  have e3 := e .removeNow (by decide)
  simp only [InvWait, e1, e2, e3]
  exact hi

/-- Every initial state satisfies `InvWait`: no chain waits. -/
theorem initWaitFB (b : Bounds) (s : State) (h0 : initOk b s = true) : InvWait b s := by
  simp [initOk, initConds] at h0
  obtain ⟨-, -, -, -, -, -, -, -, -, -, -, -, -, hch, -, -, -, -, -, -, -, -, -, -, -, -⟩ := h0
  intro k hk hpc
  rcases hch k hk with h | h
  · omega
  · rw [h] at hpc; simp at hpc

/-- A rule that moves chains only to steps other than `routerWait` and writes neither a chain's
handle nor a request flag keeps `InvWait`. -/
theorem presWB_noWait (b : Bounds) (a : Action)
    (h1 : writesOkE .chainPc (fun x => !decide (x = vRouterWait)) false a.effect = true)
    (h2 : writesNone [.chainHandle, .removeNow] a.effect = true) :
    Preserves b (InvWait b) a := by
  intro s env _ _ hi k hk hpc h hh hch
  have e2 := exec_frame_all b s env a.effect s _ h2 .chainHandle (by decide) k 0
  have e3 := exec_frame_all b s env a.effect s _ h2 .removeNow (by decide) h 0
  rw [e2] at hch
  rw [e3]
  rcases exec_okE b s .chainPc (fun x => !decide (x = vRouterWait)) false (fun h => by simp at h)
    k 0 a.effect env s h1 with e1 | e1
  · rw [e1] at hpc
    exact hi k hk hpc h hh hch
  · rw [hpc] at e1
    simp at e1

/-- A new chain starts at its request, not waiting. -/
theorem presWB_RemoveShape (b : Bounds) : Preserves b (InvWait b) (actOf .FixB true .RemoveShape) := by
  intro s env hb hg hW
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  intro k hk hpc h hh hch
  have W := hW k hk
  by_cases hkk : (k : Int) = env .k
  all_goals (simp_all; try ((repeat' split) <;> simp_all))

/-- The request sets the waiting chain's flag to `true`; other flags stay booleans or untouched. -/
theorem presWB_CleanerRouterRemove (b : Bounds) : Preserves b (InvWait b) (actOf .FixB true .CleanerRouterRemove) := by
  intro s env hb hg hW
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  intro k hk hpc h hh hch
  have W := hW k hk
  by_cases hkk : (k : Int) = env .k
  all_goals (simp_all; try ((repeat' split) <;> simp_all))

/-- A crashed consumer's chain starts at its request, not waiting. -/
theorem presWB_ConsumerCrash (b : Bounds) : Preserves b (InvWait b) (actOf .FixB true .ConsumerCrash) := by
  intro s env hb hg hW
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  intro k hk hpc h hh hch
  have W := hW k hk
  by_cases hkk : (k : Int) = env .k
  all_goals (simp_all; try ((repeat' split) <;> simp_all))

/-- A self-cleaning consumer's chain starts at its request, not waiting. -/
theorem presWB_ConsumerSelfClean (b : Bounds) : Preserves b (InvWait b) (actOf .FixB true .ConsumerSelfClean) := by
  intro s env hb hg hW
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  intro k hk hpc h hh hch
  have W := hW k hk
  by_cases hkk : (k : Int) = env .k
  all_goals (simp_all; try ((repeat' split) <;> simp_all))

/-- The collector's removal message clears the flag to `false`. -/
theorem presWB_SlcRemoveNow (b : Bounds) : Preserves b (InvWait b) (actOf .FixB true .SlcRemoveNow) := by
  intro s env hb hg hW
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  intro k hk hpc h hh hch
  have W := hW k hk
  by_cases hkk : (k : Int) = env .k
  all_goals (simp_all; try ((repeat' split) <;> simp_all))

/-- An external crash clears every flag to `false`. -/
theorem presWB_SlcFail (b : Bounds) : Preserves b (InvWait b) (actOf .FixB true .SlcFail) := by
  intro s env hb hg hW
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  intro k hk hpc h hh hch
  have W := hW k hk
  by_cases hkk : (k : Int) = env .k
  all_goals (simp_all; try ((repeat' split) <;> simp_all))

/-- A `send(nil)` crash clears every flag to `false`. -/
theorem presWB_SlcCrash (b : Bounds) : Preserves b (InvWait b) (actOf .FixB true .SlcCrash) := by
  intro s env hb hg hW
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  intro k hk hpc h hh hch
  have W := hW k hk
  by_cases hkk : (k : Int) = env .k
  all_goals (simp_all; try ((repeat' split) <;> simp_all))

/-- **While a chain waits, its shape's request flag is a boolean**, in every reachable
FixB state (external crashes included), for all bounds. -/
public theorem fixB_waitFlag_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .FixB) s → InvWait b s := by
  intro b
  apply reachable_inv b _ _ (initWaitFB b)
  intro a ha
  rw [eq_actOf .FixB true uniqueBFull a ha]
  generalize a.label = l
  cases l
  all_goals first
    | exact preserves_of_writesNone b _ _ (invWaitFB_dependsOn b) _ (by decide)
    | exact presWB_noWait b _ (by decide) (by decide)
    | exact presWB_RemoveShape b
    | exact presWB_CleanerRouterRemove b
    | exact presWB_ConsumerCrash b
    | exact presWB_ConsumerSelfClean b
    | exact presWB_SlcRemoveNow b
    | exact presWB_SlcFail b
    | exact presWB_SlcCrash b

end ElectricRace
