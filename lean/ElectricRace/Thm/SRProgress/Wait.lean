module

public import ElectricRace.Thm.SRProgress.Cells
public import ElectricRace.Thm.SRAll

/-!
# SerializedRemoval progress: a waiting chain's request flag is a boolean

A cleaner chain waits (`routerWait`) only after its own request set `removeNow` of its shape to
`true`; afterwards the flag is only ever written with booleans (the collector's removal message
and a crash clear it). So while a chain waits, the flag of its shape is `true` or `false`, and
`CleanerRouterAck`'s guard `removeNow = false` is exactly "the request was handled". (An initial
state may hold any non-`true` value in the flag; `initConds` only asks that it is not `true`.)
-/

namespace ElectricRace

@[expose] public section

/-- A waiting chain's shape has a boolean request flag. -/
def InvWait (b : Bounds) (s : State) : Prop :=
  ∀ k : Nat, k < b.K → s .chainPc k 0 = vRouterWait → ∀ h : Nat, h < b.H →
    (s .chainHandle k 0).asInt = h → (s .removeNow h 0 = .b true ∨ s .removeNow h 0 = .b false)

/-- The variables `InvWait` reads. -/
def invWaitVars : List Var := [.chainPc, .chainHandle, .removeNow]

end

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
theorem invWait_dependsOn (b : Bounds) : DependsOn (InvWait b) invWaitVars := by
  intro s s' e hi
  have e1 := e .chainPc (by decide)
  have e2 := e .chainHandle (by decide)
  have e3 := e .removeNow (by decide)
  simp only [InvWait, e1, e2, e3]
  exact hi

/-- Every initial state satisfies `InvWait`: no chain waits. -/
theorem initWait (b : Bounds) (s : State) (h0 : initOk b s = true) : InvWait b s := by
  simp [initOk, initConds] at h0
  obtain ⟨-, -, -, -, -, -, -, -, -, -, -, -, -, hch, -, -, -, -, -, -, -, -, -, -, -, -⟩ := h0
  intro k hk hpc
  rcases hch k hk with h | h
  · omega
  · rw [h] at hpc; simp at hpc

/-- A rule that moves chains only to steps other than `routerWait` and writes neither a chain's
handle nor a request flag keeps `InvWait`. -/
theorem presW_noWait (b : Bounds) (a : Action)
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
theorem presW_RemoveShape (b : Bounds) : Preserves b (InvWait b) (actOf .SerializedRemoval true .RemoveShape) := by
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
theorem presW_CleanerRouterRemove (b : Bounds) : Preserves b (InvWait b) (actOf .SerializedRemoval true .CleanerRouterRemove) := by
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
theorem presW_ConsumerCrash (b : Bounds) : Preserves b (InvWait b) (actOf .SerializedRemoval true .ConsumerCrash) := by
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
theorem presW_ConsumerSelfClean (b : Bounds) : Preserves b (InvWait b) (actOf .SerializedRemoval true .ConsumerSelfClean) := by
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
theorem presW_SlcRemoveNow (b : Bounds) : Preserves b (InvWait b) (actOf .SerializedRemoval true .SlcRemoveNow) := by
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
theorem presW_SlcFail (b : Bounds) : Preserves b (InvWait b) (actOf .SerializedRemoval true .SlcFail) := by
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
theorem presW_SlcCrash (b : Bounds) : Preserves b (InvWait b) (actOf .SerializedRemoval true .SlcCrash) := by
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
SerializedRemoval state, for all bounds. -/
public theorem serializedRemoval_waitFlag_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .SerializedRemoval) s → InvWait b s := by
  intro b
  apply reachable_inv b _ _ (initWait b)
  intro a ha
  rw [eq_actOf .SerializedRemoval true uniqueSR a ha]
  generalize a.label = l
  cases l
  all_goals first
    | exact preserves_of_writesNone b _ _ (invWait_dependsOn b) _ (by decide)
    | exact presW_noWait b _ (by decide) (by decide)
    | exact presW_RemoveShape b
    | exact presW_CleanerRouterRemove b
    | exact presW_ConsumerCrash b
    | exact presW_ConsumerSelfClean b
    | exact presW_SlcRemoveNow b
    | exact presW_SlcFail b
    | exact presW_SlcCrash b

end ElectricRace
