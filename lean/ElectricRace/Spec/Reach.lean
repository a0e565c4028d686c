module

public import ElectricRace.Spec.Model

/-!
# Reachability and schedule replay

`Reachable b acts` is the set of states reachable from an initial state (one satisfying the
exported `init` conjuncts) by any interleaving of `acts`; `runSched` replays an explicit schedule
(labels with positional arguments). Theorems about them are in `ElectricRace/Thm/Model.lean`.
-/

namespace ElectricRace

@[expose] public section

/-- The states reachable from an initial state (one satisfying the exported `init` conjuncts)
by any interleaving of the given actions, with parameters inside their domains. -/
inductive Reachable (b : Bounds) (acts : List Action) : State → Prop
  | init (s : State) : initOk b s = true → Reachable b acts s
  | step (s s' : State) (a : Action) (env : Env) :
      Reachable b acts s → a ∈ acts → bindingOk b env a.params = true →
      ElectricRace.step b s a env = some s' → Reachable b acts s'

/-- The first action with a given label. -/
def findAct : List Action → Label → Option Action
  | [], _ => none
  | a :: as, l => if a.label = l then some a else findAct as l

/-- Bind the parameters positionally. -/
def bindArgs : List (Param × Dom) → List Int → Env
  | (p, _) :: ps, n :: ns => (bindArgs ps ns).upd p n
  | _, _ => fun _ => 0

/-- Replay a schedule (labels with positional arguments); `none` if some step is not enabled. -/
def runSched (b : Bounds) (acts : List Action) (s : State) : List (Label × List Int) → Option State
  | [] => some s
  | (l, args) :: rest =>
    match findAct acts l with
    | none => none
    | some a =>
      if bindingOk b (bindArgs a.params args) a.params then
        match ElectricRace.step b s a (bindArgs a.params args) with
        | some s' => runSched b acts s' rest
        | none => none
      else none

/-- A witness: `s0` is initial, the schedule replays, and the final state satisfies `P`. -/
def witness (b : Bounds) (acts : List Action) (s0 : State) (sched : List (Label × List Int))
    (P : State → Bool) : Bool :=
  initOk b s0 && match runSched b acts s0 sched with
    | some s => P s
    | none => false

end

end ElectricRace
