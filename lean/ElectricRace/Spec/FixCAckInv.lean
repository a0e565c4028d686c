module

public import ElectricRace.Spec.SRProgressInv

/-!
# FixC: what its acknowledgement needs beyond the safety invariant

`InvCAck b s`: a routed shape is present or tombstoned in ShapeStatus (so ShapeCache's check of
a routed shape always has a rule that answers it), and while ShapeCache handles a request the
shape it handles has no registered consumer (so a checked request whose start has no fresh
consumer id left is held only by the consumer-id bound). `SteerOk s`: the mailbox, the
collector's mode and ShapeCache's stage each hold one of their members.
With `InvCAll` and `TxnHeld` they make FixC's acknowledgement never stuck (`Thm/FixCAck.lean`).
-/

namespace ElectricRace

@[expose] public section

/-- FixC's acknowledgement facts, for every handle. -/
def InvCAck (b : Bounds) (s : State) : Prop :=
  (∀ h : Nat, h < b.H → s .router h 0 = .b true →
    s .status h 0 = vPresent ∨ s .status h 0 = vTombstoned) ∧
  (s .sc 0 0 ≠ vScIdle → s .registry (s .scHandle 0 0).asInt 0 = .i (-1))

/-- The variables `InvCAck` reads. -/
def invCAckVars : List Var := [.router, .status, .sc, .scHandle, .registry]

/-- The mailbox, the collector's mode and ShapeCache's stage hold members of their enums. -/
def SteerOk (s : State) : Prop :=
  CellsOk .mbox mboxOkB scalarP s ∧ CellsOk .slc slcOkB scalarP s ∧ CellsOk .sc scOkB scalarP s

end

end ElectricRace
