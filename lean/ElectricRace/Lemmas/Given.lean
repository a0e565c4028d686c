module

public import ElectricRace.Lemmas.Induct

/-!
# Strengthening a proved invariant

A second invariant `J` is often proved on top of one already proved, `I`: each rule's obligation
for `J` may use `I` of the state before the step. `PreservesGiven` is that obligation;
`preserves_and` puts it together with `I`'s own obligation, and the frame lemma discharges the
rules that write none of `J`'s variables.
-/

namespace ElectricRace

@[expose] public section

/-- Action `a` keeps `J` in states that also satisfy `I`. -/
def PreservesGiven (b : Bounds) (I J : State → Prop) (a : Action) : Prop :=
  ∀ s env, bindingOk b env a.params = true → guardsOk b s env a.guards = true → I s → J s →
    J (exec b s env a.effect s)

end

/-- A rule keeps `I ∧ J` when it keeps `I`, and keeps `J` given `I`. -/
public theorem preserves_and (b : Bounds) (I J : State → Prop) (a : Action)
    (h1 : Preserves b I a) (h2 : PreservesGiven b I J a) :
    Preserves b (fun s => I s ∧ J s) a :=
  fun s env hb hg hi => ⟨h1 s env hb hg hi.1, h2 s env hb hg hi.1 hi.2⟩

/-- **Frame.** A rule whose effect writes none of the variables `J` looks at keeps `J`. -/
public theorem preservesGiven_of_writesNone (b : Bounds) (I J : State → Prop) (vs : List Var)
    (hJ : DependsOn J vs) (a : Action) (ha : writesNone vs a.effect = true) :
    PreservesGiven b I J a :=
  fun s env hb hg _ hj => preserves_of_writesNone b J vs hJ a ha s env hb hg hj

end ElectricRace
