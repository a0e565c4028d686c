module

public import ElectricRace.Thm.Model
public import ElectricRace.Lemmas.Frame

/-!
# Inductive invariants over `Reachable`, one action at a time

`reachable_inv` turns "the initial states satisfy `I`" and "every action of the rule set
preserves `I` (`Preserves`)" into "`I` holds in every reachable state", for any bounds. The
per-action obligations can then be proved in separate lemmas, each about one rule's data.
-/

namespace ElectricRace

@[expose] public section

/-- Action `a` preserves `I` at bounds `b`: from a state satisfying `I`, under any binding inside
the domains for which every guard holds, its effect yields a state satisfying `I`. -/
def Preserves (b : Bounds) (I : State → Prop) (a : Action) : Prop :=
  ∀ s env, bindingOk b env a.params = true → guardsOk b s env a.guards = true → I s →
    I (exec b s env a.effect s)

end

/-- **Induction over reachability.** -/
public theorem reachable_inv (b : Bounds) (acts : List Action) (I : State → Prop)
    (hinit : ∀ s, initOk b s = true → I s) (hstep : ∀ a ∈ acts, Preserves b I a) :
    ∀ s, Reachable b acts s → I s := by
  intro s hs
  induction hs with
  | init s hi => exact hinit s hi
  | step s s' a env _ ha hb hst ih =>
    unfold step at hst
    split at hst
    · rename_i hg
      cases hst
      exact hstep a ha s env hb hg ih
    · simp at hst

@[expose] public section

/-- `I` looks only at the variables `vs`: states that agree on them agree on `I`. -/
def DependsOn (I : State → Prop) (vs : List Var) : Prop :=
  ∀ s s', (∀ v, v ∈ vs → ∀ i j, s' v i j = s v i j) → I s → I s'

end

/-- **Frame.** An action whose effect writes none of the variables `I` looks at preserves `I`. -/
public theorem preserves_of_writesNone (b : Bounds) (I : State → Prop) (vs : List Var)
    (hI : DependsOn I vs) (a : Action) (ha : writesNone vs a.effect = true) :
    Preserves b I a := by
  intro s env _ _ hi
  exact hI s _ (fun v hv i j => exec_frame_all b s env a.effect s vs ha v hv i j) hi

end ElectricRace
