module

public import ElectricRace.Thm.FixBProgress.Enabled

/-!
# FixB never deadlocks, for every number of shapes

In every reachable state of the full FixB rules (external collector crashes and restarts
included), for every `Bounds`, a state in which work is still in progress and which is not
blocked only by the consumer-id bound has an enabled step of the system (`SlcFail` not counted).
After an external crash FixB can reach its `send(nil)` crash (`fixB_nilCrash_after_fault`);
that crash is itself a step, and the restart that follows is another, so it is no deadlock. The
invariants: the typing facts (`Thm/FixBProgress/Types.lean`), `NoBatchFB` and `InvFBQ`
(`Queue.lean`), `InvFBD` (`Publish.lean`), `InvWait` (`Wait.lean`) and `NextNat`; the case
analysis is `quiescent_of_invFB` (`Enabled.lean`).
-/

namespace ElectricRace

/-- **FixB never deadlocks, for every number of shapes, consumers, cleaner chains and
transactions.** In every state FixB reaches (external collector crashes and restarts included),
if work is still in progress — a cleaner chain on its way, a removal queued, batched or
requested, a message in the collector's mailbox, a publish, a ShapeCache request or an
un-acknowledged transaction — and the consumer-id bound of the model is not what blocks it, then
some step other than an external crash can be taken: the rules never deadlock. For Electric: the
collector's removal requests, its publishes, ShapeCache and the cleaner chains never wait on
each other in a way nobody can resolve; the collector handles an open removal request before it
routes the next event; a publish that resolved a handle to `nil` ends in the collector's crash
rather than hanging; a crashed collector is restarted, and a chain whose request a crash lost
asks again. -/
public theorem fixB_noDeadlock_allBounds :
    ∀ (b : Bounds) (s : State), Reachable b (rules .FixB) s → ¬ Deadlocked .FixB b s := by
  intro b s hs ⟨hq, hbl, hen⟩
  obtain ⟨hT, hQ⟩ := fixB_queueInvariant_allBounds b s hs
  exact hq (quiescent_of_invFB b s hT (fixB_noBatch_allBounds b s hs)
    (fixB_publishInvariant_allBounds b s hs) hQ (fixB_waitFlag_allBounds b s hs)
    (fixB_nextNat_allBounds b s hs) hbl hen)

end ElectricRace
