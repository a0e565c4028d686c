module

public import ElectricRace.Lemmas.Quant
public import ElectricRace.Lemmas.Exec
public import ElectricRace.Lemmas.Each
public import ElectricRace.Lemmas.EachCell
public import ElectricRace.Lemmas.Induct
public import ElectricRace.Lemmas.Labels
public import ElectricRace.Spec.SRInv

/-!
# SerializedRemoval for every number of shapes: removal, crash and restart keep the invariant

One lemma per rule that writes a variable of `InvSR` (`Spec/SRInv.lean`): the collector's removal
message tombstones a present shape and drops its route together, and only between publishes;
a batch drops a route and its tombstone together, between publishes; the collector cannot crash
by `nil` (no `nil` resolution exists) and an external crash clears every publish and ShapeCache
request; the restart rebuilds the router from present shapes after dropping the tombstones.
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

/-- `InvSR` reads only `invSRVars`. -/
public theorem invSR_dependsOn (b : Bounds) : DependsOn (InvSR b) invSRVars := by
  intro s s' e hi
  have e1 := e .crashCause (by decide)
  have e2 := e .router (by decide)
  have e3 := e .status (by decide)
  have e4 := e .sc (by decide)
  have e5 := e .slc (by decide)
  have e6 := e .scHandle (by decide)
  have e7 := e .pubState (by decide)
  have e8 := e .orphanDelivery (by decide)
  simp only [InvSR, e1, e2, e3, e4, e5, e6, e7, e8]
  exact hi

/-- Every initial state satisfies the SerializedRemoval invariant. -/
public theorem initSR (b : Bounds) (s : State) (h0 : initOk b s = true) : InvSR b s := by
  simp [initOk, initConds] at h0
  obtain ⟨-, hr, -, -, -, -, -, hp, -, -, -, -, -, -, -, -, hslc, -, hsc, -, -, -, -, hcc, hod, -⟩ := h0
  refine ⟨?_, fun h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_, fun h hh => ?_, ?_⟩
  · rw [hcc]; decide
  · intro hrt
    have hrh := hr h hh
    simp [hh, hrt] at hrh
    simpa [vPresent] using hrh
  · intro hne; exact absurd hsc hne
  · intro hpe
    rcases hp h hh with hph | hph
    · omega
    · rw [hph] at hpe; exact absurd hpe (by decide)
  · intro hpe
    rcases hp h hh with hph | hph
    · omega
    · rw [hph] at hpe; exact absurd hpe (by decide)
  · rcases hp h hh with hph | hph
    · omega
    · rw [hph]; decide
  · intro ho; rw [ho] at hod; exact absurd hod (by decide)

/-- The collector's removal message keeps the invariant: it tombstones and unroutes together, between publishes. -/
public theorem presSR_SlcRemoveNow (b : Bounds) :
    Preserves b (InvSR b) (actOf .SerializedRemoval true .SlcRemoveNow) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hi
  simp only [vSendNil, vAbsent, vScIdle, vPublishing, vPending, vNil, vConsumer, vPresent]
    at C1 C2 C3 C4 C5 C6 C7
  refine ⟨?_, fun h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_, fun h hh => ?_, ?_⟩
  rotate_left
  all_goals (try (have C2h := C2 h hh; have C4h := C4 h hh))
  all_goals (try (have C5h := C5 h hh; have C6h := C6 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The batch keeps the invariant: it unroutes and drops the tombstone together, between publishes. -/
public theorem presSR_SlcApplyBatch (b : Bounds) :
    Preserves b (InvSR b) (actOf .SerializedRemoval true .SlcApplyBatch) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hi
  simp only [vSendNil, vAbsent, vScIdle, vPublishing, vPending, vNil, vConsumer, vPresent]
    at C1 C2 C3 C4 C5 C6 C7
  refine ⟨?_, fun h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_, fun h hh => ?_, ?_⟩
  rotate_left
  all_goals (try (have C2h := C2 h hh; have C4h := C4 h hh))
  all_goals (try (have C5h := C5 h hh; have C6h := C6 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- An external collector crash keeps the invariant: it clears every publish and request. -/
public theorem presSR_SlcFail (b : Bounds) :
    Preserves b (InvSR b) (actOf .SerializedRemoval true .SlcFail) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hi
  simp only [vSendNil, vAbsent, vScIdle, vPublishing, vPending, vNil, vConsumer, vPresent]
    at C1 C2 C3 C4 C5 C6 C7
  refine ⟨?_, fun h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_, fun h hh => ?_, ?_⟩
  rotate_left
  all_goals (try (have C2h := C2 h hh; have C4h := C4 h hh))
  all_goals (try (have C5h := C5 h hh; have C6h := C6 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The restart keeps the invariant: the router is rebuilt from present shapes. -/
public theorem presSR_SlcRestart (b : Bounds) :
    Preserves b (InvSR b) (actOf .SerializedRemoval true .SlcRestart) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hi
  simp only [vSendNil, vAbsent, vScIdle, vPublishing, vPending, vNil, vConsumer, vPresent]
    at C1 C2 C3 C4 C5 C6 C7
  refine ⟨?_, fun h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_, fun h hh => ?_, ?_⟩
  rotate_left
  all_goals (try (have C2h := C2 h hh; have C4h := C4 h hh))
  all_goals (try (have C5h := C5 h hh; have C6h := C6 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- A `send(nil)` crash is not enabled: no publish resolves to `nil`. -/
public theorem presSR_SlcCrash (b : Bounds) :
    Preserves b (InvSR b) (actOf .SerializedRemoval true .SlcCrash) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hi
  simp only [vSendNil, vAbsent, vScIdle, vPublishing, vPending, vNil, vConsumer, vPresent]
    at C1 C2 C3 C4 C5 C6 C7
  exfalso
  obtain ⟨-, -, -, x, hx, hn⟩ := hg
  simp [hx] at hn
  exact C6 x hx hn

end ElectricRace
