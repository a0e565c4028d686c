module

public import ElectricRace.Spec.Model

/-!
# SerializedRemoval: a finished chain's shape stays removed

`InvSRD b s`: a cleaner chain that is done or aborted belongs to a shape that is not present in
ShapeStatus. SerializedRemoval never writes `present` (only the tombstone and its removal), a
chain finishes only from its last step, where `InvSRQ` already says its shape is no longer
present, and a finished chain never starts again. With `InvSR` (a routed shape is present) and
`InvSRQ` (a live consumer of a shape not present has a chain on its way) it makes every started
removal settled once nothing is in flight (`Thm/SRSettle.lean`).
-/

namespace ElectricRace

@[expose] public section

/-- A finished (done or aborted) chain's shape is not present in ShapeStatus. -/
def InvSRD (b : Bounds) (s : State) : Prop :=
  ∀ k : Nat, k < b.K → (s .chainPc k 0 = vDone ∨ s .chainPc k 0 = vAborted) →
    ∀ h : Nat, h < b.H → (s .chainHandle k 0).asInt = h → s .status h 0 ≠ vPresent

/-- The variables `InvSRD` reads. -/
def invSRDVars : List Var := [.chainPc, .chainHandle, .status]

end

end ElectricRace
