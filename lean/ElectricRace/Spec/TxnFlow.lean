module

public import ElectricRace.Spec.Reach

/-!
# Where the un-acknowledged transaction is, and when it may be acknowledged

electric.md's I6 ("no lost transaction"): a transaction leaves `unacked` only after the collector
has finished publishing it, and a collector crash re-queues it. In the model the replication
client holds at most one un-acknowledged transaction (`unacked`, `-1` for none); the collector
takes its event `E` out of the mailbox when it routes it (`SlcRoute`, which copies it to
`pubTxn`), and `SlcBroadcast` ends the publish and acknowledges it.

`TxnHeld` says the transaction is never dropped on the floor: while it is un-acknowledged it is
being published, waits in the mailbox, or the collector is down (and the restart re-queues
whatever is un-acknowledged). `AckedOnlyByPublish` says the only step that acknowledges it is
the end of ITS publish: the collector's `SlcBroadcast`, with every routed handle resolved.
`NoTxnLoss` is the two together, the property `txnLoss` of the verdict table.
-/

namespace ElectricRace

@[expose] public section

/-- The mailbox value holds a transaction event (alone, behind or before a batch message). -/
def HasEvent (x : Val) : Prop := x = vE ∨ x = vEB ∨ x = vBE

/-- The un-acknowledged transaction is held: an event in the mailbox is the un-acknowledged
transaction's; while the collector publishes, it publishes the un-acknowledged transaction and
no second event waits; and an un-acknowledged transaction is being published, waits in the
mailbox, or the collector is down. -/
def TxnHeld (s : State) : Prop :=
  (HasEvent (s .mbox 0 0) → s .unacked 0 0 ≠ .i (-1)) ∧
  (s .slc 0 0 = vPublishing →
    s .unacked 0 0 ≠ .i (-1) ∧ s .pubTxn 0 0 = s .unacked 0 0 ∧ ¬ HasEvent (s .mbox 0 0)) ∧
  (s .unacked 0 0 ≠ .i (-1) →
    s .slc 0 0 = vPublishing ∨ s .slc 0 0 = vDown ∨ HasEvent (s .mbox 0 0))

/-- Every step of variant `v` from a reachable state that changes an un-acknowledged
`unacked` is the collector's `SlcBroadcast` ending the publish of that very transaction
(`pubTxn = unacked`, no handle still pending), and it acknowledges it (`unacked := -1`). -/
def AckedOnlyByPublish (v : Variant) (b : Bounds) : Prop :=
  ∀ (s s' : State) (a : Action) (env : Env), Reachable b (rules v) s → a ∈ rules v →
    bindingOk b env a.params = true → step b s a env = some s' →
    s .unacked 0 0 ≠ .i (-1) → s' .unacked 0 0 ≠ s .unacked 0 0 →
    a.label = .SlcBroadcast ∧ s .slc 0 0 = vPublishing ∧ s .pubTxn 0 0 = s .unacked 0 0 ∧
    (∀ h : Nat, h < b.H → s .pubState h 0 ≠ vPending) ∧ s' .unacked 0 0 = .i (-1)

/-- No transaction is lost in variant `v` at bounds `b` (electric.md I6): every reachable state
holds its un-acknowledged transaction, and only the end of its publish acknowledges it. -/
def NoTxnLoss (v : Variant) (b : Bounds) : Prop :=
  (∀ s, Reachable b (rules v) s → TxnHeld s) ∧ AckedOnlyByPublish v b

end

end ElectricRace
