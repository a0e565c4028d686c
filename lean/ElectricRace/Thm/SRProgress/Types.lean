module

public import ElectricRace.Thm.SRProgress.Cells
public import ElectricRace.Thm.SRAll

/-!
# SerializedRemoval progress: the typing facts hold in every reachable state

Every rule writes the chain program counters, the mailbox, the collector's mode and
ShapeCache's stage only with members of their enums (the mailbox also with its own old value),
and no rule of SerializedRemoval writes a chain's `status` step; the next consumer id only ever
grows from 0. So in every reachable state, for every bounds, each of these cells holds one of its
members and the next consumer id is a natural number.
-/

namespace ElectricRace

/-- Every SerializedRemoval rule writes the four steering cells only with their members. -/
theorem typesWrites_all : (rules .SerializedRemoval).all (fun a =>
    writesOkE .chainPc pcOkB false a.effect && writesOkE .mbox mboxOkB true a.effect &&
    writesOkE .slc slcOkB false a.effect && writesOkE .sc scOkB false a.effect) = true := by
  decide

/-- Every SerializedRemoval rule keeps `TypesOk`. -/
public theorem presTypes (b : Bounds) (a : Action) (ha : a ∈ rules .SerializedRemoval) :
    Preserves b (TypesOk b) a := by
  have h := List.all_eq_true.mp typesWrites_all a ha
  simp only [Bool.and_eq_true] at h
  obtain ⟨⟨⟨h1, h2⟩, h3⟩, h4⟩ := h
  intro s env hb hg hi
  exact ⟨preserves_cellsOk b .chainPc pcOkB false (chainP b) (fun h => by simp at h) a h1
      s env hb hg hi.1,
    preserves_cellsOk b .mbox mboxOkB true scalarP (fun _ => ⟨rfl, rfl⟩) a h2 s env hb hg hi.2.1,
    preserves_cellsOk b .slc slcOkB false scalarP (fun h => by simp at h) a h3
      s env hb hg hi.2.2.1,
    preserves_cellsOk b .sc scOkB false scalarP (fun h => by simp at h) a h4
      s env hb hg hi.2.2.2⟩

set_option linter.unusedSimpArgs false

attribute [local simp] exec_seq exec_set0 exec_set1 exec_cond exec_skip State.set_apply
  exec_frame exec_each_at writesNot writesLit isLitOk writesAt isParam seqL eachH eachC when
  state_ite_apply inDom_natCast inDom_neg_one Val.asBool_b' Val.asInt_i' Val.asBool_true_iff
  Env.upd_same Bounds.of Var.dim1 Var.dims Var.default allN_eq_true anyN_eq_true app
  guardsOk g eval isE notE L li lb tt ff none' pX pH pC pK pT hk live read1 read2
  status router registry storage pendingRemove batchRemove removeNow pubState pubConsumer
  touches cons owner applied chainHandle chainPc nextConsumer mbox slc pubTxn sc scHandle
  nextTxn unacked crashes orphanDelivery crashEff publishDoneGuards bindingOk inDom
  forallH existsH forallC forallK

/-- Every initial state satisfies `TypesOk`: every chain idle, the mailbox empty, the collector
and ShapeCache idle. -/
public theorem initTypes (b : Bounds) (s : State) (h0 : initOk b s = true) : TypesOk b s := by
  simp [initOk, initConds] at h0
  obtain ⟨-, -, -, -, -, -, -, -, -, -, -, -, -, hch, -, hmb, hslc, -, hsc, -, -, -, -, -, -, -⟩ := h0
  refine ⟨fun i j hp => ?_, fun i j hp => ?_, fun i j hp => ?_, fun i j hp => ?_⟩
  · obtain ⟨h1, h2, rfl⟩ := hp
    obtain ⟨k, rfl⟩ := Int.eq_ofNat_of_zero_le h1
    have hk : k < b.K := by omega
    have := hch k hk
    simp_all [pcOkB]
  · obtain ⟨rfl, rfl⟩ := hp; simp [hmb, mboxOkB]
  · obtain ⟨rfl, rfl⟩ := hp; simp [hslc, slcOkB]
  · obtain ⟨rfl, rfl⟩ := hp; simp [hsc, scOkB]

/-- **The steering cells hold members of their enums in every reachable SerializedRemoval
state, for all bounds.** -/
public theorem serializedRemoval_types_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .SerializedRemoval) s → TypesOk b s :=
  fun b => reachable_inv b _ _ (initTypes b) (fun a ha => presTypes b a ha)

/-- `NextNat` reads only `nextConsumer`. -/
public theorem nextNat_dependsOn : DependsOn NextNat [.nextConsumer] := by
  intro s s' e hi
  have e1 := e .nextConsumer (by decide)
  simp only [NextNat, e1]
  exact hi

/-- ShapeCache's start takes the next consumer id and increments it. -/
theorem presNext_CacheStart (b : Bounds) :
    Preserves b NextNat (actOf .SerializedRemoval true .CacheStart) := by
  intro s env hb hg hi
  simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions, consActions,
    restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq, ↓reduceIte,
    decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or, Bool.or_true,
    Bool.or_self]
    at hb hg ⊢
  obtain ⟨n, hn⟩ := hi
  refine ⟨n + 1, ?_⟩
  simp [hn]

/-- **The next consumer id is a natural number in every reachable SerializedRemoval state.** -/
public theorem serializedRemoval_nextNat_allBounds :
    ∀ b : Bounds, ∀ s, Reachable b (rules .SerializedRemoval) s → NextNat s := by
  intro b
  refine reachable_inv b _ _ (fun s h0 => ?_) (fun a ha => ?_)
  · simp [initOk, initConds] at h0
    exact ⟨0, h0.2.2.2.2.2.2.2.2.2.2.2.2.1⟩
  · rw [eq_actOf .SerializedRemoval true uniqueSR a ha]
    generalize a.label = l
    cases l
    all_goals first
      | exact preserves_of_writesNone b _ _ nextNat_dependsOn _ (by decide)
      | exact presNext_CacheStart b

end ElectricRace
