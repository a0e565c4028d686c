module

public import ElectricRace.Thm.FairRun
public import ElectricRace.Thm.FixCRank
public import ElectricRace.Thm.FixCAck

/-!
# FixC acknowledges every transaction under weak fairness, for every number of shapes

The ranking theorem (Thm/FixCRank.lean) and the never-stuck theorem (Thm/FixCAck.lean), composed
over infinite runs by `live_of_rank_of_neverStuck` (Thm/FairRun.lean). FixC's removals are not
live: the orphan interleaving leaves a live consumer for a removed shape with no forced step
enabled (`fixC_removal_starves_orphan`, Thm/Starvation.lean).
-/

namespace ElectricRace

/-- **FixC acknowledges every transaction under weak fairness, for every number of shapes,
consumers, cleaner chains and transactions.** Every run of the FixC rules (external collector
crashes included) that is weakly fair to the system's own steps and makes finitely many unforced
moves reaches a state with nothing un-acknowledged, or a state where the consumer-id bound holds
it. For Electric: with the tombstone, once new transactions, removals, crashes and consumer exits
stop, every transaction is acknowledged. -/
public theorem fixC_ack_fairRuns_settle_allBounds :
    ∀ (b : Bounds) (r : Run b (rules .FixC)), WeaklyFair r → FinitelyUnforced r →
      EventuallySettles r ackSettledE :=
  fun b => live_of_rank_of_neverStuck (statusRank b)
    (fixC_forcedSteps_terminate_allBounds b)
    (fixC_ack_neverStuck_allBounds b)

end ElectricRace
