module

public import ElectricRace.Thm.StatusRank
public import ElectricRace.Thm.FixCAll
public import ElectricRace.Spec.StatusRank

/-!
# FixC: forced steps alone cannot run forever

Every forced step of FixC lowers `statusRank` (`Spec/StatusRank.lean`) from every reachable state,
for every `Bounds`. Most of FixC's forced rules are SerializedRemoval's rules, action for action:
they lower `srRank` wherever they are enabled (`Thm/SRRank/*.lean`) and write no chain step
`status`, so they lower `statusRank` too (`rankS_of`, `Thm/StatusRank.lean`). FixC's own rules:
the ShapeStatus step (`Thm/StatusRank.lean`); routing with the tombstone filter and ShapeCache's
tombstone answer, proved next to their SerializedRemoval versions; the `send(nil)` crash is not
enabled under `InvCAll`.
-/

namespace ElectricRace

@[expose] public section

/-- Rule `a` lowers `statusRank` from every state satisfying `InvCAll` in which it is enabled. -/
def RankDropsC (b : Bounds) (a : Action) : Prop :=
  ∀ s env, bindingOk b env a.params = true → guardsOk b s env a.guards = true → InvCAll b s →
    statusRank b (exec b s env a.effect s) < statusRank b s

/-- A rule that lowers the rank wherever it is enabled lowers it under `InvCAll`. -/
theorem RankDropsS.c {b : Bounds} {a : Action} (h : RankDropsS b a) : RankDropsC b a :=
  fun s env hb hg _ => h s env hb hg

/-- A rule shared with SerializedRemoval that writes no chain step `status`. -/
theorem rankC_of {b : Bounds} {a : Action} (hr : RankDrops b a)
    (hw : writesLit .chainPc (fun x => decide (x ≠ vStatus)) a.effect = true) : RankDropsC b a :=
  (rankS_of hr hw).c

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
      | exact (rankS_CleanerStatus_fixC b).c
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
every enabled forced step lowers the natural number `statusRank b s`. For Electric: with the
tombstone, once nothing new arrives (no removal, transaction, external crash or consumer exit),
the system comes to rest within `statusRank b s` steps of its own. -/
public theorem fixC_forcedSteps_terminate_allBounds :
    ∀ (b : Bounds) (s : State), Reachable b (rules .FixC) s →
      ∀ a ∈ forcedSteps (rules .FixC), ∀ env : Env,
        bindingOk b env a.params = true → guardsOk b s env a.guards = true →
          statusRank b (exec b s env a.effect s) < statusRank b s := by
  intro b s hs a ha env hb hg
  exact rankDropsC_forced b a ha s env hb hg (fixC_invariant_allBounds b s hs)

end ElectricRace
