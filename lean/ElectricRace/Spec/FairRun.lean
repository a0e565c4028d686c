module

public import ElectricRace.Spec.Liveness
public import ElectricRace.Spec.Reach

/-!
# Runs, weak fairness, and the liveness property over infinite runs

A `Run` is an infinite sequence of states from an initial state in which every step is either a
stutter (nothing happens: `act n = none`, the state stays) or one move of a rule of `acts`
(`act n = some a`, under some binding inside its domains). Stutters let a run rest forever in a
state, which is how a system that has stopped looks as an infinite run.

* `WeaklyFair`: every forced rule (`forcedSteps`, Spec/Liveness.lean) that is enabled, under some
  binding, at every step from some point on is taken at some later step. Fairness is per rule,
  not per binding, and only the system's own steps are assumed fair.
* `FinitelyUnforced`: from some point on, the run takes no unforced move (no new removal or
  transaction, no external crash, no failed start, no consumer exit).
* `EventuallySettles`: at some step the goal `e` holds, or the state is `BoundLimited` (the
  model ran out of consumer ids, which says nothing about Electric).

The liveness property of issue 11, for a variant, a goal and every `Bounds`: every weakly fair
run with finitely many unforced moves eventually settles.
-/

namespace ElectricRace

@[expose] public section

/-- Rule `a` is enabled in `s` under some binding inside its domains. -/
def ActEnabled (b : Bounds) (a : Action) (s : State) : Prop :=
  ∃ env, bindingOk b env a.params = true ∧ (step b s a env).isSome = true

/-- An infinite run of the rules `acts` from an initial state: each step stutters or moves by one
rule of `acts`. -/
structure Run (b : Bounds) (acts : List Action) where
  st : Nat → State
  act : Nat → Option Action
  init : initOk b (st 0) = true
  next : ∀ n, (act n = none ∧ st (n + 1) = st n) ∨
    (∃ a, act n = some a ∧ a ∈ acts ∧
      ∃ env, bindingOk b env a.params = true ∧ step b (st n) a env = some (st (n + 1)))

/-- Weak fairness of the forced rules: a forced rule enabled at every step from `m` on is taken
at some step from `m` on. -/
def WeaklyFair {b : Bounds} {acts : List Action} (r : Run b acts) : Prop :=
  ∀ a ∈ forcedSteps acts, ∀ m, (∀ n, m ≤ n → ActEnabled b a (r.st n)) →
    ∃ n, m ≤ n ∧ r.act n = some a

/-- From some step on, every move is a forced one. -/
def FinitelyUnforced {b : Bounds} {acts : List Action} (r : Run b acts) : Prop :=
  ∃ N, ∀ n, N ≤ n → ∀ a, r.act n = some a → a ∈ forcedSteps acts

/-- At some step the goal `e` holds or the consumer-id bound holds the state. -/
def EventuallySettles {b : Bounds} {acts : List Action} (r : Run b acts) (e : Expr) : Prop :=
  ∃ n, Settled b (r.st n) e ∨ BoundLimited b (r.st n)

/-- The liveness property of variant `v` for goal `e` at bounds `b`, external collector crashes
included: every weakly fair run with finitely many unforced moves eventually settles. -/
def LiveUnderFairness (v : Variant) (b : Bounds) (e : Expr) : Prop :=
  ∀ r : Run b (rules v), WeaklyFair r → FinitelyUnforced r → EventuallySettles r e

end

end ElectricRace
