module

public import ElectricRace.Lemmas.EachCell
public import ElectricRace.Thm.FixBAll
public import ElectricRace.Lemmas.Given

/-!
# FixB without external crashes: no orphan delivery, for every number of shapes

`InvBO` adds two facts to the FixB invariant `InvBAll` (`Spec/FixBInv.lean`, proved in
`Thm/FixBAll.lean`): a handle a publish resolved to a consumer is routed while the collector
publishes, and no live consumer has received an event for a shape that was not present. The
router loses a handle only between publishes (`SlcRemoveNow`, `SlcApplyBatch` need the collector
idle), and a routed handle is present (`InvBAll`), so the broadcast delivers only to consumers of
present shapes. Each rule's obligation is one lemma, proved with `InvBAll` of the state before
the step available; rules that write none of `InvBO`'s variables keep it by the frame lemma.
-/

namespace ElectricRace

@[expose] public section

/-- The orphan-delivery facts FixB adds to `InvBAll`, for every handle. -/
def InvBO (b : Bounds) (s : State) : Prop :=
  (∀ h : Nat, h < b.H → s .pubState h 0 = vConsumer →
    s .slc 0 0 = vPublishing ∧ s .router h 0 = .b true) ∧
  s .orphanDelivery 0 0 ≠ .b true

/-- The variables `InvBO` reads. -/
def invBOVars : List Var := [.pubState, .slc, .router, .orphanDelivery]

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
  vNoCause vSendNil vExternal


/-- `InvBO` reads only `invBOVars`. -/
theorem invBO_dependsOn (b : Bounds) : DependsOn (InvBO b) invBOVars := by
  intro s s' e hi
  have e1 := e .pubState (by decide)
  have e2 := e .slc (by decide)
  have e3 := e .router (by decide)
  have e4 := e .orphanDelivery (by decide)
  simp only [InvBO, e1, e2, e3, e4]
  exact hi

/-- Every initial state satisfies `InvBO`. -/
theorem initBO (b : Bounds) (s : State) (h0 : initOk b s = true) : InvBO b s := by
  simp [initOk, initConds] at h0
  obtain ⟨-, -, -, -, -, -, -, hp, -, -, -, -, -, -, -, -, -, -, -, -, -, -, -, -, hod, -⟩ := h0
  refine ⟨fun h hh => ?_, ?_⟩
  · intro hpe
    rcases hp h hh with hph | hph
    · omega
    · rw [hph] at hpe; exact absurd hpe (by decide)
  · intro ho; rw [ho] at hod; exact absurd hod (by decide)

/-- A rule that writes none of `invBOVars` keeps `InvBO`. -/
theorem frameBO (b : Bounds) (l : Label)
    (h : writesNone invBOVars (actOf .FixB false l).effect = true) :
    PreservesGiven b (InvBAll b) (InvBO b) (actOf .FixB false l) :=
  preservesGiven_of_writesNone b _ _ _ (invBO_dependsOn b) _ h

/-- A batch runs between publishes: no handle is resolved to a consumer. -/
theorem presBO_SlcApplyBatch (b : Bounds) :
    PreservesGiven b (InvBAll b) (InvBO b) (actOf .FixB false .SlcApplyBatch) := by
  intro s env hb hg hi ho
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  obtain ⟨O1, O2⟩ := ho
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil, vConsumer]
    at B1 B2 B3 B4 B5 B6 B8 O1 O2
  refine ⟨fun h hh => ?_, ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh))
  all_goals (try (have O1h := O1 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The non-blocking removal runs between publishes. -/
theorem presBO_SlcRemoveNow (b : Bounds) :
    PreservesGiven b (InvBAll b) (InvBO b) (actOf .FixB false .SlcRemoveNow) := by
  intro s env hb hg hi ho
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  obtain ⟨O1, O2⟩ := ho
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil, vConsumer]
    at B1 B2 B3 B4 B5 B6 B8 O1 O2
  refine ⟨fun h hh => ?_, ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh))
  all_goals (try (have O1h := O1 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- Routing starts a publish; it resolves no consumer. -/
theorem presBO_SlcRoute (b : Bounds) :
    PreservesGiven b (InvBAll b) (InvBO b) (actOf .FixB false .SlcRoute) := by
  intro s env hb hg hi ho
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  obtain ⟨O1, O2⟩ := ho
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil, vConsumer]
    at B1 B2 B3 B4 B5 B6 B8 O1 O2
  refine ⟨fun h hh => ?_, ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh))
  all_goals (try (have O1h := O1 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- ShapeCache's `:no_shape` resolves to `nil`, not to a consumer. -/
theorem presBO_CacheCheckNoShape (b : Bounds) :
    PreservesGiven b (InvBAll b) (InvBO b) (actOf .FixB false .CacheCheckNoShape) := by
  intro s env hb hg hi ho
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  obtain ⟨O1, O2⟩ := ho
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil, vConsumer]
    at B1 B2 B3 B4 B5 B6 B8 O1 O2
  refine ⟨fun h hh => ?_, ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh))
  all_goals (try (have O1h := O1 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The crash clears every resolution. -/
theorem presBO_SlcCrash (b : Bounds) :
    PreservesGiven b (InvBAll b) (InvBO b) (actOf .FixB false .SlcCrash) := by
  intro s env hb hg hi ho
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  obtain ⟨O1, O2⟩ := ho
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil, vConsumer]
    at B1 B2 B3 B4 B5 B6 B8 O1 O2
  refine ⟨fun h hh => ?_, ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh))
  all_goals (try (have O1h := O1 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)

/-- The collector is never down without external crashes. -/
theorem presBO_SlcRestart (b : Bounds) :
    PreservesGiven b (InvBAll b) (InvBO b) (actOf .FixB false .SlcRestart) := by
  intro s env hb hg hi ho
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  obtain ⟨O1, O2⟩ := ho
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil, vConsumer]
    at B1 B2 B3 B4 B5 B6 B8 O1 O2
  exact absurd hg B1

/-- The resolved handle is the pending one, which is routed. -/
theorem presBO_SlcResolveRegistered (b : Bounds) :
    PreservesGiven b (InvBAll b) (InvBO b) (actOf .FixB false .SlcResolveRegistered) := by
  intro s env hb hg hi ho
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  obtain ⟨O1, O2⟩ := ho
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil, vConsumer]
    at B1 B2 B3 B4 B5 B6 B8 O1 O2
  obtain ⟨n, hn⟩ : ∃ n : Nat, env .h = n := ⟨(env .h).toNat, by omega⟩
  have hnb : n < b.H := by omega
  rw [hn] at hg
  simp [hnb] at hg
  have B6n := B6 n hnb hg.1
  refine ⟨fun h hh => ?_, ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh))
  all_goals (try (have O1h := O1 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> try simp_all)
  -- the one goal left: the resolved handle is the pending one, which is routed
  intro hx
  by_cases e : h = n
  · subst e; exact B6 h hnb hg.1
  · exact O1 h hh (hx (fun h' => e (by exact_mod_cast h')))

/-- The started consumer's handle is the routed one ShapeCache checked. -/
theorem presBO_CacheStart (b : Bounds) :
    PreservesGiven b (InvBAll b) (InvBO b) (actOf .FixB false .CacheStart) := by
  intro s env hb hg hi ho
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  obtain ⟨O1, O2⟩ := ho
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil, vConsumer]
    at B1 B2 B3 B4 B5 B6 B8 O1 O2
  obtain ⟨hsc, -⟩ := hg
  obtain ⟨hpub, h0, hh0, he, hr⟩ := B5 (by rw [hsc]; decide)
  refine ⟨fun h hh => ?_, ?_⟩
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh))
  all_goals (try (have O1h := O1 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> try simp_all)
  -- the one goal left: the started consumer's handle is the routed one ShapeCache checked
  intro hx
  by_cases e : h = h0
  · subst e; exact hr
  · exact O1 h hh (hx (fun h' => e (by exact_mod_cast h')))

/-- The broadcast delivers only to consumers of routed, hence present, shapes. -/
theorem presBO_SlcBroadcast (b : Bounds) :
    PreservesGiven b (InvBAll b) (InvBO b) (actOf .FixB false .SlcBroadcast) := by
  intro s env hb hg hi ho
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  simp at hb hg
  obtain ⟨B1, B2, B3, B4, B5, B6, B8⟩ := hi
  obtain ⟨O1, O2⟩ := ho
  simp only [vDown, vNoCause, vPresent, vStatus, vScIdle, vPublishing, vPending, vNil, vConsumer]
    at B1 B2 B3 B4 B5 B6 B8 O1 O2
  refine ⟨fun h hh => ?_, ?od⟩
  case od =>
    -- the delivery loop writes `orphanDelivery` only for a consumer of a non-present shape
    simp
    rw [exec_each_cell b s env .x .handle _ s .orphanDelivery 0 0 ?hbody]
    · exact O2
    · intro n hn st
      have hn' : n < b.H := by simpa using hn
      have O1n := O1 n hn'
      have B3n := B3 n hn'
      simp_all
      all_goals ((repeat' split) <;> simp_all)
  all_goals (try (have B3h := B3 h hh; have B6h := B6 h hh))
  all_goals (try (have O1h := O1 h hh))
  all_goals (try simp_all)
  all_goals ((repeat' split) <;> simp_all)


/-- Every FixB rule (without `SlcFail`) keeps `InvBO` in states satisfying `InvBAll`. -/
theorem presBO_all (b : Bounds) (l : Label) :
    PreservesGiven b (InvBAll b) (InvBO b) (actOf .FixB false l) := by
  cases l
  all_goals first
    | exact frameBO b _ (by decide)
    | exact presBO_SlcApplyBatch b
    | exact presBO_SlcRemoveNow b
    | exact presBO_SlcRoute b
    | exact presBO_CacheCheckNoShape b
    | exact presBO_SlcCrash b
    | exact presBO_SlcRestart b
    | exact presBO_SlcResolveRegistered b
    | exact presBO_CacheStart b
    | exact presBO_SlcBroadcast b

/-- **FixB without external collector crashes never delivers to an orphan, for every number of
shapes, consumers, cleaner chains and transactions** (rules without `SlcFail`): no live consumer
receives an event while its shape's status is not present. The router drops a shape only between
publishes and before its ShapeStatus removal, so every consumer a publish resolves or starts
belongs to a routed, present shape. With external crashes this fails (the restart re-routes a
shape whose removal is under way; see the FixB row of the verdict table). -/
public theorem fixB_noFault_noOrphanDelivery_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .FixB (faults := false)) s →
      s .orphanDelivery 0 0 ≠ .b true := by
  intro b s hs
  have hboth := reachable_inv b _ (fun s => InvBAll b s ∧ InvBO b s)
    (fun s h0 => ⟨initB b s h0, initBO b s h0⟩)
    (by
      intro a ha
      rw [eq_actOf .FixB false uniqueB a ha]
      exact preserves_and b _ _ _ (presB_all b _) (presBO_all b _))
    s hs
  exact hboth.2.2

end ElectricRace
