module

public import ElectricRace.Spec.Model

/-!
# `each` loops that leave one cell alone

A loop whose every iteration keeps a given cell (for instance a scalar ghost such as
`orphanDelivery`, written inside `SlcBroadcast`'s delivery loop only under a condition) keeps
that cell. This is the loop lemma for cells that are not indexed by the loop variable, where
`exec_each_at` does not apply; the per-iteration premise is proved from the invariant at that
index.
-/

namespace ElectricRace

theorem forN_cell (v : Var) (i j : Int) (f : Nat → State → State) :
    ∀ (N : Nat) (st : State), (∀ n, n < N → ∀ st', f n st' v i j = st' v i j) →
      forN N f st v i j = st v i j
  | 0, _, _ => rfl
  | N + 1, st, h => by
    simp only [forN]
    rw [h N (by omega)]
    exact forN_cell v i j f N st (fun n hn => h n (by omega))

/-- **A loop keeps a cell that every iteration keeps.** -/
public theorem exec_each_cell (b : Bounds) (pre : State) (env : Env) (q : Param) (d : Dom)
    (body : Effect) (post : State) (v : Var) (i j : Int)
    (h : ∀ n : Nat, n < b.of d → ∀ st, exec b pre (env.upd q n) body st v i j = st v i j) :
    exec b pre env (.each q d body) post v i j = post v i j := by
  simp only [exec]
  exact forN_cell v i j _ _ post h

end ElectricRace
