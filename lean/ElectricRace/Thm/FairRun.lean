module

public import ElectricRace.Spec.FairRun
public import ElectricRace.Lemmas.Exec

/-!
# From a ranking function and "never stuck" to liveness over fair runs

`live_of_rank_of_neverStuck`: if every forced step from a reachable state lowers a natural-number
rank, and no reachable state is stuck unsettled, then every weakly fair run with finitely many
unforced moves eventually settles. After its last unforced move a run takes only forced moves,
each lowering the rank, so from some step on it only stutters; the state it rests in is reachable,
so (unless settled or bound-limited) some forced rule is enabled there for ever, and weak fairness
makes the run take it: a contradiction.
-/

namespace ElectricRace

/-- Every state of a run is reachable. -/
public theorem Run.reachable {b : Bounds} {acts : List Action} (r : Run b acts) :
    ∀ n, Reachable b acts (r.st n)
  | 0 => Reachable.init _ r.init
  | n + 1 => by
    rcases r.next n with ⟨_, h⟩ | ⟨a, _, ha, env, hb, hs⟩
    · rw [h]
      exact Run.reachable r n
    · exact Reachable.step _ _ a env (Run.reachable r n) ha hb hs

section rank

variable {b : Bounds} {acts : List Action} (r : Run b acts) (R : State → Nat) {N : Nat}
  (hN : ∀ n, N ≤ n → ∀ a, r.act n = some a → a ∈ forcedSteps acts)
  (hrank : ∀ s, Reachable b acts s → ∀ a ∈ forcedSteps acts, ∀ env : Env,
    bindingOk b env a.params = true → guardsOk b s env a.guards = true →
      R (exec b s env a.effect s) < R s)
include hN hrank

/-- After step `N`, a move lowers the rank. -/
theorem rank_move (n : Nat) (hn : N ≤ n) (a : Action) (ha : r.act n = some a) :
    R (r.st (n + 1)) < R (r.st n) := by
  rcases r.next n with ⟨h0, _⟩ | ⟨a', h', ha', env, hb, hs⟩
  · simp [h0] at ha
  · have haa : a' = a := Option.some.inj (h'.symm.trans ha)
    subst haa
    obtain ⟨hg, he⟩ := step_eq_some hs
    rw [← he]
    exact hrank _ (r.reachable n) a' (hN n hn a' h') env hb hg

/-- After step `N`, no step raises the rank. -/
theorem rank_step_le (n : Nat) (hn : N ≤ n) : R (r.st (n + 1)) ≤ R (r.st n) := by
  rcases r.next n with ⟨_, h⟩ | ⟨a, h', _⟩
  · exact Nat.le_of_eq (congrArg R h)
  · exact Nat.le_of_lt (rank_move r R hN hrank n hn a h')

/-- After step `N`, the rank never rises. -/
theorem rank_le_of_le : ∀ k n, N ≤ n → R (r.st (n + k)) ≤ R (r.st n)
  | 0, _, _ => Nat.le_refl _
  | k + 1, n, hn =>
    Nat.le_trans (rank_step_le r R hN hrank (n + k) (by omega)) (rank_le_of_le k n hn)

/-- After step `N`, the run comes to rest: from some step on it only stutters. -/
theorem eventually_rests : ∀ k n, N ≤ n → R (r.st n) ≤ k →
    ∃ M, n ≤ M ∧ ∀ m, M ≤ m → r.act m = none := by
  intro k
  induction k with
  | zero =>
    intro n hn hk
    refine ⟨n, Nat.le_refl _, fun m hm => ?_⟩
    cases h : r.act m with
    | none => rfl
    | some a =>
      have h1 := rank_move r R hN hrank m (by omega) a h
      have h2 := rank_le_of_le r R hN hrank (m - n) n hn
      rw [Nat.add_sub_cancel' hm] at h2
      omega
  | succ k ih =>
    intro n hn hk
    by_cases hall : ∀ m, n ≤ m → r.act m = none
    · exact ⟨n, Nat.le_refl _, hall⟩
    · have : ∃ m, n ≤ m ∧ r.act m ≠ none := by
        refine Classical.byContradiction fun hno => hall fun m hm => ?_
        exact Classical.byContradiction fun hne => hno ⟨m, hm, hne⟩
      obtain ⟨m, hm, hne⟩ := this
      obtain ⟨a, ha⟩ := Option.ne_none_iff_exists'.1 hne
      have h1 := rank_move r R hN hrank m (by omega) a ha
      have h2 := rank_le_of_le r R hN hrank (m - n) n hn
      rw [Nat.add_sub_cancel' hm] at h2
      obtain ⟨M, hM, hrest⟩ := ih (m + 1) (by omega) (by omega)
      exact ⟨M, by omega, hrest⟩

end rank

/-- A run that only stutters from step `M` on stays in the state it had at `M`. -/
theorem rests_in {b : Bounds} {acts : List Action} (r : Run b acts) (M : Nat)
    (hrest : ∀ m, M ≤ m → r.act m = none) : ∀ k, r.st (M + k) = r.st M
  | 0 => rfl
  | k + 1 => by
    rcases r.next (M + k) with ⟨_, h⟩ | ⟨a, h', _⟩
    · exact h.trans (rests_in r M hrest k)
    · rw [hrest (M + k) (by omega)] at h'
      simp at h'

/-- **Liveness from a ranking function.** For variant `v`, goal `e` and bounds `b`: if every
forced step from a reachable state lowers the rank `R`, and no reachable state is stuck with the
goal false (outside `BoundLimited`), then every weakly fair run with finitely many unforced moves
eventually reaches the goal or a bound-limited state. -/
public theorem live_of_rank_of_neverStuck {v : Variant} {b : Bounds} {e : Expr} (R : State → Nat)
    (hrank : ∀ s, Reachable b (rules v) s → ∀ a ∈ forcedSteps (rules v), ∀ env : Env,
      bindingOk b env a.params = true → guardsOk b s env a.guards = true →
        R (exec b s env a.effect s) < R s)
    (hstuck : ∀ s, Reachable b (rules v) s → ¬ StuckUnsettled v b e s) :
    LiveUnderFairness v b e := by
  unfold LiveUnderFairness
  intro r hfair hfin
  obtain ⟨N, hN⟩ := hfin
  obtain ⟨M, -, hrest⟩ := eventually_rests r R hN hrank _ N (Nat.le_refl _) (Nat.le_refl _)
  have hconst := rests_in r M hrest
  refine Classical.byContradiction fun hno => ?_
  have hs : ¬ Settled b (r.st M) e := fun h => hno ⟨M, Or.inl h⟩
  have hbl : ¬ BoundLimited b (r.st M) := fun h => hno ⟨M, Or.inr h⟩
  have hen : Enabled b (forcedSteps (rules v)) (r.st M) :=
    Classical.byContradiction fun hne => hstuck _ (r.reachable M) ⟨hs, hbl, hne⟩
  obtain ⟨a, ha, env, hb, hsome⟩ := hen
  obtain ⟨n, hn, hact⟩ := hfair a ha M (fun n hn => by
    obtain ⟨k, rfl⟩ := Nat.exists_eq_add_of_le hn
    exact ⟨env, hb, by rw [hconst]; exact hsome⟩)
  rw [hrest n hn] at hact
  simp at hact

end ElectricRace
