module

public import ElectricRace.Thm.FairRun
public import ElectricRace.Thm.SRRank
public import ElectricRace.Thm.SRSettle

/-!
# SerializedRemoval is live under weak fairness, for every number of shapes

The ranking theorem (Thm/SRRank.lean) and the two never-stuck theorems (Thm/SRSettle.lean),
composed over infinite runs by `live_of_rank_of_neverStuck` (Thm/FairRun.lean).
-/

namespace ElectricRace

/-- **SerializedRemoval's removals finish under weak fairness, for every number of shapes,
consumers, cleaner chains and transactions.** Every run of the rules (external collector crashes
included) that is weakly fair to the system's own steps and makes finitely many unforced moves
reaches a state where every started removal has its shape out of the router and no live consumer
for it, or a state where the consumer-id bound holds it. For Electric: with the proposal, once new
removals, transactions, crashes and consumer exits stop, every removal completes. -/
public theorem serializedRemoval_removal_fairRuns_settle_allBounds :
    ∀ (b : Bounds) (r : Run b (rules .SerializedRemoval)), WeaklyFair r → FinitelyUnforced r →
      EventuallySettles r removalSettledE :=
  fun b => live_of_rank_of_neverStuck (srRank b)
    (serializedRemoval_forcedSteps_terminate_allBounds b)
    (serializedRemoval_removal_neverStuck_allBounds b)

/-- **SerializedRemoval acknowledges every transaction under weak fairness, for every number of
shapes, consumers, cleaner chains and transactions.** Every run of the rules (external collector
crashes included) that is weakly fair to the system's own steps and makes finitely many unforced
moves reaches a state with nothing un-acknowledged, or a state where the consumer-id bound holds
it. For Electric: with the proposal, once new transactions, removals, crashes and consumer exits
stop, every transaction is acknowledged. -/
public theorem serializedRemoval_ack_fairRuns_settle_allBounds :
    ∀ (b : Bounds) (r : Run b (rules .SerializedRemoval)), WeaklyFair r → FinitelyUnforced r →
      EventuallySettles r ackSettledE :=
  fun b => live_of_rank_of_neverStuck (srRank b)
    (serializedRemoval_forcedSteps_terminate_allBounds b)
    (serializedRemoval_ack_neverStuck_allBounds b)

end ElectricRace
