module

public import ElectricRace.Lemmas.Frame

/-!
# `each` loops as pointwise updates

A loop `each x in d do body` whose body writes variable `v` only at index `x` (the loop
variable) is, on the cells of `v`, a pointwise update: cell `v[i]` for `i` in the domain is what
the body computes for `x := i`, and cells outside the domain are untouched. This is what lets a
theorem about one handle ignore the loop iterations for the other handles.
-/

namespace ElectricRace

@[expose] public section

/-- The index expression is the parameter `q`. -/
def isParam (q : Param) : Expr → Bool
  | .param p => decide (p = q)
  | _ => false

/-- Every assignment to `v` in the effect is `v[q] := …` (one index, the parameter `q`); no
nested loop. -/
def writesAt (v : Var) (q : Param) : Effect → Bool
  | .skip => true
  | .seq e1 e2 => writesAt v q e1 && writesAt v q e2
  | .set0 w _ => !decide (w = v)
  | .set1 w i _ => !decide (w = v) || isParam q i
  | .set2 w _ _ _ => !decide (w = v)
  | .each _ _ body => writesNot v body
  | .cond _ t e => writesAt v q t && writesAt v q e

end

theorem isParam_eval {b : Bounds} {s : State} {env : Env} {q : Param} :
    ∀ e : Expr, isParam q e = true → (eval b s env e).asInt = env q
  | .param p, h => by simp [isParam] at h; subst h; rfl
  | .lit _, h | .cell0 _, h | .cell1 _ _, h | .cell2 _ _ _, h | .not _, h | .and _ _, h
  | .or _ _, h | .eq _ _, h | .ne _ _, h | .lt _ _, h | .le _ _, h | .add _ _, h | .sub _ _, h
  | .ite _ _ _, h | .all _ _ _, h | .any _ _ _, h => by simp [isParam] at h

/-- A body that writes `v` only at index `q` leaves the cells `v[i]` with `i ≠ q` alone. -/
public theorem exec_writesAt_other (b : Bounds) (pre : State) (v : Var) (q : Param) (i j : Int) :
    ∀ (e : Effect) (env : Env) (post : State), writesAt v q e = true → env q ≠ i →
      exec b pre env e post v i j = post v i j := by
  intro e
  induction e with
  | skip => intro env post _ _; rfl
  | seq e1 e2 ih1 ih2 =>
    intro env post h hq
    simp only [writesAt, Bool.and_eq_true] at h
    simp only [exec]
    rw [ih2 env _ h.2 hq, ih1 env post h.1 hq]
  | set0 w val =>
    intro env post h _
    simp only [writesAt, Bool.not_eq_true', decide_eq_false_iff_not] at h
    simp only [exec, State.set_apply]
    split
    · rename_i hc; exact absurd hc.1.symm h
    · rfl
  | set1 w idx val =>
    intro env post h hq
    simp only [writesAt, Bool.or_eq_true, Bool.not_eq_true', decide_eq_false_iff_not] at h
    simp only [exec]
    split
    · simp only [State.set_apply]
      split
      · rename_i _ hc
        obtain ⟨rfl, hi, -⟩ := hc
        rcases h with h | h
        · exact absurd rfl h
        · rw [isParam_eval idx h] at hi; exact absurd hi.symm hq
      · rfl
    · rfl
  | set2 w i1 i2 val =>
    intro env post h _
    simp only [writesAt, Bool.not_eq_true', decide_eq_false_iff_not] at h
    simp only [exec]
    split
    · simp only [State.set_apply]
      split
      · rename_i _ hc; exact absurd hc.1.symm h
      · rfl
    · rfl
  | each q' d body _ =>
    intro env post h _
    exact exec_frame b pre env (.each q' d body) post v (by simpa [writesNot, writesLit] using h) i j
  | cond c t e iht ihe =>
    intro env post h hq
    simp only [writesAt, Bool.and_eq_true] at h
    simp only [exec]
    split
    · exact iht env post h.1 hq
    · exact ihe env post h.2 hq

theorem forN_point (v : Var) (m : Nat) (j : Int) (f : Nat → State → State)
    (hoth : ∀ n st, n ≠ m → f n st v m j = st v m j)
    (hcong : ∀ n st1 st2, st1 v m j = st2 v m j → f n st1 v m j = f n st2 v m j) :
    ∀ N st, forN N f st v m j = if m < N then f m st v m j else st v m j
  | 0, st => by simp [forN]
  | N + 1, st => by
    simp only [forN]
    have ih := forN_point v m j f hoth hcong N st
    by_cases hN : N = m
    · subst hN
      rw [hcong N _ st (by rw [ih]; simp)]
      simp
    · rw [hoth N _ hN, ih]
      by_cases hm : m < N
      · simp [hm, show m < N + 1 by omega]
      · simp [hm, show ¬ m < N + 1 by omega]

theorem forN_outside (v : Var) (i j : Int) (f : Nat → State → State)
    (hoth : ∀ (n : Nat) st, (n : Int) ≠ i → f n st v i j = st v i j) :
    ∀ (N : Nat) st, (∀ n : Nat, n < N → (n : Int) ≠ i) → forN N f st v i j = st v i j
  | 0, _, _ => rfl
  | N + 1, st, h => by
    simp only [forN]
    rw [hoth N _ (h N (by omega))]
    exact forN_outside v i j f hoth N st (fun n hn => h n (by omega))

/-- **`each` at an index in the domain**: cell `v[m]` after the loop is what the body computes
for `x := m` from the loop's starting state. -/
public theorem exec_each_at (b : Bounds) (pre : State) (env : Env) (q : Param) (d : Dom)
    (body : Effect) (post : State) (v : Var) (hb : writesAt v q body = true) (m : Nat)
    (hm : m < b.of d) (j : Int) :
    exec b pre env (.each q d body) post v m j = exec b pre (env.upd q m) body post v m j := by
  simp only [exec]
  rw [forN_point v m j (fun n st => exec b pre (env.upd q n) body st)
      (fun n st hn => exec_writesAt_other b pre v q m j body (env.upd q n) st hb
        (by simp only [Env.upd, if_pos]; omega))
      (fun n st1 st2 h => exec_congr_cell b pre v m j body (env.upd q n) st1 st2 h)]
  simp [hm]

/-- **`each` outside the domain**: a cell `v[i]` with `i` not an index of the domain is kept. -/
public theorem exec_each_outside (b : Bounds) (pre : State) (env : Env) (q : Param) (d : Dom)
    (body : Effect) (post : State) (v : Var) (hb : writesAt v q body = true) (i j : Int)
    (hi : ¬ (0 ≤ i ∧ i < (b.of d : Int))) :
    exec b pre env (.each q d body) post v i j = post v i j := by
  simp only [exec]
  exact forN_outside v i j (fun n st => exec b pre (env.upd q n) body st)
    (fun n st hn => exec_writesAt_other b pre v q i j body (env.upd q n) st hb
      (by simp only [Env.upd, if_pos]; exact hn)) _ post
    (fun n hn h => hi ⟨by rw [← h]; omega, by rw [← h]; omega⟩)

end ElectricRace
