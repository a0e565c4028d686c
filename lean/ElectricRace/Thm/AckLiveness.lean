module

public import ElectricRace.Thm.Liveness

/-!
# Acknowledgement is not live when the collector keeps crashing, in every variant

Liveness of the acknowledgement ("every un-acknowledged transaction is eventually
acknowledged") is not proved for any variant. This file gives, for each variant, a weakly fair
lasso (`fairLasso`, `Thm/Liveness.lean`) at H=C=K=T=1 in which it fails because external
collector crashes recur forever: the shape is first removed completely, so no consumer is
involved; then a transaction arrives, and in every round the collector takes the event, crashes
before its broadcast acknowledges it, restarts, and gets the same event back from the
replication client. Every action instance that stays enabled throughout the cycle is taken in
it, `SlcFail` excepted (`SlcBroadcast` is enabled in one state of the cycle only, so weak
fairness does not force it). With finitely many crashes nothing here says whether
acknowledgement is live.
-/

namespace ElectricRace

@[expose] public section

/-- A complete removal of handle 0 by chain 0, in the variant's own order. -/
def fullRemoval : Variant → List (Label × List Int)
  | .FixB =>
    [(.RemoveShape, [0, 0]), (.CleanerRouterRemove, [0]), (.SlcRemoveNow, [0]),
     (.CleanerRouterAck, [0]), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0])]
  | .SerializedRemoval =>
    [(.RemoveShape, [0, 0]), (.CleanerRouterRemove, [0]), (.SlcRemoveNow, [0]),
     (.CleanerRouterAck, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0]),
     (.CleanerSlcRemove, [0]), (.BatcherFlush, []), (.SlcApplyBatch, [])]
  | _ =>
    [(.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0]),
     (.CleanerSlcRemove, [0]), (.BatcherFlush, []), (.SlcApplyBatch, [])]

/-- One round: the collector takes the event, crashes before acknowledging it, and restarts;
the replication client re-sends the event. -/
def lostAckCycle : List (Label × List Int) := [(.SlcRoute, []), (.SlcFail, []), (.SlcRestart, [])]

/-- The removal, the transaction's arrival, and two crash rounds that saturate the crash
counter. -/
noncomputable def lostAckPre (v : Variant) : List (Label × List Int) :=
  fullRemoval v ++ [(.TxnArrive, [0])] ++ lostAckCycle ++ lostAckCycle

/-- Transaction 0 is still un-acknowledged. -/
noncomputable def ackPending (s : State) : Bool := decide (s .unacked 0 0 = .i 0)

end

/-- **No variant's acknowledgement is live if the collector keeps crashing** (weak fairness,
H=C=K=T=1, every variant): a fair lasso in which the collector crashes after taking the event
and before its broadcast, every round, so transaction 0 is never acknowledged. A
counterexample under recurring external crashes only. -/
public theorem ack_starves_under_recurring_crashes :
    fairLasso .PreFix b1 restored (lostAckPre .PreFix) lostAckCycle ackPending = true ∧
    fairLasso .FixA b1 restored (lostAckPre .FixA) lostAckCycle ackPending = true ∧
    fairLasso .FixA2 b1 restored (lostAckPre .FixA2) lostAckCycle ackPending = true ∧
    fairLasso .FixB b1 restored (lostAckPre .FixB) lostAckCycle ackPending = true ∧
    fairLasso .FixC b1 restored (lostAckPre .FixC) lostAckCycle ackPending = true ∧
    fairLasso .SerializedRemoval b1 restored (lostAckPre .SerializedRemoval) lostAckCycle
      ackPending = true := by
  refine ⟨?_, ?_, ?_, ?_, ?_, ?_⟩ <;> decide +kernel

end ElectricRace
