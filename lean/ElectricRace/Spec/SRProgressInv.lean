module

public import ElectricRace.Spec.Model

/-!
# SerializedRemoval progress: the auxiliary invariants

What the progress proof needs beyond `InvSR` and `InvSRQ`: every cell that steers a rule's
guard holds one of its enum members (a cleaner chain is never at `status`, a step SerializedRemoval
does not have: its collector writes the tombstone); a batch in flight has its `B` message in the
collector's mailbox (so the batcher's flush waits only for a message the collector will take);
an un-acknowledged transaction is being published, waits in the mailbox, or the collector is
down (and its restart re-sends it); the next consumer id is a natural number.
-/

namespace ElectricRace

@[expose] public section

/-- Every cell `v[i][j]` with `P i j` holds a value accepted by `ok`. -/
def CellsOk (v : Var) (ok : Val → Bool) (P : Int → Int → Prop) (s : State) : Prop :=
  ∀ i j, P i j → ok (s v i j) = true

/-- The positions of a scalar. -/
def scalarP : Int → Int → Prop := fun i j => i = 0 ∧ j = 0

/-- The positions of the chain slots. -/
def chainP (b : Bounds) : Int → Int → Prop := fun i j => 0 ≤ i ∧ i < (b.K : Int) ∧ j = 0

/-- A SerializedRemoval chain program counter: every member but `status`. -/
def pcOkB (x : Val) : Bool :=
  decide (x = vIdle) || decide (x = vRouterRemove) || decide (x = vRouterWait) ||
  decide (x = vStop) || decide (x = vStorage) || decide (x = vSlcRemove) || decide (x = vDone) ||
  decide (x = vAborted)

/-- A mailbox value. -/
def mboxOkB (x : Val) : Bool :=
  decide (x = vEmpty) || decide (x = vE) || decide (x = vB) || decide (x = vEB) || decide (x = vBE)

/-- A collector mode. -/
def slcOkB (x : Val) : Bool := decide (x = vSlcIdle) || decide (x = vPublishing) || decide (x = vDown)

/-- A ShapeCache request stage. -/
def scOkB (x : Val) : Bool := decide (x = vScIdle) || decide (x = vRequested) || decide (x = vChecked)

/-- The typing facts: chain program counters, mailbox, collector mode and ShapeCache stage each
hold one of their members (a chain never at `status`). -/
def TypesOk (b : Bounds) (s : State) : Prop :=
  CellsOk .chainPc pcOkB (chainP b) s ∧ CellsOk .mbox mboxOkB scalarP s ∧
  CellsOk .slc slcOkB scalarP s ∧ CellsOk .sc scOkB scalarP s

/-- A batch in flight has its message queued; an un-acknowledged transaction is in the collector
(published, queued) or the collector is down. -/
def InvSRP (b : Bounds) (s : State) : Prop :=
  (∀ h : Nat, h < b.H → s .batchRemove h 0 = .b true →
    s .slc 0 0 ≠ vDown ∧ (s .mbox 0 0 = vB ∨ s .mbox 0 0 = vEB ∨ s .mbox 0 0 = vBE)) ∧
  (s .unacked 0 0 ≠ .i (-1) →
    s .slc 0 0 = vPublishing ∨ s .slc 0 0 = vDown ∨
    s .mbox 0 0 = vE ∨ s .mbox 0 0 = vEB ∨ s .mbox 0 0 = vBE)

/-- The variables `InvSRP` reads. -/
def invSRPVars : List Var := [.batchRemove, .slc, .mbox, .unacked]

/-- The next consumer id is a natural number. -/
def NextNat (s : State) : Prop := ∃ n : Nat, s .nextConsumer 0 0 = .i n

end

end ElectricRace
