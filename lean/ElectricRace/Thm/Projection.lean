module

public import ShapeRemovalRaceSimple
public import ElectricRace.Thm.Witnesses

/-!
# The simple model is a projection of the full model

`ShapeRemovalRaceSimple` (the bug analysis's model) sees one shape through four booleans.
Projecting a full-model state on handle 0 gives such a view (`proj`): ShapeStatus has the shape
(`present`), the router holds it, the ConsumerRegistry has an entry for it, its storage is
`present`.

Two kinds of statement relate the models.

* **A step-by-step simulation** (`ElectricRace.Thm.Simulation`, `projection_simulates_preFix`):
  for every bounds, every full-model state, every enabled PreFix step except `CacheStart`,
  `ConsumerInit` and `SlcRestart`, the projection either does not change or changes exactly as
  one simple-model step (`removeStatus`, `stopConsumer`, `cleanupStorage`, `removeRouter`). The
  three left-out steps register a consumer, re-create storage and rebuild the router; the simple
  model has no such steps, and `exceptions_are_real` replays a schedule for each where the step
  changes the projection in a way no simple-model step does.
* **Pointwise agreement along explicit schedules** (this file): along the reproduction recipe
  (a restored shape, no registry entry) the states the full model visits project onto the states
  the simple model visits, in the simple model's order; and at the recipe's window state the
  simple model's `publish` says `crash` where the full model, continued from that very state by
  `SlcCrash`, crashes by `nil`.

Where the projection stops being faithful is stated too (`projection_stop_keeps_registry`): the
full model's `Consumer.stop` keeps a dead pid registered, which the simple model does not.
-/

namespace ElectricRace

@[expose] public section

/-- The simple model's view of handle 0. -/
def proj (s : State) : ShapeRemovalRaceSimple.St :=
  { status := s .status 0 0 == vPresent,
    router := s .router 0 0 == .b true,
    consumer := s .registry 0 0 != .i (-1),
    storage := s .storage 0 0 == vSPresent }

/-- Replay `sched` in the full PreFix model and compare the projection with the simple model
after `steps`. -/
noncomputable def projectsTo (sched : List (Label × List Int)) (steps : List ShapeRemovalRaceSimple.Step) : Bool :=
  match runSched b1 (rules .PreFix) restored sched with
  | some s => decide (proj s = ShapeRemovalRaceSimple.run (proj restored) steps)
  | none => false

end

/-- **Pointwise projection along the recipe (one schedule; the step-by-step simulation over all
steps is `projection_simulates_preFix`).** Along the
reproduction recipe, each cleaner step of the full model (ShapeStatus removal, `Consumer.stop`,
`Storage.cleanup!`) and the collector's batched removal (`CleanerSlcRemove`, `BatcherFlush`,
`SlcApplyBatch`) project onto the simple model's `removeStatus`, `stopConsumer`,
`cleanupStorage` and `removeRouter`; the transaction's arrival and routing leave the projection
unchanged. The restored shape projects to the simple model's state with no registered consumer. -/
public theorem projection_along_recipe :
    proj restored = { status := true, router := true, consumer := false, storage := true } ∧
    projectsTo [(.RemoveShape, [0, 0]), (.CleanerStatus, [0])] [.removeStatus] = true ∧
    projectsTo [(.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0])]
      [.removeStatus, .stopConsumer] = true ∧
    projectsTo [(.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0]),
      (.CleanerStorage, [0])] [.removeStatus, .stopConsumer, .cleanupStorage] = true ∧
    projectsTo [(.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0]),
      (.CleanerStorage, [0]), (.TxnArrive, [0]), (.SlcRoute, [])]
      [.removeStatus, .stopConsumer, .cleanupStorage] = true ∧
    projectsTo [(.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0]),
      (.CleanerStorage, [0]), (.CleanerSlcRemove, [0]), (.BatcherFlush, []), (.SlcApplyBatch, [])]
      [.removeStatus, .stopConsumer, .cleanupStorage, .removeRouter] = true := by
  refine ⟨by decide +kernel, by decide +kernel, by decide +kernel, by decide +kernel,
    by decide +kernel, by decide +kernel⟩

@[expose] public section

/-- Replay the recipe in the full PreFix model; at the state reached (the window, transaction
resolved to `nil`), the simple model's `publish` of the projection says `crash`, and one more
full-model step, `SlcCrash`, from that very state crashes the collector by `nil`. -/
noncomputable def crashAgreesAtRecipe : Bool :=
  match runSched b1 (rules .PreFix) restored recipe with
  | some s =>
    ShapeRemovalRaceSimple.publish (proj s) == .crash &&
    (match runSched b1 (rules .PreFix) s [(.SlcCrash, [])] with
     | some s' => isCrashedByNil s'
     | none => false)
  | none => false

end

/-- **The simple model's crash is the full model's crash, at the recipe's window state.**
Replaying the recipe from `restored` in the full PreFix model reaches a state whose projection
the simple model's `publish` sends to `crash`, and from that very state the full model's
`SlcCrash` step is enabled and ends crashed by `nil`. (A statement about this one schedule.) -/
public theorem projection_crash_agrees : crashAgreesAtRecipe = true := by decide +kernel

/-- **Where the projection stops being faithful.** The bug analysis assumed `Consumer.stop`
removes the registry entry. The full model says it does not: for a shape that had a running
consumer, after `Consumer.stop` the projection still shows a registered consumer, and the full
model resolves to the dead pid (`:noproc`) instead of crashing
(`preFix_registered_dead_consumer_noproc`). -/
public theorem projection_stop_keeps_registry :
    (match runSched b2 (rules .PreFix) restored
        [(.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, []),
         (.CacheStart, []), (.ConsumerInit, [0]), (.SlcBroadcast, []),
         (.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0])] with
      | some s => (proj s).consumer && s .cons 0 0 == vDeadCleanup
      | none => false) = true := by
  decide +kernel

end ElectricRace
