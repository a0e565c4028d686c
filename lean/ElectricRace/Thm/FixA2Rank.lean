module

public import ElectricRace.Thm.StatusRank
public import ElectricRace.Thm.FixA2Ack.Inv

/-!
# FixA2: forced steps alone cannot run forever

Every forced step of FixA2 (HEAD) lowers `statusRank` (`Spec/StatusRank.lean`) wherever it is
enabled, for every `Bounds`; no invariant is needed (FixA2 has no `send(nil)` crash). Eleven of its
forced rules are SerializedRemoval's, action for action, and carry over by `rankS_of`; the
ShapeStatus step is `Thm/StatusRank.lean`; the batch and the restart (no tombstone to drop) and
the broadcast (a `nil` recorded as undeliverable) are proved next to their SerializedRemoval
versions by the same scripts (`Thm/SRRank/Collector.lean`, `Thm/SRRank/Cache.lean`).
-/

namespace ElectricRace

/-- The labels of FixA2's rules. -/
theorem fixA2_labels : (rules .FixA2).map Action.label =
    [.RemoveShape, .CleanerStatus, .CleanerStop, .CleanerStorage, .CleanerSlcRemove,
     .BatcherFlush, .SlcApplyBatch, .TxnArrive, .SlcRoute, .SlcResolveRegistered,
     .SlcResolveAsk, .CacheCheckOk, .CacheCheckNoShape, .CacheStart, .SlcBroadcast,
     .ConsumerInit, .ConsumerSuspend, .ConsumerCrash, .ConsumerSelfClean, .ConsumerKill,
     .SlcFail, .SlcRestart] := by decide

/-- A rule shared with SerializedRemoval that writes no chain step `status`. -/
theorem rankA2_of {b : Bounds} {a : Action} (hr : RankDrops b a)
    (hw : writesLit .chainPc (fun x => decide (x ≠ vStatus)) a.effect = true) : RankDropsS b a :=
  rankS_of hr hw

/-- Every forced step of FixA2 lowers the rank wherever it is enabled. -/
theorem rankDropsA2_forced (b : Bounds) : ∀ a ∈ forcedSteps (rules .FixA2), RankDropsS b a := by
  intro a ha
  obtain ⟨hm, hu⟩ := of_mem_forcedSteps _ a ha
  have hl : a.label ∈ (rules .FixA2).map Action.label := List.mem_map_of_mem hm
  rw [fixA2_labels] at hl
  rw [eq_actOf .FixA2 true uniqueA2 a hm]
  generalize a.label = l at hl hu
  cases l
  all_goals first
      | (simp [unforced] at hu; done)
      | (simp at hl; done)
      | exact rankS_CleanerStatus_fixA2 b
      | exact rankA2_of (rank_SlcApplyBatch_fixA2 b) (by decide)
      | exact rankA2_of (rank_SlcRestart_fixA2 b) (by decide)
      | exact rankA2_of (rank_SlcBroadcast_fixA2 b) (by decide)
      | exact rankA2_of (rank_CleanerStop b) (by decide)
      | exact rankA2_of (rank_CleanerStorage b) (by decide)
      | exact rankA2_of (rank_CleanerSlcRemove b) (by decide)
      | exact rankA2_of (rank_BatcherFlush b) (by decide)
      | exact rankA2_of (rank_SlcRoute b) (by decide)
      | exact rankA2_of (rank_SlcResolveRegistered b) (by decide)
      | exact rankA2_of (rank_SlcResolveAsk b) (by decide)
      | exact rankA2_of (rank_CacheCheckOk b) (by decide)
      | exact rankA2_of (rank_CacheCheckNoShape b) (by decide)
      | exact rankA2_of (rank_CacheStart b) (by decide)
      | exact rankA2_of (rank_ConsumerInit b) (by decide)

/-- **FixA2's forced steps cannot run forever, for every number of shapes, consumers, cleaner
chains and transactions.** From every reachable state (external collector crashes included),
every enabled forced step lowers the natural number `statusRank b s`. For Electric: at HEAD, once
nothing new arrives (no removal, transaction, external crash or consumer exit), the system comes
to rest within `statusRank b s` steps of its own. -/
public theorem fixA2_forcedSteps_terminate_allBounds :
    ∀ (b : Bounds) (s : State), Reachable b (rules .FixA2) s →
      ∀ a ∈ forcedSteps (rules .FixA2), ∀ env : Env,
        bindingOk b env a.params = true → guardsOk b s env a.guards = true →
          statusRank b (exec b s env a.effect s) < statusRank b s := by
  intro b s _ a ha env hb hg
  exact rankDropsA2_forced b a ha s env hb hg

end ElectricRace
