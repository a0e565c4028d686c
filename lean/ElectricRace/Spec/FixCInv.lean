module

public import ElectricRace.Spec.Model

/-!
# The FixC invariant for every number of shapes

`InvCAll b s` is the FixC safety invariant at bounds `b`, quantified over every handle `h < H`:
the collector never crashed by `send(nil, …)`; a routed shape is in ShapeStatus (present or
tombstoned, never absent: the race window is closed); a ShapeCache request in progress belongs to
a routed handle while the collector publishes; a pending routing belongs to a routed handle while
the collector publishes; no publish resolved to `nil`.
-/

namespace ElectricRace

@[expose] public section

/-- The FixC invariant at bounds `b`, for every handle. -/
def InvCAll (b : Bounds) (s : State) : Prop :=
  s .crashCause 0 0 ≠ vSendNil ∧
  (∀ h : Nat, h < b.H → s .router h 0 = .b true → s .status h 0 ≠ vAbsent) ∧
  (s .sc 0 0 ≠ vScIdle → s .slc 0 0 = vPublishing ∧
    ∃ h : Nat, h < b.H ∧ (s .scHandle 0 0).asInt = h ∧ s .router h 0 = .b true) ∧
  (∀ h : Nat, h < b.H → s .pubState h 0 = vPending →
    s .slc 0 0 = vPublishing ∧ s .router h 0 = .b true) ∧
  (∀ h : Nat, h < b.H → s .pubState h 0 ≠ vNil)

/-- The variables `InvCAll` reads. -/
def invCAllVars : List Var := [.crashCause, .router, .status, .sc, .slc, .scHandle, .pubState]

end

end ElectricRace
