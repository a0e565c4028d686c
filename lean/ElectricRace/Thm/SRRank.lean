module

public import ElectricRace.Thm.SRRank.Chain
public import ElectricRace.Thm.SRRank.Collector
public import ElectricRace.Thm.SRRank.Cache
public import ElectricRace.Thm.SRAll
public import ElectricRace.Lemmas.Forced

/-!
# SerializedRemoval: forced steps alone cannot run forever

Every forced step (`forcedSteps`, Spec/Liveness.lean) lowers `srRank` (Spec/SRRank.lean) from
every reachable state, for every `Bounds`. A run that takes only forced steps from a reachable
state therefore takes at most `srRank b s` of them.
-/

namespace ElectricRace

/-- The labels of SerializedRemoval's rules. -/
theorem sr_labels : (rules .SerializedRemoval).map Action.label =
    [.RemoveShape, .CleanerRouterRemove, .CleanerRouterAck, .CleanerStop, .CleanerStorage,
     .CleanerSlcRemove, .BatcherFlush, .SlcApplyBatch, .SlcRemoveNow, .TxnArrive, .SlcRoute,
     .SlcResolveRegistered, .SlcResolveAsk, .CacheCheckOk, .CacheCheckNoShape, .CacheStart,
     .SlcBroadcast, .SlcCrash, .ConsumerInit, .ConsumerSuspend, .ConsumerCrash,
     .ConsumerSelfClean, .ConsumerKill, .SlcFail, .SlcRestart] := by decide

/-- Every forced step of SerializedRemoval lowers the rank from a state satisfying `InvSR`. -/
public theorem rankDrops_forced (b : Bounds) :
    ∀ a ∈ forcedSteps (rules .SerializedRemoval), RankDropsSR b a := by
  intro a ha
  obtain ⟨hm, hu⟩ := of_mem_forcedSteps _ a ha
  have hl : a.label ∈ (rules .SerializedRemoval).map Action.label := List.mem_map_of_mem hm
  rw [sr_labels] at hl
  rw [eq_actOf .SerializedRemoval true uniqueSR a hm]
  generalize a.label = l at hl hu
  cases l
  all_goals first
      | (simp [unforced] at hu; done)
      | (simp at hl; done)
      | exact (rank_CleanerRouterRemove b).sr
      | exact (rank_CleanerRouterAck b).sr
      | exact (rank_CleanerStop b).sr
      | exact (rank_CleanerStorage b).sr
      | exact (rank_CleanerSlcRemove b).sr
      | exact (rank_BatcherFlush b).sr
      | exact (rank_SlcApplyBatch b).sr
      | exact (rank_SlcRemoveNow b).sr
      | exact (rank_SlcRestart b).sr
      | exact (rank_SlcRoute b).sr
      | exact rank_SlcCrash b
      | exact (rank_SlcResolveRegistered b).sr
      | exact (rank_SlcResolveAsk b).sr
      | exact (rank_CacheCheckOk b).sr
      | exact (rank_CacheCheckNoShape b).sr
      | exact (rank_CacheStart b).sr
      | exact (rank_ConsumerInit b).sr
      | exact (rank_SlcBroadcast b).sr

/-- **SerializedRemoval's forced steps cannot run forever, for every number of shapes,
consumers, cleaner chains and transactions.** From every reachable state (external collector
crashes included), every enabled forced step lowers the natural number `srRank b s`. For
Electric: once nothing new arrives (no removal, transaction, external crash or consumer exit),
the system comes to rest within `srRank b s` steps of its own. -/
public theorem serializedRemoval_forcedSteps_terminate_allBounds :
    ∀ (b : Bounds) (s : State), Reachable b (rules .SerializedRemoval) s →
      ∀ a ∈ forcedSteps (rules .SerializedRemoval), ∀ env : Env,
        bindingOk b env a.params = true → guardsOk b s env a.guards = true →
          srRank b (exec b s env a.effect s) < srRank b s := by
  intro b s hs a ha env hb hg
  exact rankDrops_forced b a ha s env hb hg (serializedRemoval_invariant_allBounds b s hs)

end ElectricRace
