module

public import ElectricRace.Lemmas.Induct
public import ElectricRace.Spec.SRProgressInv

/-!
# Cells that only ever hold accepted values

If every assignment to variable `v` writes a value built from accepted literals with `ite`
(and, for a scalar, from `v`'s own old value), every cell of `v` that held an accepted value
still does. This is the typing fact the progress proof needs for the chain program counters,
the mailbox, the collector's mode and ShapeCache's stage: each holds one of its enum members,
so a case analysis over the members is exhaustive.
-/

namespace ElectricRace

@[expose] public section

/-- The value expression is built from literals accepted by `ok` with `ite`, and (when `self`)
reads of the scalar `v` itself. -/
def okE (v : Var) (ok : Val → Bool) (self : Bool) : Expr → Bool
  | .lit x => ok x
  | .ite _ a c => okE v ok self a && okE v ok self c
  | .cell0 w => self && decide (w = v)
  | _ => false

/-- Every assignment to `v` in the effect writes an `okE` value. -/
def writesOkE (v : Var) (ok : Val → Bool) (self : Bool) : Effect → Bool
  | .skip => true
  | .seq e1 e2 => writesOkE v ok self e1 && writesOkE v ok self e2
  | .set0 w val => if w = v then okE v ok self val else true
  | .set1 w _ val => if w = v then okE v ok self val else true
  | .set2 w _ _ val => if w = v then okE v ok self val else true
  | .each _ _ body => writesOkE v ok self body
  | .cond _ t e => writesOkE v ok self t && writesOkE v ok self e

end

theorem okE_eval {b : Bounds} {s : State} {env : Env} {v : Var} {ok : Val → Bool} {self : Bool}
    (hs : self = true → ok (s v 0 0) = true) :
    ∀ e : Expr, okE v ok self e = true → ok (eval b s env e) = true
  | .lit x, h => h
  | .ite c a d, h => by
    simp only [okE, Bool.and_eq_true] at h
    simp only [eval]
    split
    · exact okE_eval hs a h.1
    · exact okE_eval hs d h.2
  | .cell0 w, h => by
    simp only [okE, Bool.and_eq_true, decide_eq_true_eq] at h
    obtain ⟨h1, rfl⟩ := h
    exact hs h1
  | .param _, h | .cell1 _ _, h | .cell2 _ _ _, h | .not _, h | .and _ _, h
  | .or _ _, h | .eq _ _, h | .ne _ _, h | .lt _ _, h | .le _ _, h | .add _ _, h | .sub _ _, h
  | .all _ _ _, h | .any _ _ _, h => by simp [okE] at h

theorem forN_okE (v : Var) (i j : Int) (ok : Val → Bool) (f : Nat → State → State)
    (hf : ∀ n st, f n st v i j = st v i j ∨ ok (f n st v i j) = true) :
    ∀ n st, forN n f st v i j = st v i j ∨ ok (forN n f st v i j) = true
  | 0, _ => Or.inl rfl
  | n + 1, st => by
    simp only [forN]
    rcases hf n (forN n f st) with h | h
    · rw [h]; exact forN_okE v i j ok f hf n st
    · exact Or.inr h

/-- Each cell of `v` is unchanged or holds an accepted value after an effect that writes `v`
only with `okE` values. -/
public theorem exec_okE (b : Bounds) (pre : State) (v : Var) (ok : Val → Bool) (self : Bool)
    (hs : self = true → ok (pre v 0 0) = true) (i j : Int) :
    ∀ (e : Effect) (env : Env) (post : State), writesOkE v ok self e = true →
      exec b pre env e post v i j = post v i j ∨ ok (exec b pre env e post v i j) = true := by
  intro e
  induction e with
  | skip => intro env post _; exact Or.inl rfl
  | seq e1 e2 ih1 ih2 =>
    intro env post h
    simp only [writesOkE, Bool.and_eq_true] at h
    simp only [exec]
    rcases ih2 env (exec b pre env e1 post) h.2 with h2 | h2
    · rw [h2]; exact ih1 env post h.1
    · exact Or.inr h2
  | set0 w val =>
    intro env post h
    simp only [exec, State.set]
    split
    · rename_i hc
      have hw : v = w := hc.1
      subst hw
      simp only [writesOkE, if_pos] at h
      exact Or.inr (okE_eval hs val h)
    · exact Or.inl rfl
  | set1 w idx val =>
    intro env post h
    simp only [exec]
    split
    · simp only [State.set]
      split
      · rename_i _ hc
        have hw : v = w := hc.1
        subst hw
        simp only [writesOkE, if_pos] at h
        exact Or.inr (okE_eval hs val h)
      · exact Or.inl rfl
    · exact Or.inl rfl
  | set2 w i1 i2 val =>
    intro env post h
    simp only [exec]
    split
    · simp only [State.set]
      split
      · rename_i _ hc
        have hw : v = w := hc.1
        subst hw
        simp only [writesOkE, if_pos] at h
        exact Or.inr (okE_eval hs val h)
      · exact Or.inl rfl
    · exact Or.inl rfl
  | each q d body ih =>
    intro env post h
    simp only [exec]
    exact forN_okE v i j ok _ (fun n st => ih _ st (by simpa [writesOkE] using h)) _ post
  | cond c t e iht ihe =>
    intro env post h
    simp only [writesOkE, Bool.and_eq_true] at h
    simp only [exec]
    split
    · exact iht env post h.1
    · exact ihe env post h.2

/-- **Accepted values stay accepted.** A rule that writes `v` only with `okE` values keeps
`CellsOk v ok P` (for `self`, `P` must include the scalar position `0 0`). -/
public theorem preserves_cellsOk (b : Bounds) (v : Var) (ok : Val → Bool) (self : Bool)
    (P : Int → Int → Prop) (hself : self = true → P 0 0) (a : Action)
    (ha : writesOkE v ok self a.effect = true) : Preserves b (CellsOk v ok P) a := by
  intro s env _ _ hi i j hp
  rcases exec_okE b s v ok self (fun h => hi 0 0 (hself h)) i j a.effect env s ha with h | h
  · rw [h]; exact hi i j hp
  · exact h

end ElectricRace
