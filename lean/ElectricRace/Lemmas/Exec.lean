module

public import ElectricRace.Spec.Model

/-!
# `eval` and `exec` one node at a time

Equations for the interpreter's nodes (all but `each`, which `Lemmas/Each.lean` handles as a
pointwise update), and the domain check for natural-number indices. Used as a targeted `simp`
set, so a rule's effect on one cell unfolds to a short `if` chain instead of a whole state.
-/

namespace ElectricRace

public theorem exec_skip (b : Bounds) (pre : State) (env : Env) (post : State) :
    exec b pre env .skip post = post := rfl

public theorem exec_seq (b : Bounds) (pre : State) (env : Env) (e1 e2 : Effect) (post : State) :
    exec b pre env (.seq e1 e2) post = exec b pre env e2 (exec b pre env e1 post) := rfl

public theorem exec_set0 (b : Bounds) (pre : State) (env : Env) (v : Var) (val : Expr)
    (post : State) : exec b pre env (.set0 v val) post = post.set v 0 0 (eval b pre env val) := rfl

public theorem exec_set1 (b : Bounds) (pre : State) (env : Env) (v : Var) (i val : Expr)
    (post : State) : exec b pre env (.set1 v i val) post =
      if inDom b v.dim1 (eval b pre env i).asInt then
        post.set v (eval b pre env i).asInt 0 (eval b pre env val) else post := rfl

public theorem exec_cond (b : Bounds) (pre : State) (env : Env) (c : Expr) (t e : Effect)
    (post : State) : exec b pre env (.cond c t e) post =
      if (eval b pre env c).asBool then exec b pre env t post else exec b pre env e post := rfl

/-- Reading a cell of an `if` of states. -/
public theorem state_ite_apply (c : Prop) [Decidable c] (s1 s2 : State) (v : Var) (i j : Int) :
    (if c then s1 else s2) v i j = if c then s1 v i j else s2 v i j := by
  split <;> rfl

/-- A natural-number index is in the domain exactly when it is below the bound. -/
public theorem inDom_natCast (b : Bounds) (d : Dom) (n : Nat) :
    inDom b d (n : Int) = decide (n < b.of d) := by
  simp [inDom]

/-- `-1` ("none") is in no domain. -/
public theorem inDom_neg_one (b : Bounds) (d : Dom) : inDom b d (-1) = false := by
  simp [inDom]

public theorem Val.asBool_b' (x : Bool) : (Val.b x).asBool = x := rfl

public theorem Val.asInt_i' (n : Int) : (Val.i n).asInt = n := rfl

public theorem Val.asBool_true_iff (v : Val) : v.asBool = true ↔ v = .b true := by
  cases v <;> simp [Val.asBool]

public theorem Val.asBool_false_iff (v : Val) : v.asBool = false ↔ v ≠ .b true := by
  cases v <;> simp [Val.asBool]

/-- Reading a one-index cell at a natural-number index inside the domain. -/
public theorem read1_natCast (b : Bounds) (s : State) (v : Var) (n : Nat) (h : n < b.of v.dim1) :
    read1 b s v (n : Int) = s v n 0 := by
  simp [read1, inDom_natCast, h]

/-- Reading a one-index cell at an index outside the domain gives the default. -/
public theorem read1_out (b : Bounds) (s : State) (v : Var) (i : Int)
    (h : inDom b v.dim1 i = false) : read1 b s v i = v.default := by
  simp [read1, h]

public theorem Env.upd_same (env : Env) (p : Param) (n : Int) : env.upd p n p = n := by
  simp [Env.upd]

/-- A step that happened: its guards held, and the new state is its effect's result. -/
public theorem step_eq_some {b : Bounds} {s s' : State} {a : Action} {env : Env}
    (h : step b s a env = some s') : guardsOk b s env a.guards = true ∧ exec b s env a.effect s = s' := by
  unfold step at h
  by_cases hg : guardsOk b s env a.guards = true
  · rw [if_pos hg] at h
    exact ⟨hg, Option.some.inj h⟩
  · rw [if_neg hg] at h
    simp at h

/-- The new state of a step is its effect's result. -/
public theorem step_some {b : Bounds} {s s' : State} {a : Action} {env : Env}
    (h : step b s a env = some s') : s' = exec b s env a.effect s :=
  (step_eq_some h).2.symm

end ElectricRace
