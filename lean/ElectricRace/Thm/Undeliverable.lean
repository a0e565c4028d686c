module

public import ElectricRace.Thm.Witnesses
public import ElectricRace.Spec.WellFormed

/-!
# HEAD's undeliverable records (FixA2)

At HEAD, `ConsumerRegistry.publish` returns `{undeliverable, delivered}` (electric.md 3.4, 4): a
handle whose pid resolved to `nil` (ShapeCache replied `:no_shape`) is undeliverable with
`{:publish, :no_shape}`, a handle whose registered pid is dead gets a `:noproc` DOWN. The model
records the reason in the cell `undeliverable[h]` at the end of the publish (`SlcBroadcast`).
Earlier versions drop both without a word: no action of PreFix, FixA, FixB or FixC writes the cell.
-/

namespace ElectricRace

@[expose] public section

def recordsNoShape (s : State) : Bool := s .undeliverable 0 0 = vNoShape && survivedAndAcked s

def recordsNoproc (s : State) : Bool :=
  s .undeliverable 0 0 = vNoproc && survivedAndAcked s && s .cons 0 0 = vDeadCleanup

/-- No action of the variant writes `undeliverable` (it keeps its initial `none`). -/
def neverRecords (v : Variant) : Bool :=
  allActs (fun a => writesOnly .undeliverable (fun _ => false) a.effect) (rules v)

end

/-- **HEAD records the recipe's transaction as undeliverable with `:no_shape`.** On the
reproduction recipe (restored shape without a consumer, a transaction in the window), FixA2's
publish resolves the removed shape to `nil`, records `undeliverable[0] = no_shape`, survives and
acknowledges the transaction. -/
public theorem fixA2_records_no_shape :
    ∃ s, Reachable b1 (rules .FixA2) s ∧ recordsNoShape s = true :=
  witness_sound (s0 := restored) (sched := recipe ++ [(.SlcBroadcast, [])]) (by decide +kernel)

/-- **HEAD records a stale dead pid as undeliverable with `:noproc`.** A shape whose consumer was
running when it was removed keeps the dead pid registered; a transaction in the window resolves
to it, and FixA2's publish records `undeliverable[0] = noproc` (no crash, transaction acked). -/
public theorem fixA2_records_noproc :
    ∃ s, Reachable b2 (rules .FixA2) s ∧ recordsNoproc s = true :=
  witness_sound (s0 := restored) (sched := deadRegisteredSched ++ [(.SlcBroadcast, [])])
    (by decide +kernel)

/-- **Only HEAD keeps undeliverable records.** No action of PreFix, FixA, FixB or FixC writes
`undeliverable`: 1.2.7–1.3.3 and the proposed fixes drop a `nil` pid or a `:noproc` DOWN without
recording it. (A statement about the rules' effects; with the init conjunct `no_undeliverable` the
cell stays `none` in those variants.) -/
public theorem earlier_variants_never_record :
    neverRecords .PreFix = true ∧ neverRecords .FixA = true ∧ neverRecords .FixB = true ∧
    neverRecords .FixC = true :=
  ⟨by decide +kernel, by decide +kernel, by decide +kernel, by decide +kernel⟩

end ElectricRace
