module

public import ElectricRace.Thm.Model

/-!
# One rule per label

In every variant's rule set each label names exactly one action, so an action of the set is
`actOf v faults l`, the rule `findAct` finds for its label. This lets a theorem prove "every
action preserves the invariant" one label at a time, each lemma about one rule's data.
-/

namespace ElectricRace

@[expose] public section

/-- No action of the list carries label `l`. -/
def noLabel (l : Label) : List Action → Bool
  | [] => true
  | a :: as => !decide (a.label = l) && noLabel l as

/-- Every label occurs at most once in the list. -/
def uniqueLabels : List Action → Bool
  | [] => true
  | a :: as => noLabel a.label as && uniqueLabels as

/-- The action that does nothing (stands for labels a variant does not have). -/
def skipAction : Action :=
  { label := .SlcFail, process := "none", params := [], guards := [], effect := .skip }

/-- The rule of variant `v` (with or without external crashes) labelled `l`. -/
def actOf (v : Variant) (faults : Bool) (l : Label) : Action :=
  match findAct (rules v faults) l with
  | some a => a
  | none => skipAction

end

theorem noLabel_mem {l : Label} : ∀ {as : List Action} {a : Action}, noLabel l as = true →
    a ∈ as → a.label ≠ l
  | [], _, _, h => by simp at h
  | x :: xs, a, h, hm => by
    simp only [noLabel, Bool.and_eq_true, Bool.not_eq_true', decide_eq_false_iff_not] at h
    rcases List.mem_cons.mp hm with rfl | hm'
    · exact h.1
    · exact noLabel_mem h.2 hm'

theorem findAct_of_unique : ∀ (as : List Action) (a : Action), uniqueLabels as = true →
    a ∈ as → findAct as a.label = some a
  | [], _, _, hm => by simp at hm
  | x :: xs, a, h, hm => by
    simp only [uniqueLabels, Bool.and_eq_true] at h
    unfold findAct
    rcases List.mem_cons.mp hm with rfl | hm'
    · simp
    · have hne : a.label ≠ x.label := noLabel_mem h.1 hm'
      rw [if_neg (Ne.symm hne)]
      exact findAct_of_unique xs a h.2 hm'

/-- In a rule set with unique labels, every action is the rule of its label. -/
public theorem eq_actOf (v : Variant) (faults : Bool) (hu : uniqueLabels (rules v faults) = true)
    (a : Action) (ha : a ∈ rules v faults) : a = actOf v faults a.label := by
  unfold actOf
  rw [findAct_of_unique _ a hu ha]

end ElectricRace
