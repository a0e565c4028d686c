module

public import ElectricRace.Thm.Orphan

/-!
# Cleanup chains that die with the shape subsystem (PreFix, before `ba6dd2c7d`)

electric.md §3.7: until upstream `ba6dd2c7d` (#3716, 2026-01-26) `CleanupTaskSupervisor` was a
child of `Shapes.Supervisor`, and the synchronous removals ran inside ShapeCache or
ExpiryManager, children too. A collector crash restarts that supervisor `one_for_all`, so a
removal in progress dies with it (PreFix: `crashKillingChains`). Since `ba6dd2c7d` the task
supervisor sits under `MonitoredCoreSupervisor` and the removal survives (every other variant).
A removal killed between its ShapeStatus step and its storage step leaves the shape's stored
data with no ShapeStatus entry and nothing left to delete it: the orphaned storage of
upstream #3759.
-/

namespace ElectricRace

@[expose] public section

/-- A removal starts and removes the ShapeStatus entry; the collector then crashes for an
unrelated reason and the supervisor restarts the subsystem. -/
def chainKilledSched : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.SlcFail, []), (.SlcRestart, [])]

/-- The pre-fix recipe (electric.md §0): the removal passes its ShapeStatus step, a transaction
for the shape resolves to `nil` and `send(nil, …)` crashes the collector; the restart re-routes
nothing and the re-sent transaction is acknowledged. -/
def nilCrashKillsRemovalSched : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.TxnArrive, [0]), (.SlcRoute, []),
   (.SlcResolveAsk, [0]), (.CacheCheckNoShape, []), (.SlcCrash, []), (.SlcRestart, []),
   (.SlcRoute, []), (.SlcBroadcast, [])]

/-- `chainKilledSched`, then the rest of the removal as a surviving chain runs it. -/
noncomputable def chainSurvivesSched : List (Label × List Int) :=
  chainKilledSched ++
  [(.CleanerStop, [0]), (.CleanerStorage, [0]), (.CleanerSlcRemove, [0]), (.BatcherFlush, []),
   (.SlcApplyBatch, [])]

end

/-- **Orphaned storage at quiescence, PreFix (1.2.7–1.3.2).** The collector crashes while a
removal stands between its ShapeStatus step and `Storage.cleanup!`; the restart kills the
removal (its task supervisor was inside the shape subsystem). Afterwards nothing is in flight,
yet the shape's stored data is still there while ShapeStatus no longer has the shape, and no
process will ever delete it. -/
public theorem preFix_storage_orphan_after_crash :
    WitnessBy .PreFix b1 .quiescentOrphan restored chainKilledSched := by
  unfold WitnessBy; decide +kernel

/-- **The pre-fix crash also leaves orphaned storage, PreFix (1.2.7–1.3.2).** The `send(nil, …)`
crash that the removal's window causes kills that same removal, which stood between its
ShapeStatus step and `Storage.cleanup!`. Once the re-sent transaction is acknowledged nothing is
in flight, and the shape's stored data remains with no ShapeStatus entry. -/
public theorem preFix_nilCrash_leaves_orphaned_storage :
    WitnessBy .PreFix b1 .quiescentOrphan restored nilCrashKillsRemovalSched := by
  unfold WitnessBy; decide +kernel

/-- **In FixA (after `ba6dd2c7d`) the same crash does not kill the removal.** The same four steps
replay under FixA and leave the chain at its `Consumer.stop` step, so the state is not quiescent;
the surviving chain then finishes the removal and the end state is quiescent and clean. -/
public theorem fixA_chain_survives_crash :
    (match runSched b1 (rules .FixA) restored chainKilledSched with
     | some s => decide (s .chainPc 0 0 = vStop)
     | none => false) = true ∧
    (match runSched b1 (rules .FixA) restored chainSurvivesSched with
     | some s => holdsB b1 s .quiescentOrphan && quiescent1 s
     | none => false) = true := by
  constructor <;> decide +kernel

end ElectricRace
