module

public import ElectricRace.Spec.Model

/-!
# The FixB invariant for every number of shapes and cleaner chains

`InvBAll b s` is the FixB safety invariant at bounds `b` (for the rules without external
collector crashes), quantified over every handle `h < H` and chain `k < K`: the collector is
never down and never crashed; a routed shape is present in ShapeStatus (the race window is
closed); a chain about to remove a shape from ShapeStatus has seen it leave the router; a
ShapeCache request in progress and a pending routing belong to a routed handle while the
collector publishes; no publish resolved to `nil`.
-/

namespace ElectricRace

@[expose] public section

/-- The FixB invariant at bounds `b`, for every handle and chain. -/
def InvBAll (b : Bounds) (s : State) : Prop :=
  s .slc 0 0 ≠ vDown ∧
  s .crashCause 0 0 = vNoCause ∧
  (∀ h : Nat, h < b.H → s .router h 0 = .b true → s .status h 0 = vPresent) ∧
  (∀ k : Nat, k < b.K → ∀ h : Nat, h < b.H → s .chainPc k 0 = vStatus →
    (s .chainHandle k 0).asInt = h → s .router h 0 ≠ .b true) ∧
  (s .sc 0 0 ≠ vScIdle → s .slc 0 0 = vPublishing ∧
    ∃ h : Nat, h < b.H ∧ (s .scHandle 0 0).asInt = h ∧ s .router h 0 = .b true) ∧
  (∀ h : Nat, h < b.H → s .pubState h 0 = vPending →
    s .slc 0 0 = vPublishing ∧ s .router h 0 = .b true) ∧
  (∀ h : Nat, h < b.H → s .pubState h 0 ≠ vNil)

/-- The variables `InvBAll` reads. -/
def invBAllVars : List Var :=
  [.slc, .crashCause, .router, .status, .chainPc, .chainHandle, .sc, .scHandle, .pubState]

end

end ElectricRace
