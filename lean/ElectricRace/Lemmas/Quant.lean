module

public import ElectricRace.Spec.Model

/-!
# Bounded quantifiers of the rules language as `∀`/`∃` over indices

The rules quantify over a domain (`all`/`any` nodes, evaluated by `allN`/`anyN`); the theorems
quantify over handles, consumers and chains below a bound. These lemmas translate between them.
-/

namespace ElectricRace

/-- `allN n f` holds exactly when `f i` holds for every index `i < n`. -/
public theorem allN_eq_true : ∀ (n : Nat) (f : Nat → Bool),
    allN n f = true ↔ ∀ i, i < n → f i = true
  | 0, f => by simp [allN]
  | n + 1, f => by
    rw [allN, Bool.and_eq_true, allN_eq_true n f]
    constructor
    · rintro ⟨h1, h2⟩ i hi
      rcases Nat.lt_succ_iff_lt_or_eq.mp hi with h | h
      · exact h1 i h
      · subst h; exact h2
    · intro h
      exact ⟨fun i hi => h i (by omega), h n (by omega)⟩

/-- `anyN n f` holds exactly when `f i` holds for some index `i < n`. -/
public theorem anyN_eq_true : ∀ (n : Nat) (f : Nat → Bool),
    anyN n f = true ↔ ∃ i, i < n ∧ f i = true
  | 0, f => by simp [anyN]
  | n + 1, f => by
    rw [anyN, Bool.or_eq_true, anyN_eq_true n f]
    constructor
    · rintro (⟨i, hi, h⟩ | h)
      · exact ⟨i, by omega, h⟩
      · exact ⟨n, by omega, h⟩
    · rintro ⟨i, hi, h⟩
      rcases Nat.lt_succ_iff_lt_or_eq.mp hi with h' | h'
      · exact Or.inl ⟨i, h', h⟩
      · subst h'; exact Or.inr h

/-- `allN` is false exactly when some index below the bound fails. -/
public theorem allN_eq_false (n : Nat) (f : Nat → Bool) :
    allN n f = false ↔ ∃ i, i < n ∧ f i = false := by
  have := allN_eq_true n f
  constructor
  · intro h
    apply Classical.byContradiction
    intro hne
    have : allN n f = true := (allN_eq_true n f).2 (fun i hi => by
      cases hf : f i
      · exact absurd ⟨i, hi, hf⟩ hne
      · rfl)
    simp_all
  · rintro ⟨i, hi, hf⟩
    cases h : allN n f
    · rfl
    · have := ((allN_eq_true n f).1 h) i hi
      simp_all

end ElectricRace
