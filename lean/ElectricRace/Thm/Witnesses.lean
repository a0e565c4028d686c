module

public import ElectricRace.Thm.Model

/-!
# Witness schedules: what can happen, per variant

Each witness theorem states `WitnessBy v b p restored sched`: replaying the schedule `sched`
with `runSched` from the reproduction recipe's initial state (`restored`: one restored shape, no
consumer yet) succeeds under the rules of `v` and ends in a state that violates the invariant of
property `p` (`ElectricRace/Spec/Properties.lean`). The kernel evaluates the replay
(`decide +kernel`); `witnessBy_sound` turns it into a `Reachable` state violating `p`.
-/

namespace ElectricRace

/-! ## Witness schedules -/

@[expose] public section

/-- The reproduction recipe: remove a restored shape (no registry entry), and let a matching
transaction arrive before the batched collector removal. -/
def recipe : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0]),
   (.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckNoShape, [])]

def isCrashedByNil (s : State) : Bool := s .crashCause 0 0 = vSendNil && s .slc 0 0 = vDown

/-- The race window for handle 0: the router holds it, ShapeStatus does not. -/
def window0 (s : State) : Bool := s .router 0 0 = .b true && s .status 0 0 = vAbsent

end

@[expose] public section

/-- The recipe followed by the collector's `send(nil, …)` crash. -/
def recipeCrash : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0]),
   (.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckNoShape, []),
   (.SlcCrash, [])]

/-- The recipe followed by the end of the publish. -/
def recipeBroadcast : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0]),
   (.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckNoShape, []),
   (.SlcBroadcast, [])]

/-- The shortest window schedule: remove a restored shape, ShapeStatus first. -/
def windowSched : List (Label × List Int) := [(.RemoveShape, [0, 0]), (.CleanerStatus, [0])]

end

/-- **PreFix crashes.** In 1.2.7–1.3.2 the ShapeLogCollector crash is reachable: remove a restored
shape that has no consumer yet (ShapeStatus removed, `Consumer.stop` finds nothing, storage
cleaned, the router removal still batched), then a matching transaction arrives; ShapeCache
answers `:no_shape`, the pid is `nil`, and `send(nil, …)` takes the collector down. Statement:
replaying `recipeCrash` from `restored` under PreFix ends in a state violating `nilCrash`. -/
public theorem preFix_crash_reachable :
    WitnessBy .PreFix b1 .nilCrash restored recipeCrash := by unfold WitnessBy; decide +kernel

/-- **The window exists in PreFix.** After ShapeStatus removal the router still routes to the
shape: replaying `windowSched` ends with `router[0]` set and `status[0]` absent (so also not
present). -/
public theorem preFix_window_reachable :
    WitnessBy .PreFix b1 .raceWindow restored windowSched ∧
    WitnessBy .PreFix b1 .routedNotPresent restored windowSched :=
  ⟨by unfold WitnessBy; decide +kernel, by unfold WitnessBy; decide +kernel⟩

/-- **The window exists in FixA.** Filtering `nil` does not close the window. -/
public theorem fixA_window_reachable :
    WitnessBy .FixA b1 .raceWindow restored windowSched ∧
    WitnessBy .FixA b1 .routedNotPresent restored windowSched :=
  ⟨by unfold WitnessBy; decide +kernel, by unfold WitnessBy; decide +kernel⟩

/-- **The window exists at HEAD (FixA2).** -/
public theorem fixA2_window_reachable :
    WitnessBy .FixA2 b1 .raceWindow restored windowSched ∧
    WitnessBy .FixA2 b1 .routedNotPresent restored windowSched :=
  ⟨by unfold WitnessBy; decide +kernel, by unfold WitnessBy; decide +kernel⟩

/-- **FixC routes to tombstoned shapes, by design.** After ShapeStatus removal under FixC the
shape is tombstoned, not absent, and the router still holds it until the batched removal: the
router holds a shape whose status is not `present` (harmless: publish skips tombstones; the race
window in the absent sense stays closed, `fixC_noWindow_allBounds`). -/
public theorem fixC_tombstone_routed :
    WitnessBy .FixC b1 .routedNotPresent restored windowSched := by unfold WitnessBy; decide +kernel

@[expose] public section

/-- The collector is up and idle, the transaction was acknowledged, and it never crashed. -/
def survivedAndAcked (s : State) : Bool :=
  s .slc 0 0 = vSlcIdle && s .crashes 0 0 = .i 0 && s .unacked 0 0 = .i (-1)

/-- What the survive theorems check, all by replaying from `restored` at bounds `b1`:
(1) `restored` is an initial state; (2) under `v` the recipe ends with handle 0 resolved to
`nil`; (3) under `v` the recipe followed by `SlcBroadcast` ends with the collector idle, never
crashed, transaction 0 arrived (`nextTxn = 1`) and acknowledged; (4) under PreFix the same recipe
followed by `SlcCrash` ends crashed by `nil`, and (5) under PreFix `SlcBroadcast` is not enabled
after the recipe. -/
noncomputable def survivesWherePreFixCrashes (v : Variant) : Bool :=
  initOk b1 restored &&
  (match runSched b1 (rules v) restored recipe with
   | some s => s .pubState 0 0 == vNil
   | none => false) &&
  (match runSched b1 (rules v) restored recipeBroadcast with
   | some s => survivedAndAcked s && s .nextTxn 0 0 == .i 1
   | none => false) &&
  (match runSched b1 (rules .PreFix) restored recipeCrash with
   | some s => isCrashedByNil s
   | none => false) &&
  (runSched b1 (rules .PreFix) restored recipeBroadcast).isNone

end

/-- **FixA survives the recipe that crashes PreFix.** Replayed from the initial state `restored`:
under FixA (1.3.3) the recipe resolves handle 0 to `nil`, and the recipe followed by
`SlcBroadcast` ends with the `nil` dropped, transaction 0 acknowledged and no crash; under PreFix
the same recipe followed by `SlcCrash` ends crashed by `nil`, and `SlcBroadcast` is not enabled. -/
public theorem fixA_recipe_survives : survivesWherePreFixCrashes .FixA = true := by decide +kernel

/-- **FixA2 (HEAD) survives the recipe that crashes PreFix**: same statement as for FixA. -/
public theorem fixA2_recipe_survives : survivesWherePreFixCrashes .FixA2 = true := by decide +kernel

@[expose] public section

/-- Bounds with two transactions (needed to write to a shape and then race its removal). -/
def b2 : Bounds := ⟨1, 1, 1, 2⟩

/-- A shape gets a consumer through a first transaction, then is removed while a second
transaction arrives: the dead consumer's pid is still registered. -/
def deadRegisteredSched : List (Label × List Int) :=
  [(.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, []),
   (.CacheStart, []), (.ConsumerInit, [0]), (.SlcBroadcast, []),
   (.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0]),
   (.TxnArrive, [1]), (.SlcRoute, []), (.SlcResolveRegistered, [0])]

/-- In the window, handle 0 resolved to its registered but dead consumer, and the collector
cannot crash: `SlcCrash` is not enabled (no `nil`). -/
def resolvedToDeadPid (s : State) : Bool :=
  window0 s && s .pubState 0 0 = vConsumer && s .pubConsumer 0 0 = .i 0 &&
  s .cons 0 0 = vDeadCleanup && s .registry 0 0 = .i 0 &&
  match findAct (rules .PreFix) .SlcCrash with
  | some a => (step b2 s a (fun _ => 0)).isNone
  | none => false

/-- After the broadcast: the event was undeliverable (`:noproc`), the collector survived and
acknowledged both transactions. -/
def noprocNotCrash (s : State) : Bool :=
  survivedAndAcked s && s .nextTxn 0 0 = .i 2 && s .applied 0 0 = .i 0 &&
  s .cons 0 0 = vDeadCleanup

end

/-- **A registered dead consumer means `:noproc`, not a crash (PreFix).** If the removed shape had
a running consumer, `Consumer.stop` kills it but leaves its pid in the ConsumerRegistry. A
transaction in the window resolves to that dead pid, so there is no `nil` and `SlcCrash` is not
enabled; the collector survives. The crash therefore needs a shape with no registry entry. -/
public theorem preFix_registered_dead_consumer_noproc :
    (∃ s, Reachable b2 (rules .PreFix) s ∧ resolvedToDeadPid s = true) ∧
    (∃ s, Reachable b2 (rules .PreFix) s ∧ noprocNotCrash s = true) :=
  ⟨witness_sound (s0 := restored) (sched := deadRegisteredSched) (by decide +kernel),
   witness_sound (s0 := restored) (sched := deadRegisteredSched ++ [(.SlcBroadcast, [])])
     (by decide +kernel)⟩

end ElectricRace
