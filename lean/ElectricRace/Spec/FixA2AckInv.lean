module

public import ElectricRace.Spec.Model

/-!
# FixA2: what its acknowledgement needs

`InvA2Ack b s`: a routed shape is present or absent in ShapeStatus (so ShapeCache's check of it
always has a rule that answers it); a ShapeCache request in progress belongs to a routed handle
while the collector publishes; a pending routing belongs to a routed handle while the collector
publishes; and the shape of a ShapeCache request has no registered consumer (so a checked
request without a fresh consumer id is held only by the consumer-id bound). With `TxnHeld` they
make FixA2's acknowledgement never stuck (`Thm/FixA2Ack.lean`).
-/

namespace ElectricRace

@[expose] public section

/-- FixA2's acknowledgement facts, for every handle. -/
def InvA2Ack (b : Bounds) (s : State) : Prop :=
  (∀ h : Nat, h < b.H → s .router h 0 = .b true →
    s .status h 0 = vPresent ∨ s .status h 0 = vAbsent) ∧
  (s .sc 0 0 ≠ vScIdle → s .slc 0 0 = vPublishing ∧
    ∃ h : Nat, h < b.H ∧ (s .scHandle 0 0).asInt = h ∧ s .router h 0 = .b true) ∧
  (∀ h : Nat, h < b.H → s .pubState h 0 = vPending →
    s .slc 0 0 = vPublishing ∧ s .router h 0 = .b true) ∧
  (s .sc 0 0 ≠ vScIdle → s .registry (s .scHandle 0 0).asInt 0 = .i (-1))

/-- The variables `InvA2Ack` reads. -/
def invA2AckVars : List Var := [.router, .status, .sc, .slc, .scHandle, .pubState, .registry]

end

end ElectricRace
