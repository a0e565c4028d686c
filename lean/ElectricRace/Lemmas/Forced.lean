module

public import ElectricRace.Spec.Liveness
public import ElectricRace.Spec.Reach

/-!
# Forced steps: membership lemmas

`forcedSteps` keeps exactly the rules whose label weak fairness forces; a rule found by its label
is in the list it was found in and has that label; the rules without the external crash are among
the rules with it.
-/

namespace ElectricRace

/-- A rule of `acts` with a forced label is a forced step of `acts`. -/
public theorem mem_forcedSteps : ∀ (acts : List Action) (a : Action), a ∈ acts →
    unforced a.label = false → a ∈ forcedSteps acts
  | [], _, h, _ => by simp at h
  | x :: xs, a, h, hu => by
    unfold forcedSteps
    rcases List.mem_cons.1 h with rfl | h
    · simp [hu]
    · split
      · exact mem_forcedSteps xs a h hu
      · exact List.mem_cons_of_mem _ (mem_forcedSteps xs a h hu)

/-- A forced step of `acts` is a rule of `acts` with a forced label. -/
public theorem of_mem_forcedSteps : ∀ (acts : List Action) (a : Action), a ∈ forcedSteps acts →
    a ∈ acts ∧ unforced a.label = false
  | [], _, h => by simp [forcedSteps] at h
  | x :: xs, a, h => by
    unfold forcedSteps at h
    split at h
    · exact ⟨List.mem_cons_of_mem _ (of_mem_forcedSteps xs a h).1, (of_mem_forcedSteps xs a h).2⟩
    · rcases List.mem_cons.1 h with rfl | h
      · exact ⟨List.mem_cons_self, by simpa using ‹¬ unforced a.label = true›⟩
      · exact ⟨List.mem_cons_of_mem _ (of_mem_forcedSteps xs a h).1, (of_mem_forcedSteps xs a h).2⟩

/-- The rule `findAct` finds carries the label it was asked for. -/
public theorem findAct_label : ∀ (acts : List Action) (l : Label) (a : Action),
    findAct acts l = some a → a.label = l
  | [], _, _, h => by simp [findAct] at h
  | x :: xs, l, a, h => by
    unfold findAct at h
    split at h
    · cases h; assumption
    · exact findAct_label xs l a h

/-- Membership in the model's own list append. -/
public theorem mem_app_iff' {α : Type} (a : α) : ∀ xs ys : List α, a ∈ app xs ys ↔ a ∈ xs ∨ a ∈ ys
  | [], ys => by simp [app]
  | x :: xs, ys => by simp [app, mem_app_iff' a xs ys, or_assoc]

/-- The rules without the external crash are among the rules with it. -/
public theorem mem_rules_of_false (v : Variant) (a : Action) (h : a ∈ rules v false) :
    a ∈ rules v true := by
  simp only [rules, mem_app_iff', Bool.false_eq_true, ↓reduceIte, List.mem_cons,
    List.mem_singleton, List.not_mem_nil, or_false] at h ⊢
  rcases h with h | h | h | h | h
  · exact Or.inl h
  · exact Or.inr (Or.inl h)
  · exact Or.inr (Or.inr (Or.inl h))
  · exact Or.inr (Or.inr (Or.inr (Or.inl h)))
  · exact Or.inr (Or.inr (Or.inr (Or.inr (Or.inr (Or.inr h)))))

/-- A forced step of SerializedRemoval is a rule of the system (`rules v false`). -/
public theorem sr_forced_mem_false (a : Action)
    (h : a ∈ forcedSteps (rules .SerializedRemoval)) : a ∈ rules .SerializedRemoval false := by
  obtain ⟨hm, hu⟩ := of_mem_forcedSteps _ a h
  by_cases hf : a = failAction .SerializedRemoval
  · subst hf; simp [failAction, unforced] at hu
  · simp only [rules, mem_app_iff', ↓reduceIte, List.mem_cons, List.mem_singleton,
      List.not_mem_nil, or_false, Bool.false_eq_true, reduceCtorEq] at hm ⊢
    rcases hm with h | h | h | h | h | h | h
    · exact Or.inl h
    · exact Or.inr (Or.inl h)
    · exact Or.inr (Or.inr (Or.inl h))
    · exact Or.inr (Or.inr (Or.inr (Or.inl h)))
    · exact h.elim
    · exact absurd h hf
    · exact Or.inr (Or.inr (Or.inr (Or.inr h)))

end ElectricRace
