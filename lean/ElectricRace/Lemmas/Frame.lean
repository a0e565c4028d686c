module

public import ElectricRace.Spec.Model

/-!
# Frame lemmas for the effect interpreter

`exec` evaluates every expression in the pre-state and only ever overwrites cells of the
post-state. So (1) a cell of the result depends on nothing of the post-state but that same cell
(`exec_congr_cell`); (2) an effect that assigns variable `v` only with literals accepted by `ok`
leaves every `v` cell unchanged or sets it to such a literal (`exec_lit`); with `ok` always false
that is the plain frame lemma (`exec_frame`: an effect that writes no cell of `v` keeps `v`).
-/

namespace ElectricRace

@[expose] public section

/-- The value expression is a literal accepted by `ok`. -/
def isLitOk (ok : Val → Bool) : Expr → Bool
  | .lit x => ok x
  | _ => false

/-- Every assignment to variable `v` in the effect writes a literal accepted by `ok`. With
`ok := fun _ => false` this says the effect never writes `v`. -/
def writesLit (v : Var) (ok : Val → Bool) : Effect → Bool
  | .skip => true
  | .seq e1 e2 => writesLit v ok e1 && writesLit v ok e2
  | .set0 w val => if w = v then isLitOk ok val else true
  | .set1 w _ val => if w = v then isLitOk ok val else true
  | .set2 w _ _ val => if w = v then isLitOk ok val else true
  | .each _ _ body => writesLit v ok body
  | .cond _ t e => writesLit v ok t && writesLit v ok e

/-- The effect never writes variable `v`. -/
def writesNot (v : Var) (e : Effect) : Bool := writesLit v (fun _ => false) e

/-- The effect writes none of the variables `vs`. -/
def writesNone : List Var → Effect → Bool
  | [], _ => true
  | v :: vs, e => writesNot v e && writesNone vs e

end

public theorem State.set_apply (s : State) (v : Var) (i j : Int) (x : Val) (w : Var) (a c : Int) :
    s.set v i j x w a c = if w = v ∧ a = i ∧ c = j then x else s w a c := rfl

theorem forN_congr_cell (v : Var) (i j : Int) (f : Nat → State → State)
    (hf : ∀ n st1 st2, st1 v i j = st2 v i j → f n st1 v i j = f n st2 v i j) :
    ∀ n st1 st2, st1 v i j = st2 v i j → forN n f st1 v i j = forN n f st2 v i j
  | 0, _, _, h => h
  | n + 1, st1, st2, h => hf n _ _ (forN_congr_cell v i j f hf n st1 st2 h)

/-- A cell of `exec`'s result depends only on the same cell of the post-state. -/
public theorem exec_congr_cell (b : Bounds) (pre : State) (v : Var) (i j : Int) :
    ∀ (e : Effect) (env : Env) (p1 p2 : State), p1 v i j = p2 v i j →
      exec b pre env e p1 v i j = exec b pre env e p2 v i j := by
  intro e
  induction e with
  | skip => intro env p1 p2 h; exact h
  | seq e1 e2 ih1 ih2 => intro env p1 p2 h; exact ih2 env _ _ (ih1 env p1 p2 h)
  | set0 w val => intro env p1 p2 h; simp only [exec, State.set_apply]; split <;> simp_all
  | set1 w idx val =>
    intro env p1 p2 h; simp only [exec]; split
    · simp only [State.set_apply]; split <;> simp_all
    · exact h
  | set2 w i1 i2 val =>
    intro env p1 p2 h; simp only [exec]; split
    · simp only [State.set_apply]; split <;> simp_all
    · exact h
  | each q d body ih =>
    intro env p1 p2 h; simp only [exec]
    exact forN_congr_cell v i j _ (fun n st1 st2 hs => ih (env.upd q n) st1 st2 hs) _ p1 p2 h
  | cond c t e iht ihe =>
    intro env p1 p2 h; simp only [exec]; split
    · exact iht env p1 p2 h
    · exact ihe env p1 p2 h

theorem isLitOk_eval {b : Bounds} {s : State} {env : Env} {ok : Val → Bool} :
    ∀ e : Expr, isLitOk ok e = true → ok (eval b s env e) = true
  | .lit x, h => h
  | .param _, h | .cell0 _, h | .cell1 _ _, h | .cell2 _ _ _, h | .not _, h | .and _ _, h
  | .or _ _, h | .eq _ _, h | .ne _ _, h | .lt _ _, h | .le _ _, h | .add _ _, h | .sub _ _, h
  | .ite _ _ _, h | .all _ _ _, h | .any _ _ _, h => by simp [isLitOk] at h

theorem forN_lit (v : Var) (i j : Int) (ok : Val → Bool) (f : Nat → State → State)
    (hf : ∀ n st, f n st v i j = st v i j ∨ ok (f n st v i j) = true) :
    ∀ n st, forN n f st v i j = st v i j ∨ ok (forN n f st v i j) = true
  | 0, _ => Or.inl rfl
  | n + 1, st => by
    simp only [forN]
    rcases hf n (forN n f st) with h | h
    · rw [h]; exact forN_lit v i j ok f hf n st
    · exact Or.inr h

/-- **Literal writes.** If every assignment to `v` writes a literal accepted by `ok`, each cell of
`v` is either unchanged or holds such a literal afterwards. -/
public theorem exec_lit (b : Bounds) (pre : State) (v : Var) (ok : Val → Bool) (i j : Int) :
    ∀ (e : Effect) (env : Env) (post : State), writesLit v ok e = true →
      exec b pre env e post v i j = post v i j ∨ ok (exec b pre env e post v i j) = true := by
  intro e
  induction e with
  | skip => intro env post _; exact Or.inl rfl
  | seq e1 e2 ih1 ih2 =>
    intro env post h
    simp only [writesLit, Bool.and_eq_true] at h
    simp only [exec]
    rcases ih2 env (exec b pre env e1 post) h.2 with h2 | h2
    · rw [h2]; exact ih1 env post h.1
    · exact Or.inr h2
  | set0 w val =>
    intro env post h
    simp only [exec, State.set_apply]
    split
    · rename_i hc; obtain ⟨rfl, -, -⟩ := hc
      simp only [writesLit, if_pos] at h
      exact Or.inr (isLitOk_eval val h)
    · exact Or.inl rfl
  | set1 w idx val =>
    intro env post h
    simp only [exec]
    split
    · simp only [State.set_apply]
      split
      · rename_i _ hc; obtain ⟨rfl, -, -⟩ := hc
        simp only [writesLit, if_pos] at h
        exact Or.inr (isLitOk_eval val h)
      · exact Or.inl rfl
    · exact Or.inl rfl
  | set2 w i1 i2 val =>
    intro env post h
    simp only [exec]
    split
    · simp only [State.set_apply]
      split
      · rename_i _ hc; obtain ⟨rfl, -, -⟩ := hc
        simp only [writesLit, if_pos] at h
        exact Or.inr (isLitOk_eval val h)
      · exact Or.inl rfl
    · exact Or.inl rfl
  | each q d body ih =>
    intro env post h
    simp only [exec]
    exact forN_lit v i j ok _ (fun n st => ih _ st (by simpa [writesLit] using h)) _ post
  | cond c t e iht ihe =>
    intro env post h
    simp only [writesLit, Bool.and_eq_true] at h
    simp only [exec]
    split
    · exact iht env post h.1
    · exact ihe env post h.2

/-- **Frame.** An effect that writes no cell of `v` leaves every cell of `v` unchanged. -/
public theorem exec_frame (b : Bounds) (pre : State) (env : Env) (e : Effect) (post : State)
    (v : Var) (h : writesNot v e = true) (i j : Int) :
    exec b pre env e post v i j = post v i j := by
  rcases exec_lit b pre v (fun _ => false) i j e env post h with h' | h'
  · exact h'
  · simp at h'

/-- The frame lemma for a list of variables. -/
public theorem exec_frame_all (b : Bounds) (pre : State) (env : Env) (e : Effect) (post : State)
    (vs : List Var) (h : writesNone vs e = true) (v : Var) (hv : v ∈ vs) (i j : Int) :
    exec b pre env e post v i j = post v i j := by
  induction vs with
  | nil => simp at hv
  | cons w ws ih =>
    simp only [writesNone, Bool.and_eq_true] at h
    rcases List.mem_cons.mp hv with rfl | hv'
    · exact exec_frame b pre env e post v h.1 i j
    · exact ih h.2 hv'

end ElectricRace
