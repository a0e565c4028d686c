module

public import ElectricRace.Thm.FairRun
public import ElectricRace.Thm.FixA2Rank
public import ElectricRace.Thm.FixA2Ack

/-!
# FixA2 (HEAD) acknowledges every transaction under weak fairness, for every number of shapes

The ranking theorem (Thm/FixA2Rank.lean) and the never-stuck theorem (Thm/FixA2Ack.lean),
composed over infinite runs by `live_of_rank_of_neverStuck` (Thm/FairRun.lean). FixA2's removals
are not live: the orphan interleaving leaves a live consumer for a removed shape with no forced
step enabled (`fixA2_removal_starves_orphan`, Thm/Starvation.lean).
-/

namespace ElectricRace

/-- **FixA2 (HEAD) acknowledges every transaction under weak fairness, for every number of
shapes, consumers, cleaner chains and transactions.** Every run of the FixA2 rules (external
collector crashes included) that is weakly fair to the system's own steps and makes finitely many
unforced moves reaches a state with nothing un-acknowledged, or a state where the consumer-id
bound holds it. For Electric: at upstream HEAD, once new transactions, removals, crashes and
consumer exits stop, every transaction is acknowledged. -/
public theorem fixA2_ack_fairRuns_settle_allBounds :
    ∀ (b : Bounds) (r : Run b (rules .FixA2)), WeaklyFair r → FinitelyUnforced r →
      EventuallySettles r ackSettledE :=
  fun b => live_of_rank_of_neverStuck (statusRank b)
    (fixA2_forcedSteps_terminate_allBounds b)
    (fixA2_ack_neverStuck_allBounds b)

end ElectricRace
