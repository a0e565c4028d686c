module

public import ElectricRace.Thm.SRProgress.Enabled

/-!
# SerializedRemoval never deadlocks, for every number of shapes

In every reachable state of the full SerializedRemoval rules (external collector crashes and
restarts included), for every `Bounds`, a state in which work is still in progress and which is
not blocked only by the consumer-id bound has an enabled step of the system (`SlcFail` not
counted). The invariants: `InvSR` (`Thm/SRAll`), `InvSRQ` (`Thm/SRQuiet`), the typing facts and
`InvSRP` (`Thm/SRProgress/Types.lean`, `Queue.lean`), `InvWait` (`Wait.lean`) and `NextNat`;
the case analysis is `quiescent_of_inv` (`Enabled.lean`).
-/

namespace ElectricRace

/-- **SerializedRemoval never deadlocks, for every number of shapes, consumers, cleaner chains
and transactions.** In every state SerializedRemoval reaches (external collector crashes and
restarts included), if work is still in progress — a cleaner chain on its way, a removal queued,
batched or requested, a message in the collector's mailbox, a publish, a ShapeCache request or an
un-acknowledged transaction — and the consumer-id bound of the model is not what blocks it, then
some step other than an external crash can be taken: the rules never deadlock. For Electric: the
collector's removal message, its batches, its publishes, ShapeCache and the cleaner chains never
wait on each other in a way nobody can resolve; a crashed collector is restarted, a removal
request the collector lost is re-issued by its chain. Assumed by the model: the proposal's
ShapeCache starts its `clean_shape` asynchronously (`docs/fix-proposal.md`), so ShapeCache hosts
no chain and never waits on one; the collector's own synchronous `remove_shapes` is not
modelled. -/
public theorem serializedRemoval_noDeadlock_allBounds :
    ∀ (b : Bounds) (s : State), Reachable b (rules .SerializedRemoval) s →
      ¬ Deadlocked .SerializedRemoval b s := by
  intro b s hs ⟨hq, hbl, hen⟩
  obtain ⟨hI, hQ⟩ := serializedRemoval_quiescenceInvariant_allBounds b s hs
  obtain ⟨hT, hP⟩ := serializedRemoval_queueInvariant_allBounds b s hs
  exact hq (quiescent_of_inv b s hI hQ hT hP (serializedRemoval_waitFlag_allBounds b s hs)
    (serializedRemoval_nextNat_allBounds b s hs) hbl
    (fun ⟨a, ha, env, hb, hst⟩ => hen ⟨a, sr_forced_mem_false a ha, env, hb, hst⟩))

end ElectricRace
