module

public import ElectricRace.Spec.Model

/-!
# The SerializedRemoval invariant for every number of shapes

`InvSR b s` is the safety invariant of the proposed complete fix at bounds `b`, quantified over
every handle `h < H`: the collector never crashed by `send(nil, …)`; a routed shape is present in
ShapeStatus (the collector drops the route in the same message that tombstones the shape, and a
restart rebuilds the router from present shapes only); a ShapeCache request in progress, a
pending routing and a resolved consumer belong to a routed (hence present) handle while the
collector publishes; no publish resolved to `nil`; no live consumer ever received an event for a
shape that was not present.
-/

namespace ElectricRace

@[expose] public section

/-- The SerializedRemoval invariant at bounds `b`, for every handle. -/
def InvSR (b : Bounds) (s : State) : Prop :=
  s .crashCause 0 0 ≠ vSendNil ∧
  (∀ h : Nat, h < b.H → s .router h 0 = .b true → s .status h 0 = vPresent) ∧
  (s .sc 0 0 ≠ vScIdle → s .slc 0 0 = vPublishing ∧
    ∃ h : Nat, h < b.H ∧ (s .scHandle 0 0).asInt = h ∧ s .router h 0 = .b true) ∧
  (∀ h : Nat, h < b.H → s .pubState h 0 = vPending →
    s .slc 0 0 = vPublishing ∧ s .router h 0 = .b true) ∧
  (∀ h : Nat, h < b.H → s .pubState h 0 = vConsumer →
    s .slc 0 0 = vPublishing ∧ s .status h 0 = vPresent) ∧
  (∀ h : Nat, h < b.H → s .pubState h 0 ≠ vNil) ∧
  s .orphanDelivery 0 0 ≠ .b true

/-- The variables `InvSR` reads. -/
def invSRVars : List Var :=
  [.crashCause, .router, .status, .sc, .slc, .scHandle, .pubState, .orphanDelivery]

end

end ElectricRace
