module

public import ElectricRace.Spec.Model

/-!
# SerializedRemoval at quiescence: the auxiliary invariant

`InvSRQ b s` (with `InvSR`) is what makes a quiescent SerializedRemoval state clean, for every
`Bounds`: a live consumer is the registered consumer of its shape (so each shape has at most one
live consumer, the one a cleaner chain's stop kills); a ShapeCache request is for an
unregistered shape; a pending removal request has its chain waiting for it; a chain past its
acknowledgement, and a queued or batched removal, belong to a shape that is no longer present
and (past the stop) has no live consumer; a live consumer, or stored data, of a shape that is not
present has a chain still on its way to kill it (or to clean the storage).
-/

namespace ElectricRace

@[expose] public section

/-- The quiescence invariant of SerializedRemoval at bounds `b`. -/
def InvSRQ (b : Bounds) (s : State) : Prop :=
  -- Q1: a live consumer is its shape's registered consumer
  (∀ c : Nat, c < b.C → (s .cons c 0 = vStarting ∨ s .cons c 0 = vRunning) →
    ∃ h : Nat, h < b.H ∧ (s .owner c 0).asInt = h ∧ (s .registry h 0).asInt = c) ∧
  -- Q2: a ShapeCache request is for an unregistered shape
  (s .sc 0 0 ≠ vScIdle → ∀ h : Nat, (s .scHandle 0 0).asInt = h → s .registry h 0 = .i (-1)) ∧
  -- Q7: a removal request has a chain waiting for it
  (∀ h : Nat, h < b.H → s .removeNow h 0 = .b true →
    ∃ k : Nat, k < b.K ∧ (s .chainHandle k 0).asInt = h ∧ s .chainPc k 0 = vRouterWait) ∧
  -- Q5: a chain past the acknowledgement belongs to a shape no longer present
  (∀ k : Nat, k < b.K →
    (s .chainPc k 0 = vStop ∨ s .chainPc k 0 = vStorage ∨ s .chainPc k 0 = vSlcRemove) →
    ∀ h : Nat, h < b.H → (s .chainHandle k 0).asInt = h → s .status h 0 ≠ vPresent) ∧
  -- Q4: a chain past its stop: its shape has no live consumer
  (∀ k : Nat, k < b.K → (s .chainPc k 0 = vStorage ∨ s .chainPc k 0 = vSlcRemove) →
    ∀ c : Nat, c < b.C → (s .cons c 0 = vStarting ∨ s .cons c 0 = vRunning) →
      (s .owner c 0).asInt ≠ (s .chainHandle k 0).asInt) ∧
  -- Q3: a queued or batched removal: not present, no live consumer
  (∀ h : Nat, h < b.H → (s .pendingRemove h 0 = .b true ∨ s .batchRemove h 0 = .b true) →
    s .status h 0 ≠ vPresent ∧
    ∀ c : Nat, c < b.C → (s .cons c 0 = vStarting ∨ s .cons c 0 = vRunning) →
      (s .owner c 0).asInt ≠ h) ∧
  -- Q6: a live consumer of a shape not present has a chain on its way to stop it
  (∀ c : Nat, c < b.C → (s .cons c 0 = vStarting ∨ s .cons c 0 = vRunning) →
    ∀ h : Nat, h < b.H → (s .owner c 0).asInt = h → s .status h 0 ≠ vPresent →
    ∃ k : Nat, k < b.K ∧ (s .chainHandle k 0).asInt = h ∧
      (s .chainPc k 0 = vRouterWait ∨ s .chainPc k 0 = vStop)) ∧
  -- Q9: stored data of a shape not present has a chain on its way to clean it
  (∀ h : Nat, h < b.H → s .storage h 0 = vSPresent → s .status h 0 ≠ vPresent →
    ∃ k : Nat, k < b.K ∧ (s .chainHandle k 0).asInt = h ∧
      (s .chainPc k 0 = vRouterWait ∨ s .chainPc k 0 = vStop ∨ s .chainPc k 0 = vStorage))

/-- The variables `InvSRQ` reads. -/
def invSRQVars : List Var :=
  [.cons, .owner, .registry, .sc, .scHandle, .removeNow, .chainHandle, .chainPc, .status,
   .pendingRemove, .batchRemove, .storage]

end

end ElectricRace
