module

public import ElectricRace.Lemmas.EnvCongr

/-!
# FixB deadlocks when ShapeCache's `clean_shape` hosts the chain

electric.md §3.5 and §5(i): when a consumer start fails, ShapeCache calls `clean_shape`, a
synchronous `ShapeCleaner.remove_shape` that runs the removal chain inside the ShapeCache
process, while the collector, in the middle of a publish, waits for ShapeCache's reply. FixB's
chain begins by asking the collector to drop the route and waits until the collector has done
it; the collector handles that request only between events. So the collector waits on
ShapeCache, ShapeCache on the chain, the chain on the collector: nothing moves until an
external collector crash (`SlcFail`) restarts the subsystem.
-/

namespace ElectricRace

@[expose] public section

/-- A restored shape, one transaction: the collector routes it and asks ShapeCache, ShapeCache
checks the shape and the consumer start fails, so ShapeCache runs `clean_shape` in chain slot 0,
whose first step posts the router request and waits. -/
def hostedCleanDeadlockSched : List (Label × List Int) :=
  [(.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, []),
   (.CacheStartFail, [0]), (.CleanerRouterRemove, [0])]

/-- The end condition, as a Boolean the kernel evaluates: not quiescent, not held only by the
consumer-id bound, and no rule enabled, neither of the system without faults nor of the full
rules except `SlcFail`. -/
noncomputable def deadlockEndB (v : Variant) (s : State) : Bool :=
  decide (¬ Quiescent b1 s ∧ ¬ BoundLimited b1 s) && noneEnabledB s (rules v false) &&
    noneEnabledB s (exceptSlcFail (rules v))

theorem deadlockEndB_sound (v : Variant) (s : State) (h : deadlockEndB v s = true) :
    Deadlocked v b1 s ∧ ¬ Enabled b1 (exceptSlcFail (rules v)) s := by
  unfold deadlockEndB at h
  rw [Bool.and_eq_true, Bool.and_eq_true] at h
  obtain ⟨⟨h1, h2⟩, h3⟩ := h
  have hd := of_decide_eq_true h1
  exact ⟨⟨hd.1, hd.2, not_enabled_b1 s _ h2⟩, not_enabled_b1 s _ h3⟩

theorem witness_some {b : Bounds} {acts : List Action} {s0 : State}
    {sched : List (Label × List Int)} {P : State → Bool}
    (h : witness b acts s0 sched P = true) :
    initOk b s0 = true ∧ ∃ s, runSched b acts s0 sched = some s ∧ P s = true := by
  unfold witness at h
  rw [Bool.and_eq_true] at h
  obtain ⟨hi, hr⟩ := h
  refine ⟨hi, ?_⟩
  split at hr
  · rename_i s hs
    exact ⟨s, hs, hr⟩
  · simp at hr

/-- **FixB deadlocks once ShapeCache's `clean_shape` is modelled.** From the reproduction
recipe's initial state (one restored shape, one chain slot, one transaction) the schedule
`hostedCleanDeadlockSched` replays under FixB's rules and ends in a state with work in progress
(a publish, ShapeCache's call, the chain's router request) where no step of the system is
enabled (`Deadlocked`), and no rule at all except the external collector crash `SlcFail`: the
collector waits for ShapeCache, ShapeCache for the chain it hosts, the chain for the collector.
So FixB is not deadlock-free under Electric's real call edges; the earlier all-bounds
deadlock-freedom theorem held only for a model without them. -/
public theorem fixB_deadlock_shapeCache_clean :
    initOk b1 restored = true ∧ ∃ s, runSched b1 (rules .FixB) restored hostedCleanDeadlockSched = some s ∧
      Deadlocked .FixB b1 s ∧ ¬ Enabled b1 (exceptSlcFail (rules .FixB)) s := by
  have hw : witness b1 (rules .FixB) restored hostedCleanDeadlockSched (deadlockEndB .FixB) = true := by
    decide +kernel
  obtain ⟨hi, s, hs, hP⟩ := witness_some hw
  exact ⟨hi, s, hs, deadlockEndB_sound .FixB s hP⟩

end

end ElectricRace
