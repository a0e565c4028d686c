module

public import ElectricRace.Spec.Properties

/-!
# Deadlock: work in progress, and no step of the system can be taken

`Deadlocked v b s`: the state is not quiescent (the exported `quiescentE` is false), it is not
stuck only because the consumer-id bound `C` is used up (`BoundLimited`, the model's finite
supply of consumer ids, not a protocol problem), and no rule of the system is enabled. The
external collector crash `SlcFail` is not a step of the system (`rules v false`): a state from
which only an external crash could move would be a deadlock.
-/

namespace ElectricRace

@[expose] public section

/-- The exported quiescence expression `quiescentE` (Spec/Properties.lean) holds. -/
def Quiescent (b : Bounds) (s : State) : Prop := (eval b s (fun _ => 0) quiescentE).asBool = true

/-- Stuck only because the consumer-id bound is used up: ShapeCache checked a shape, no fresh
consumer id is left (`nextConsumer ≥ C`), and the handle has no registered consumer. Mirrors
`boundLimited()` in src/impl/system.ts: `req.stage === "checked" && !consumers.canStart() &&
registry.whereis(req.h) === undefined` (`canStart()` is `recs.length < capacity`, i.e.
`nextConsumer < C`; an unregistered handle has registry entry `-1`). -/
def BoundLimited (b : Bounds) (s : State) : Prop :=
  s .sc 0 0 = vChecked ∧ ¬ ((s .nextConsumer 0 0).asInt < (b.C : Int)) ∧
  s .registry (s .scHandle 0 0).asInt 0 = .i (-1)

/-- Some step of the given rules is enabled (parameters inside their domains). -/
def Enabled (b : Bounds) (acts : List Action) (s : State) : Prop :=
  ∃ a ∈ acts, ∃ env, bindingOk b env a.params = true ∧ (step b s a env).isSome = true

noncomputable instance (b : Bounds) (s : State) : Decidable (Quiescent b s) :=
  inferInstanceAs (Decidable ((eval b s (fun _ => 0) quiescentE).asBool = true))

noncomputable instance (b : Bounds) (s : State) : Decidable (BoundLimited b s) :=
  inferInstanceAs (Decidable (_ ∧ _ ∧ _))

/-- The rules other than the external collector crash `SlcFail`: the steps the system itself
can take, its own failures included (FixB's consumer-start failure and ShapeCache's return from
`clean_shape`, which `rules v false` leaves out with `SlcFail`). -/
noncomputable def exceptSlcFail : List Action → List Action
  | [] => []
  | a :: as => if a.label = .SlcFail then exceptSlcFail as else a :: exceptSlcFail as

/-- A deadlock: not quiescent, not bound-limited, and no step of the system is enabled; the
external collector crash `SlcFail` does not count as a step of the system (`rules v false`). -/
def Deadlocked (v : Variant) (b : Bounds) (s : State) : Prop :=
  ¬ Quiescent b s ∧ ¬ BoundLimited b s ∧ ¬ Enabled b (rules v false) s

end

end ElectricRace
