module

public import ElectricRace.Spec.Reach

/-!
# The property vocabulary and the kinds of verdict

A verdict is a claim "variant `v` has (or cannot have) property `p`". The properties are a fixed
vocabulary; each state property has an invariant expression in the rules' own expression
language (`Expr`), TRUE in a state where the property's bad thing has not happened, so the
TypeScript checker's interpreter can evaluate it on any state.

The kinds of verdict are schematic propositions: a verdict of kind "safety for all bounds" IS a
proof of `SafeAllBounds v p`, a witness IS a proof of `WitnessBy v b p s0 sched` (replaying the
schedule `sched` from `s0` ends in a state violating `p`). `ElectricRace/Verdicts.lean` attaches
such a proof to every entry of the exported verdict list, so the kernel checks each declared kind.
-/

namespace ElectricRace

@[expose] public section

/-- The fixed property vocabulary. -/
inductive Property where
  /-- the collector crashed by `send(nil, …)` -/
  | nilCrash
  /-- the collector crashed through `start_consumer!`: the consumer's start re-read ShapeStatus,
  the shape was gone, the start failed and `start_consumer!` raised (1.2.7–1.4.13) -/
  | startCrash
  /-- the race window: the router holds a shape whose ShapeStatus entry is ABSENT -/
  | raceWindow
  /-- the router holds a shape whose status is not `present` (includes FixC tombstones, which are
  harmless by design: publish skips them) -/
  | routedNotPresent
  /-- a live consumer received an event while its shape's status was not `present` -/
  | orphanDelivery
  /-- at quiescence (nothing in flight) a live consumer, stored data or a router entry belongs to a
  shape whose status is not `present` -/
  | quiescentOrphan
  /-- a deadlock: work is still in progress (the state is not quiescent), the consumer-id bound is
  not what blocks it, and no step of the system is enabled, external crashes not counted
  (`Deadlocked` in `Spec/Deadlock.lean`); not a state predicate of the exported kind -/
  | deadlock
  /-- a transaction acknowledged before the collector finished publishing it, or dropped while
  un-acknowledged (electric.md I6; `NoTxnLoss` in `Spec/TxnFlow.lean`; not a state predicate of
  the exported kind) -/
  | txnLoss
  /-- liveness of removal fails: a weakly fair run in which a started removal never ends with
  neither the router nor a live consumer holding its shape (`Spec/Liveness.lean`; not a state
  predicate) -/
  | removalStarves
  /-- liveness of the acknowledgement fails: a weakly fair run in which an un-acknowledged
  transaction is never acknowledged (`Spec/Liveness.lean`; not a state predicate) -/
  | ackStarves
deriving DecidableEq

/-- Quiescence: no chain in progress, nothing pending, batched or queued, no publish, no
ShapeCache request, no un-acknowledged transaction, the collector idle. -/
def quiescentE : Expr :=
  .and (forallK (.or (isE (chainPc pX) vIdle) (.or (isE (chainPc pX) vDone) (isE (chainPc pX) vAborted))))
  (.and (forallH (.and (.not (pendingRemove pX)) (.and (.not (batchRemove pX)) (.not (removeNow pX)))))
  (.and (isE mbox vEmpty) (.and (isE slc vSlcIdle) (.and (isE sc vScIdle) (.eq unacked none')))))

/-- Clean: every live consumer's shape is present; stored data and router entries belong to
present shapes. -/
def cleanE : Expr :=
  .and (forallC (.or (.not (live (cons pX))) (isE (status (owner pX)) vPresent)))
  (forallH (.and (.or (notE (storage pX) vSPresent) (isE (status pX) vPresent))
                 (.or (.not (router pX)) (isE (status pX) vPresent))))

/-- The invariant expression of a state property (`none` for `deadlock`, `txnLoss` and the two
liveness properties). -/
def propInv : Property → Option Expr
  | .nilCrash => some noNilCrash
  | .startCrash => some noStartCrash
  | .raceWindow => some (forallH (.or (.not (router pX)) (notE (status pX) vAbsent)))
  | .routedNotPresent => some noWindow
  | .orphanDelivery => some noOrphanDelivery
  | .quiescentOrphan => some (.or (.not quiescentE) cleanE)
  | .deadlock => none
  | .txnLoss => none
  | .removalStarves => none
  | .ackStarves => none

/-- The invariant as an expression (`true` for the properties without one). -/
def inv (p : Property) : Expr :=
  match propInv p with
  | some e => e
  | none => tt

/-- The invariant of `p` holds in `s` (as a Boolean). -/
def holdsB (b : Bounds) (s : State) (p : Property) : Bool := (eval b s (fun _ => 0) (inv p)).asBool

/-- The invariant of `p` holds in `s`. -/
def holds (b : Bounds) (s : State) (p : Property) : Prop := holdsB b s p = true

/-- Safety for all bounds: in every reachable state of every size the invariant holds. -/
def SafeAllBounds (v : Variant) (p : Property) : Prop :=
  ∀ (b : Bounds) (s : State), Reachable b (rules v) s → holds b s p

/-- Safety at the stated bounds `b`, with (`faults = true`) or without the external collector
crash `SlcFail`. -/
def SafeAt (v : Variant) (faults : Bool) (b : Bounds) (p : Property) : Prop :=
  ∀ s : State, Reachable b (rules v faults) s → holds b s p

/-- A witness: replaying `sched` from the initial state `s0` under the rules of `v` succeeds and
ends in a state that violates the invariant of `p`. -/
def WitnessBy (v : Variant) (b : Bounds) (p : Property) (s0 : State)
    (sched : List (Label × List Int)) : Prop :=
  witness b (rules v) s0 sched (fun s => !holdsB b s p) = true

/-- Reachable by witness: some reachable state violates the invariant of `p`. -/
def Witness (v : Variant) (b : Bounds) (p : Property) : Prop :=
  ∃ s, Reachable b (rules v) s ∧ ¬ holds b s p

end

end ElectricRace
