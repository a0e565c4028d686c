module

public import ElectricRace.Spec.SRProgressInv

/-!
# FixB progress: the auxiliary invariants

What the FixB deadlock proof needs, for the full rules (external collector crashes included):
the steering cells hold members of their enums (a FixB chain is never at `slcRemove`, a step
FixB does not have: its storage step ends the chain); no removal is ever queued or batched (FixB
has no step that queues one); a routed shape is present or absent in ShapeStatus (never any
other value); a pending routing belongs to a routed handle while the collector publishes; a
ShapeCache request belongs to a routed, unregistered handle while the collector publishes; an
un-acknowledged transaction is being published, waits in the mailbox, or the collector is down.
-/

namespace ElectricRace

@[expose] public section

/-- A FixB chain program counter: every member but `slcRemove`. -/
def pcOkFB (x : Val) : Bool :=
  decide (x = vIdle) || decide (x = vRouterRemove) || decide (x = vRouterWait) ||
  decide (x = vStatus) || decide (x = vStop) || decide (x = vStorage) || decide (x = vDone) ||
  decide (x = vAborted)

/-- The FixB typing facts: chain program counters (never at `slcRemove`), mailbox, collector
mode and ShapeCache stage each hold one of their members. -/
def TypesOkFB (b : Bounds) (s : State) : Prop :=
  CellsOk .chainPc pcOkFB (chainP b) s ∧ CellsOk .mbox mboxOkB scalarP s ∧
  CellsOk .slc slcOkB scalarP s ∧ CellsOk .sc scOkB scalarP s

/-- No removal is queued or batched. -/
def NoBatchFB (b : Bounds) (s : State) : Prop :=
  ∀ h : Nat, h < b.H → s .pendingRemove h 0 ≠ .b true ∧ s .batchRemove h 0 ≠ .b true

/-- The publish facts: a routed shape is present or absent; a pending routing is routed while
the collector publishes; a ShapeCache request is for a routed, unregistered handle while the
collector publishes. -/
def InvFBD (b : Bounds) (s : State) : Prop :=
  (∀ h : Nat, h < b.H → s .router h 0 = .b true →
    s .status h 0 = vPresent ∨ s .status h 0 = vAbsent) ∧
  (∀ h : Nat, h < b.H → s .pubState h 0 = vPending →
    s .slc 0 0 = vPublishing ∧ s .router h 0 = .b true) ∧
  (s .sc 0 0 ≠ vScIdle → s .slc 0 0 = vPublishing ∧
    ∃ h : Nat, h < b.H ∧ (s .scHandle 0 0).asInt = h ∧ s .router h 0 = .b true ∧
      s .registry h 0 = .i (-1))

/-- The variables `InvFBD` reads. -/
def invFBDVars : List Var := [.router, .status, .pubState, .slc, .sc, .scHandle, .registry]

/-- An un-acknowledged transaction is in the collector (published, queued) or the collector is
down. -/
def InvFBQ (s : State) : Prop :=
  s .unacked 0 0 ≠ .i (-1) →
    s .slc 0 0 = vPublishing ∨ s .slc 0 0 = vDown ∨
    s .mbox 0 0 = vE ∨ s .mbox 0 0 = vEB ∨ s .mbox 0 0 = vBE

/-- The variables `InvFBQ` reads. -/
def invFBQVars : List Var := [.unacked, .slc, .mbox]

end

end ElectricRace
