module

public import ElectricRace.Thm.Model

/-!
# Witness schedules: what can happen, per variant

Each theorem replays an explicit schedule with `runSched` from the reproduction recipe's initial
state (`restored`: one restored shape, no consumer yet) and checks the final state; the kernel
evaluates the replay (`decide +kernel`), and `witness_sound` makes the final state `Reachable`.
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

/-- **PreFix crashes.** In 1.2.7–1.3.2 the ShapeLogCollector crash is reachable: remove a restored
shape that has no consumer yet (ShapeStatus removed, `Consumer.stop` finds nothing, storage
cleaned, the router removal still batched), then a matching transaction arrives; ShapeCache
answers `:no_shape`, the pid is `nil`, and `send(nil, …)` takes the collector down. -/
public theorem preFix_crash_reachable :
    ∃ s, Reachable b1 (rules .PreFix) s ∧ isCrashedByNil s = true :=
  witness_sound (s0 := restored) (sched := recipe ++ [(.SlcCrash, [])]) (by decide +kernel)

/-- **The window exists in PreFix.** After ShapeStatus removal the router still routes to the
shape: a state with `router[h]` and no ShapeStatus entry is reachable. -/
public theorem preFix_window_reachable :
    ∃ s, Reachable b1 (rules .PreFix) s ∧ window0 s = true :=
  witness_sound (s0 := restored) (sched := [(.RemoveShape, [0, 0]), (.CleanerStatus, [0])])
    (by decide +kernel)

/-- **The window exists in FixA.** Filtering `nil` does not close the window: the router can
still hold a shape ShapeStatus no longer has. -/
public theorem fixA_window_reachable :
    ∃ s, Reachable b1 (rules .FixA) s ∧ window0 s = true :=
  witness_sound (s0 := restored) (sched := [(.RemoveShape, [0, 0]), (.CleanerStatus, [0])])
    (by decide +kernel)

/-- **The window exists at HEAD (FixA2).** -/
public theorem fixA2_window_reachable :
    ∃ s, Reachable b1 (rules .FixA2) s ∧ window0 s = true :=
  witness_sound (s0 := restored) (sched := [(.RemoveShape, [0, 0]), (.CleanerStatus, [0])])
    (by decide +kernel)

@[expose] public section

/-- The collector is up and idle, the transaction was acknowledged, and it never crashed. -/
def survivedAndAcked (s : State) : Bool :=
  s .slc 0 0 = vSlcIdle && s .crashes 0 0 = .i 0 && s .unacked 0 0 = .i (-1)

end

/-- **FixA survives the recipe.** The same interleaving that crashes PreFix ends, under FixA
(1.3.3), with the `nil` pid dropped, the transaction acknowledged and no crash. -/
public theorem fixA_recipe_survives :
    ∃ s, Reachable b1 (rules .FixA) s ∧ survivedAndAcked s = true :=
  witness_sound (s0 := restored) (sched := recipe ++ [(.SlcBroadcast, [])]) (by decide +kernel)

/-- **FixA2 (HEAD) survives the recipe**: `nil` becomes an undeliverable handle. -/
public theorem fixA2_recipe_survives :
    ∃ s, Reachable b1 (rules .FixA2) s ∧ survivedAndAcked s = true :=
  witness_sound (s0 := restored) (sched := recipe ++ [(.SlcBroadcast, [])]) (by decide +kernel)

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
