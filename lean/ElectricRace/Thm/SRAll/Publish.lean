module

public import ElectricRace.Lemmas.Quant
public import ElectricRace.Lemmas.Exec
public import ElectricRace.Lemmas.Each
public import ElectricRace.Lemmas.EachCell
public import ElectricRace.Lemmas.Induct
public import ElectricRace.Lemmas.Labels
public import ElectricRace.Spec.SRInv

/-!
# SerializedRemoval for every number of shapes: publishing keeps the invariant

One lemma per publish rule: routing marks only routed (hence present) handles; a resolution or a
ShapeCache request concerns a pending, hence routed, handle; ShapeCache's `:no_shape` answer
cannot happen for a routed handle; a consumer started or resolved by a publish belongs to a
present shape, and ShapeStatus cannot change while the publish runs, so the broadcast never
delivers to a consumer of a shape that is not present.
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

/-- Routing marks only routed handles. -/
public theorem presSR_SlcRoute (b : Bounds) :
    Preserves b (InvSR b) (actOf .SerializedRemoval true .SlcRoute) := by
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

/-- Resolving a pending handle to its registered consumer: the handle is routed, hence present. -/
public theorem presSR_SlcResolveRegistered (b : Bounds) :
    Preserves b (InvSR b) (actOf .SerializedRemoval true .SlcResolveRegistered) := by
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
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .h = n := ⟨(env .h).toNat, by omega⟩
  have hnb : n < b.H := by omega
  rw [hn] at hg
  simp [hnb] at hg
  have C4n := C4 n hnb hg.1
  have C2n := C2 n hnb C4n.2
  refine ⟨?_, fun h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_, fun h hh => ?_, ?_⟩
  rotate_left
  all_goals (try (have C2h := C2 h hh; have C4h := C4 h hh))
  all_goals (try (have C5h := C5 h hh; have C6h := C6 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> try simp_all)
  -- the one goal left: the resolved handle is the pending one, whose route says it is present
  intro hx
  by_cases e : h = n
  · subst e; exact C2 h hnb (C4 h hnb hg.1)
  · exact C5 h hh (hx (fun h' => e (by exact_mod_cast h')))

/-- ShapeCache's check keeps the invariant. -/
public theorem presSR_CacheCheckOk (b : Bounds) :
    Preserves b (InvSR b) (actOf .SerializedRemoval true .CacheCheckOk) := by
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

/-- Asking ShapeCache concerns a pending, hence routed, handle. -/
public theorem presSR_SlcResolveAsk (b : Bounds) :
    Preserves b (InvSR b) (actOf .SerializedRemoval true .SlcResolveAsk) := by
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
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .h = n := ⟨(env .h).toNat, by omega⟩
  have hnb : n < b.H := by omega
  rw [hn] at hg
  simp [hnb] at hg
  have C4n := C4 n hnb hg.1
  refine ⟨?_, fun h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_, fun h hh => ?_, ?_⟩
  rotate_left
  all_goals (try (have C2h := C2 h hh; have C4h := C4 h hh))
  all_goals (try (have C5h := C5 h hh; have C6h := C6 h hh))
  all_goals (try simp_all)
  all_goals first
    | exact ⟨n, hnb, rfl, C4 n hnb hg.1⟩
    | exact ⟨n, hnb, rfl, (C4 n hnb hg.1).2⟩

/-- ShapeCache cannot answer `:no_shape` for the routed handle it was asked about. -/
public theorem presSR_CacheCheckNoShape (b : Bounds) :
    Preserves b (InvSR b) (actOf .SerializedRemoval true .CacheCheckNoShape) := by
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
  obtain ⟨hsc, hst⟩ := hg
  obtain ⟨-, h0, hh0, he, hr⟩ := C3 (by rw [hsc]; decide)
  have hp0 := C2 h0 hh0 hr
  rw [he] at hst
  rcases hst with hst | hst | hst
  all_goals first | omega | simp_all

/-- The started consumer belongs to the routed, hence present, handle ShapeCache checked. -/
public theorem presSR_CacheStart (b : Bounds) :
    Preserves b (InvSR b) (actOf .SerializedRemoval true .CacheStart) := by
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
  obtain ⟨hsc, -⟩ := hg
  obtain ⟨hpub, h0, hh0, he, hr⟩ := C3 (by rw [hsc]; decide)
  have hp0 := C2 h0 hh0 hr
  refine ⟨?_, fun h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_, fun h hh => ?_, ?_⟩
  rotate_left
  all_goals (try (have C2h := C2 h hh; have C4h := C4 h hh))
  all_goals (try (have C5h := C5 h hh; have C6h := C6 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> try simp_all)
  -- the one goal left: the started consumer's handle is the routed one ShapeCache checked
  intro hx
  by_cases e : h = h0
  · subst e; exact C2 h hh0 hr
  · exact C5 h hh (hx (fun h' => e (by exact_mod_cast h')))

/-- The broadcast delivers only to consumers of present shapes and ends the publish. -/
public theorem presSR_SlcBroadcast (b : Bounds) :
    Preserves b (InvSR b) (actOf .SerializedRemoval true .SlcBroadcast) := by
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
  refine ⟨?_, fun h hh => ?_, ?_, fun h hh => ?_, fun h hh => ?_, fun h hh => ?_, ?od⟩
  case od =>
    -- the delivery loop writes `orphanDelivery` only for a consumer of a non-present shape
    simp
    rw [exec_each_cell b s env .x .handle _ s .orphanDelivery 0 0 ?hbody]
    · exact C7
    · intro n hn st
      have C5n := C5 n (by simpa using hn)
      simp_all
      all_goals ((repeat' split) <;> simp_all)
  rotate_left
  all_goals (try (have C2h := C2 h hh; have C4h := C4 h hh))
  all_goals (try (have C5h := C5 h hh; have C6h := C6 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

end ElectricRace
