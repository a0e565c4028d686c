module

public import ElectricRace.Thm.Model

/-!
# Removal is not live when the collector keeps crashing: a weakly fair lasso

Liveness ("every removal eventually leaves neither router nor registry holding the shape") is
not proved for any variant. For the two variants whose removal starts with a request to the
collector (FixB and SerializedRemoval), this file gives a counterexample under weak fairness
when external collector crashes recur forever: a lasso (a prefix, then a cycle that returns to
the state it started from) in which every action instance that stays enabled in every state of
the cycle is taken in it, except the external crash `SlcFail` itself, and in which the removal
never completes. The crash loses the request each time before the collector serves it;
`SlcRemoveNow` is enabled only in one state of the cycle, so weak fairness does not force it
(strong fairness would). With finitely many crashes nothing here says whether removal is live.

The check is a Boolean function evaluated by the kernel (`decide +kernel`) at H=C=K=T=1 (the
definitions are `noncomputable`: only the kernel runs them); the states are compared cell by
cell inside the domains (`cellsAgree`).
-/

namespace ElectricRace

@[expose] public section

/-- `s` and `t` agree on every cell inside the domains of `b`. -/
noncomputable def cellsAgree (b : Bounds) (s t : State) : Bool :=
  allVars.all fun v => match v.dims with
    | [] => decide (s v 0 0 = t v 0 0)
    | [d] => (List.range (b.of d)).all fun i => decide (s v i 0 = t v i 0)
    | d1 :: d2 :: _ => (List.range (b.of d1)).all fun i =>
        (List.range (b.of d2)).all fun j => decide (s v i j = t v i j)

/-- Every positional argument list of a parameter list, inside the domains of `b`. -/
noncomputable def argLists (b : Bounds) : List (Param × Dom) → List (List Int)
  | [] => [[]]
  | (_, d) :: ps => (List.range (b.of d)).flatMap fun (n : Nat) =>
      (argLists b ps).map fun (rest : List Int) => (Int.ofNat n) :: rest

/-- The action instances (label and arguments) enabled in `s`. -/
noncomputable def enabledIn (b : Bounds) (acts : List Action) (s : State) : List (Label × List Int) :=
  acts.flatMap fun a => (argLists b a.params).filterMap fun args =>
    if guardsOk b s (bindArgs a.params args) a.guards then some (a.label, args) else none

/-- The states a schedule visits before each of its steps, and the state it ends in. -/
noncomputable def statesAlong (b : Bounds) (acts : List Action) (s : State) :
    List (Label × List Int) → Option (List State × State)
  | [] => some ([], s)
  | st :: rest =>
    match runSched b acts s [st] with
    | none => none
    | some s' => match statesAlong b acts s' rest with
      | none => none
      | some (ss, e) => some (s :: ss, e)

/-- The lasso `pre` then `cyc` forever, from `s0`: `s0` is initial, both replay, the cycle ends
where it started, every visited state of the cycle satisfies `P`, and it is weakly fair to every
action instance except `SlcFail`: one enabled in every state of the cycle is taken in it. -/
noncomputable def fairLasso (v : Variant) (b : Bounds) (s0 : State) (pre cyc : List (Label × List Int))
    (P : State → Bool) : Bool :=
  initOk b s0 && match runSched b (rules v) s0 pre with
  | none => false
  | some s => match statesAlong b (rules v) s cyc with
    | none => false
    | some (ss, e) =>
      cellsAgree b s e && ss.all P &&
      ((enabledIn b (rules v) s).all fun li =>
        decide (li.1 = .SlcFail) || !(ss.all fun t => (enabledIn b (rules v) t).contains li) ||
        cyc.contains li)

/-- The removal of handle 0 by chain 0 is still under way and the router still holds the shape. -/
noncomputable def removalPending (s : State) : Bool :=
  decide (s .router 0 0 = .b true) && decide (s .chainPc 0 0 ≠ vIdle) &&
  decide (s .chainPc 0 0 ≠ vDone) && decide (s .chainPc 0 0 ≠ vAborted)

/-- The removal starts; two crash rounds saturate the crash counter. -/
def lostRequestPre : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]),
   (.CleanerRouterRemove, [0]), (.SlcFail, []), (.SlcRestart, []), (.CleanerRouterAck, [0]),
   (.CleanerRouterRemove, [0]), (.SlcFail, []), (.SlcRestart, []), (.CleanerRouterAck, [0])]

/-- One round: the chain asks, the collector crashes before serving the request, restarts, and
the chain sees the request lost and asks again. -/
def lostRequestCycle : List (Label × List Int) :=
  [(.CleanerRouterRemove, [0]), (.SlcFail, []), (.SlcRestart, []), (.CleanerRouterAck, [0])]

end

/-- **SerializedRemoval's removal is not live if the collector keeps crashing** (weak fairness,
H=C=K=T=1): a fair lasso in which the collector crashes after every request and before serving
it, so the shape stays routed and the chain never gets past its request. A counterexample to
liveness under recurring external crashes only. -/
public theorem serializedRemoval_removal_starves_under_recurring_crashes :
    fairLasso .SerializedRemoval b1 restored lostRequestPre lostRequestCycle removalPending = true := by
  decide +kernel

/-- **FixB's removal is not live if the collector keeps crashing** (weak fairness,
H=C=K=T=1): the same lasso as for SerializedRemoval; FixB's acknowledgement re-issues the request
because the restart rebuilt the router with the shape. -/
public theorem fixB_removal_starves_under_recurring_crashes :
    fairLasso .FixB b1 restored lostRequestPre lostRequestCycle removalPending = true := by
  decide +kernel

/-- The fairness clause is not vacuous: `enabledIn` sees the removal's start in the initial
state, and a crash-restart loop that never lets the API start a removal (enabled throughout,
never taken) is rejected as unfair. -/
public theorem fairLasso_not_vacuous :
    (enabledIn b1 (rules .SerializedRemoval) restored).contains (.RemoveShape, [0, 0]) = true ∧
    fairLasso .SerializedRemoval b1 restored
      [(.SlcFail, []), (.SlcRestart, []), (.SlcFail, []), (.SlcRestart, [])]
      [(.SlcFail, []), (.SlcRestart, [])] (fun _ => true) = false :=
  ⟨by decide +kernel, by decide +kernel⟩

end ElectricRace
