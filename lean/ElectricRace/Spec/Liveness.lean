module

public import ElectricRace.Spec.Deadlock

/-!
# Liveness goals, forced steps, and the stuck states that refute liveness

Issue 11 asks, under weak fairness of the system's processes: does every removal eventually leave
neither the router nor a live consumer holding its shape, and is every un-acknowledged
transaction eventually acknowledged?

* **Unforced moves.** Weak fairness is assumed of the system's own steps only. The moves of the
  environment, and the choices the system may but need not make, are `unforced`: a new removal or
  transaction, the external collector crash, a failed consumer start (FixB), and a consumer's own
  exit (suspend, crash, self-clean, kill). Every other rule is a `forced` step.
* **Goals.** `removalSettledE`: every chain that has started has its shape out of the router and
  no live consumer owns that shape. `ackSettledE`: nothing is un-acknowledged. Both are
  expressions of the rules' own language, exported, so the checker evaluates the same goal.
* **Stuck and unsettled.** In a state where no forced step is enabled, the run that stays there
  forever (no further unforced move) is weakly fair to every forced step: none is ever enabled
  again. If the goal is false there, the run never reaches it. The consumer-id bound is excluded
  (`BoundLimited`, as for deadlocks): a state stuck only because the model ran out of consumer ids
  says nothing about Electric.

A stuck, unsettled state reached from an initial state is therefore a counterexample to the
liveness property under weak fairness. The converse (liveness holds) is not stated here: it needs
that every fair run with finitely many unforced moves reaches the goal.
-/

namespace ElectricRace

@[expose] public section

/-- The moves weak fairness does not force: the environment's (a new removal, a transaction, the
external collector crash) and the system's optional ones (a failed consumer start, a consumer's
own exit). -/
def unforced : Label → Bool
  | .RemoveShape | .TxnArrive | .SlcFail | .CacheStartFail
  | .ConsumerSuspend | .ConsumerCrash | .ConsumerSelfClean | .ConsumerKill => true
  | _ => false

/-- The rules weak fairness applies to: all but the `unforced` ones. -/
noncomputable def forcedSteps : List Action → List Action
  | [] => []
  | a :: as => if unforced a.label then forcedSteps as else a :: forcedSteps as

/-- Every removal that has started is settled: its shape is out of the router and no live
consumer owns it (chain `x`, consumer `y`). -/
def removalSettledE : Expr :=
  forallK (.or (isE (chainPc pX) vIdle)
    (.and (.not (router (chainHandle pX)))
      (.all .y .consumer (.or (.not (live (cons (.param .y))))
        (.ne (owner (.param .y)) (chainHandle pX))))))

/-- Nothing is un-acknowledged. -/
def ackSettledE : Expr := .eq unacked none'

/-- The goal of a liveness property (`none` for the others). -/
def livenessGoal : Property → Option Expr
  | .removalStarves => some removalSettledE
  | .ackStarves => some ackSettledE
  | _ => none

/-- The goal `e` holds in `s`. -/
def Settled (b : Bounds) (s : State) (e : Expr) : Prop := (eval b s (fun _ => 0) e).asBool = true

noncomputable instance (b : Bounds) (s : State) (e : Expr) : Decidable (Settled b s e) :=
  inferInstanceAs (Decidable (_ = true))

/-- Stuck and unsettled: the goal `e` is false, the consumer-id bound is not what holds the state,
and no forced step of variant `v` is enabled. Staying in `s` forever is a weakly fair run that
never reaches `e`. -/
def StuckUnsettled (v : Variant) (b : Bounds) (e : Expr) (s : State) : Prop :=
  ¬ Settled b s e ∧ ¬ BoundLimited b s ∧ ¬ Enabled b (forcedSteps (rules v)) s

end

end ElectricRace
