module

public import ElectricRace.Lemmas.Forced
public import ElectricRace.Lemmas.Labels

/-!
# A forced rule whose guards hold makes a forced step enabled

The step every never-stuck proof ends with: name the rule by its label in `rules v false` (the
system's own rules), give a binding in the domains and show its guards hold.
-/

namespace ElectricRace

/-- The rule `findAct` finds is in the list it was found in. -/
public theorem findAct_mem' : ∀ (acts : List Action) (l : Label) (a : Action),
    findAct acts l = some a → a ∈ acts
  | [], _, _, h => by simp [findAct] at h
  | x :: xs, l, a, h => by
    unfold findAct at h
    split at h
    · cases h; simp
    · exact List.mem_cons_of_mem _ (findAct_mem' xs l a h)

/-- A rule of variant `v`'s system (`rules v false`) that weak fairness forces (`hl`, by
`decide`: the label names a rule and is not `unforced`), whose guards hold for a binding in the
domains, makes a forced step `Enabled`. -/
public theorem enabled_of {v : Variant} (b : Bounds) (s : State) (l : Label)
    (hl : ((findAct (rules v false) l).isSome && !unforced l) = true) (env : Env)
    (hb : bindingOk b env (actOf v false l).params = true)
    (hg : guardsOk b s env (actOf v false l).guards = true) :
    Enabled b (forcedSteps (rules v)) s := by
  simp only [Bool.and_eq_true, Bool.not_eq_true'] at hl
  obtain ⟨hl, hu⟩ := hl
  unfold actOf at hb hg
  cases h : findAct (rules v false) l with
  | none => rw [h] at hl; simp at hl
  | some a =>
    rw [h] at hb hg
    refine ⟨a, mem_forcedSteps _ a (mem_rules_of_false _ a (findAct_mem' _ _ _ h))
      (by rw [findAct_label _ _ _ h]; exact hu), env, hb, by simp [step, hg]⟩

end ElectricRace
