module

public import ElectricRace.Thm.Projection
public import ElectricRace.Lemmas.Frame
public import ElectricRace.Lemmas.Each
public import ElectricRace.Lemmas.Exec
public import ElectricRace.Lemmas.Labels

/-!
# The full PreFix model simulates the bug analysis's model, step by step

`ShapeRemovalRaceSimple` (the bug analysis's model) sees one shape through four booleans:
ShapeStatus has it, the collector's router has it, the ConsumerRegistry has an entry for it, its
storage exists. `proj` (in `Thm/Projection.lean`) reads those four facts off a full-model state
for handle 0.

The theorem proved here, `projection_simulates_preFix`: for every choice of bounds, every state
(reachable or not), every PreFix rule except three, and every parameter binding, if the rule's
step is enabled then its effect on those four facts is either nothing at all (a stutter) or
exactly one step of the simple model (`removeStatus`, `stopConsumer`, `cleanupStorage`,
`removeRouter`).

The three rules left out (`simExceptions`) are steps the simple model does not have:

* `CacheStart` — ShapeCache starts a consumer and registers it (a registry entry appears);
* `ConsumerInit` — a starting consumer (re-)creates its shape's storage;
* `SlcRestart` — the restarted collector rebuilds its router from ShapeStatus.

The simple model only ever removes things, so it has no step that adds a registry entry,
re-creates storage or puts a shape back in the router. `exceptions_are_real` replays, for each of
the three, a schedule from the restored shape where that step does change the four facts in a
way no simple-model step does (`CacheStart` under PreFix; `ConsumerInit` in the orphan
interleaving under FixA2, HEAD; `SlcRestart` after a collector fault under FixB).

Two of the three are stutters or simple-model steps under stated conditions on the state
(conditions not proved to hold in every reachable state):

* `projection_consumerInit_stutters`: `ConsumerInit` changes nothing the simple model sees while
  the shape's storage still exists (it matters only when it re-creates removed storage);
* `projection_restart_simulates`: `SlcRestart` is a stutter or `removeRouter` when the registry
  has no entry for the shape (as after every collector crash) and the router does not lack a
  shape that ShapeStatus still has.

Not proved: that PreFix's reachable states satisfy those conditions (an inductive invariant over
all PreFix rules), which would shorten the exception list to `CacheStart` alone.
-/

namespace ElectricRace

@[expose] public section

/-- One step of the simple model, or no change at all (a stutter): `b` is `a`, or `b` is what
one of the simple model's four steps makes of `a`. -/
def SimStep (a b : ShapeRemovalRaceSimple.St) : Prop :=
  b = a ∨ ∃ st, b = ShapeRemovalRaceSimple.apply a st

/-- `SimStep` as a computation: try the stutter and each of the four steps. -/
def simStepB (a b : ShapeRemovalRaceSimple.St) : Bool :=
  decide (b = a) || decide (b = ShapeRemovalRaceSimple.apply a .removeStatus) ||
    decide (b = ShapeRemovalRaceSimple.apply a .stopConsumer) ||
    decide (b = ShapeRemovalRaceSimple.apply a .cleanupStorage) ||
    decide (b = ShapeRemovalRaceSimple.apply a .removeRouter)

/-- The rules the simulation theorem leaves out: the steps the simple model has no counterpart
for (a consumer is registered, storage is re-created, the router is rebuilt). -/
def simExceptions : List Label := [.CacheStart, .ConsumerInit, .SlcRestart]

end

/-- The computation `simStepB` decides `SimStep` exactly. -/
public theorem simStep_iff (a b : ShapeRemovalRaceSimple.St) : SimStep a b ↔ simStepB a b = true := by
  unfold SimStep simStepB
  constructor
  · rintro (rfl | ⟨st, rfl⟩)
    · simp
    · cases st <;> simp
  · intro h
    simp only [Bool.or_eq_true, decide_eq_true_eq] at h
    rcases h with (((h | h) | h) | h) | h
    · exact Or.inl h
    · exact Or.inr ⟨_, h⟩
    · exact Or.inr ⟨_, h⟩
    · exact Or.inr ⟨_, h⟩
    · exact Or.inr ⟨_, h⟩

@[expose] public section

instance (a b : ShapeRemovalRaceSimple.St) : Decidable (SimStep a b) :=
  decidable_of_iff _ (simStep_iff a b).symm

end

/-! ## Simple-model steps on the four booleans -/

/-- Only the ShapeStatus boolean changed, and if it changed it became `false`: a stutter or
`removeStatus`. -/
theorem simMk_status (x x' r c t : Bool) (h : x' = x ∨ x' = false) :
    SimStep ⟨x, r, c, t⟩ ⟨x', r, c, t⟩ := by
  rcases h with rfl | rfl
  · exact Or.inl rfl
  · exact Or.inr ⟨.removeStatus, rfl⟩

/-- Only the registry boolean changed, and if it changed it became `false`: a stutter or
`stopConsumer`. -/
theorem simMk_consumer (x r c c' t : Bool) (h : c' = c ∨ c' = false) :
    SimStep ⟨x, r, c, t⟩ ⟨x, r, c', t⟩ := by
  rcases h with rfl | rfl
  · exact Or.inl rfl
  · exact Or.inr ⟨.stopConsumer, rfl⟩

/-- Only the storage boolean changed, and if it changed it became `false`: a stutter or
`cleanupStorage`. -/
theorem simMk_storage (x r c t t' : Bool) (h : t' = t ∨ t' = false) :
    SimStep ⟨x, r, c, t⟩ ⟨x, r, c, t'⟩ := by
  rcases h with rfl | rfl
  · exact Or.inl rfl
  · exact Or.inr ⟨.cleanupStorage, rfl⟩

/-- A router cell holding `false` does not hold the shape. -/
theorem beq_b_false_true : (Val.b false == Val.b true) = false := by decide

/-- A registry cell holding "none" (`-1`) is no entry. -/
theorem bne_none_none : (Val.i (-1) != Val.i (-1)) = false := by decide

/-! ## Four classes of rules, by what they write among the four variables -/

/-- A rule that writes none of ShapeStatus, the router, the registry and storage does not change
the projection. -/
theorem sim_frame (b : Bounds) (s : State) (env : Env) (e : Effect)
    (hf : writesNone [.status, .router, .registry, .storage] e = true) :
    SimStep (proj s) (proj (exec b s env e s)) := by
  have h0 := exec_frame_all b s env e s _ hf .status (by decide) 0 0
  have h1 := exec_frame_all b s env e s _ hf .router (by decide) 0 0
  have h2 := exec_frame_all b s env e s _ hf .registry (by decide) 0 0
  have h3 := exec_frame_all b s env e s _ hf .storage (by decide) 0 0
  unfold proj
  rw [h0, h1, h2, h3]
  exact Or.inl rfl

/-- A rule that writes ShapeStatus only with values other than `present`, and none of the other
three variables, is a stutter or the simple model's `removeStatus`. -/
theorem sim_status (b : Bounds) (s : State) (env : Env) (e : Effect)
    (hf : writesNone [.router, .registry, .storage] e = true)
    (hl : writesLit .status (fun v => !decide (v = vPresent)) e = true) :
    SimStep (proj s) (proj (exec b s env e s)) := by
  have h1 := exec_frame_all b s env e s _ hf .router (by decide) 0 0
  have h2 := exec_frame_all b s env e s _ hf .registry (by decide) 0 0
  have h3 := exec_frame_all b s env e s _ hf .storage (by decide) 0 0
  unfold proj
  rw [h1, h2, h3]
  apply simMk_status
  rcases exec_lit b s .status _ 0 0 e env s hl with h | h
  · exact Or.inl (by rw [h])
  · refine Or.inr ?_
    simp only [Bool.not_eq_true', decide_eq_false_iff_not] at h
    simp [h]

/-- A rule that writes the registry only with "none" (`-1`), and none of the other three
variables, is a stutter or the simple model's `stopConsumer`. -/
theorem sim_registry (b : Bounds) (s : State) (env : Env) (e : Effect)
    (hf : writesNone [.status, .router, .storage] e = true)
    (hl : writesLit .registry (fun v => decide (v = .i (-1))) e = true) :
    SimStep (proj s) (proj (exec b s env e s)) := by
  have h0 := exec_frame_all b s env e s _ hf .status (by decide) 0 0
  have h1 := exec_frame_all b s env e s _ hf .router (by decide) 0 0
  have h3 := exec_frame_all b s env e s _ hf .storage (by decide) 0 0
  unfold proj
  rw [h0, h1, h3]
  apply simMk_consumer
  rcases exec_lit b s .registry _ 0 0 e env s hl with h | h
  · exact Or.inl (by rw [h])
  · refine Or.inr ?_
    simp only [decide_eq_true_eq] at h
    simp only [h, bne_none_none]

/-- A rule that writes storage only with values other than `present`, and none of the other
three variables, is a stutter or the simple model's `cleanupStorage`. -/
theorem sim_storage (b : Bounds) (s : State) (env : Env) (e : Effect)
    (hf : writesNone [.status, .router, .registry] e = true)
    (hl : writesLit .storage (fun v => !decide (v = vSPresent)) e = true) :
    SimStep (proj s) (proj (exec b s env e s)) := by
  have h0 := exec_frame_all b s env e s _ hf .status (by decide) 0 0
  have h1 := exec_frame_all b s env e s _ hf .router (by decide) 0 0
  have h2 := exec_frame_all b s env e s _ hf .registry (by decide) 0 0
  unfold proj
  rw [h0, h1, h2]
  apply simMk_storage
  rcases exec_lit b s .storage _ 0 0 e env s hl with h | h
  · exact Or.inl (by rw [h])
  · refine Or.inr ?_
    simp only [Bool.not_eq_true', decide_eq_false_iff_not] at h
    simp [h]

/-! ## The batched router removal -/

/-- The loop body of PreFix's `SlcApplyBatch`, for the handle `x`. -/
def batchBody : Effect :=
  .cond (batchRemove pX)
    (.seq (.set1 .router pX ff) (.seq (.set1 .registry pX none') (.seq .skip (.set1 .batchRemove pX ff))))
    .skip

/-- The mailbox update of `SlcApplyBatch`. -/
def batchMbox : Effect := .set0 .mbox (.ite (isE mbox vB) (L vEmpty) (L vE))

/-- PreFix's `SlcApplyBatch`, written out: for every handle with a batched removal, drop it
from the router and the registry and clear the batch flag; then update the mailbox. -/
theorem batch_effect : (actOf .PreFix true .SlcApplyBatch).effect =
    .seq (.each .x .handle batchBody) batchMbox := by
  first
    | rfl
    | simp only [actOf, findAct, rules, cleanerActions, batchActions, app, batchBody, batchMbox,
        seqL, eachH, when, reduceCtorEq, ↓reduceIte]

/-- `SlcApplyBatch` clears handle 0's router cell and registry entry together, or touches
neither. -/
theorem batch_key (b : Bounds) (s : State) (env : Env) :
    (exec b s env (actOf .PreFix true .SlcApplyBatch).effect s .router 0 0 = s .router 0 0 ∧
     exec b s env (actOf .PreFix true .SlcApplyBatch).effect s .registry 0 0 = s .registry 0 0) ∨
    (exec b s env (actOf .PreFix true .SlcApplyBatch).effect s .router 0 0 = .b false ∧
     exec b s env (actOf .PreFix true .SlcApplyBatch).effect s .registry 0 0 = .i (-1)) := by
  rw [batch_effect, exec_seq, exec_frame b s env batchMbox _ .router (by decide) 0 0,
    exec_frame b s env batchMbox _ .registry (by decide) 0 0]
  by_cases hH : 0 < b.H
  · have e1 : exec b s env (.each .x .handle batchBody) s .router 0 0 =
        exec b s (env.upd .x 0) batchBody s .router 0 0 :=
      exec_each_at b s env .x .handle batchBody s .router (by decide) 0 hH 0
    have e2 : exec b s env (.each .x .handle batchBody) s .registry 0 0 =
        exec b s (env.upd .x 0) batchBody s .registry 0 0 :=
      exec_each_at b s env .x .handle batchBody s .registry (by decide) 0 hH 0
    rw [e1, e2]
    have hd : inDom b .handle 0 = true := by
      first
        | (simp only [inDom, Bounds.of, Bool.and_eq_true, decide_eq_true_eq]; omega)
        | simp [inDom, Bounds.of, hH]
        | (simp [inDom, Bounds.of]; omega)
    by_cases hc : (eval b s (env.upd .x 0) (batchRemove pX)).asBool = true
    · right
      have hB : exec b s (env.upd .x 0) batchBody s =
          exec b s (env.upd .x 0) (.seq (.set1 .router pX ff)
            (.seq (.set1 .registry pX none') (.seq .skip (.set1 .batchRemove pX ff)))) s := by
        unfold batchBody
        rw [exec_cond, if_pos hc]
      rw [hB]
      constructor <;>
        simp [exec_seq, exec_set1, exec_skip, State.set_apply, eval, pX, ff, none', lb, li,
          Env.upd_same, Val.asInt_i', Var.dim1, Var.dims, hd]
    · left
      have hB : exec b s (env.upd .x 0) batchBody s = s := by
        unfold batchBody
        rw [exec_cond, if_neg hc, exec_skip]
      rw [hB]
      exact ⟨rfl, rfl⟩
  · left
    have hi : ¬ (0 ≤ (0 : Int) ∧ (0 : Int) < (b.of .handle : Int)) := by
      simp only [Bounds.of]; omega
    rw [exec_each_outside b s env .x .handle batchBody s .router (by decide) 0 0 hi,
      exec_each_outside b s env .x .handle batchBody s .registry (by decide) 0 0 hi]
    exact ⟨rfl, rfl⟩

/-- PreFix's `SlcApplyBatch` is a stutter or the simple model's `removeRouter` (router and
registry entry removed together). -/
theorem sim_SlcApplyBatch (b : Bounds) (s : State) (env : Env) :
    SimStep (proj s) (proj (exec b s env (actOf .PreFix true .SlcApplyBatch).effect s)) := by
  have h0 := exec_frame b s env (actOf .PreFix true .SlcApplyBatch).effect s .status (by decide) 0 0
  have h3 := exec_frame b s env (actOf .PreFix true .SlcApplyBatch).effect s .storage (by decide) 0 0
  unfold proj
  rw [h0, h3]
  rcases batch_key b s env with ⟨h1, h2⟩ | ⟨h1, h2⟩
  · rw [h1, h2]; exact Or.inl rfl
  · rw [h1, h2, beq_b_false_true, bne_none_none]
    exact Or.inr ⟨.removeRouter, rfl⟩

/-! ## The simulation theorem -/

/-- PreFix's labels are unique, so every rule is `actOf .PreFix true` of its label. -/
theorem uniquePre : uniqueLabels (rules .PreFix) = true := by decide

/-- The per-label obligation: every PreFix rule outside the exceptions moves the projection by a
stutter or one simple-model step. -/
theorem sim_label (b : Bounds) (s : State) (env : Env) (l : Label) (hl : l ∉ simExceptions) :
    SimStep (proj s) (proj (exec b s env (actOf .PreFix true l).effect s)) := by
  cases l
  all_goals first
    | exact sim_frame b s env _ (by decide)
    | exact sim_status b s env _ (by decide) (by decide)
    | exact sim_registry b s env _ (by decide) (by decide)
    | exact sim_storage b s env _ (by decide) (by decide)
    | exact sim_SlcApplyBatch b s env
    | exact (hl (by decide)).elim

/-- **Every step of the full PreFix model is a step of the bug analysis's model, or changes
nothing it can see** — except the three steps that model does not have (`simExceptions`:
ShapeCache starting and registering a consumer, a consumer (re-)creating storage, the collector's
restart rebuilding its router).

In plain words: take any bounds (any number of shapes, consumers, cleaner chains, transactions),
any state of the full model whatsoever (reachable or not), any PreFix rule other than
`CacheStart`, `ConsumerInit` and `SlcRestart`, and any parameter values for which the rule is
enabled. Look at handle 0 through the four booleans of `ShapeRemovalRaceSimple` (ShapeStatus
has it, the router has it, the registry has an entry, storage exists). Then the step either
leaves all four unchanged, or changes them exactly as one of the simple model's steps does:
`removeStatus` (the cleaner's ShapeStatus step), `stopConsumer` (the registry entry disappears:
a collector crash, external or from `send(nil, …)` or from a raising consumer start, or a
consumer suspending), `cleanupStorage` (the cleaner's storage step), or `removeRouter` (the
collector's batched removal, which drops router entry and registry entry together). -/
public theorem projection_simulates_preFix (b : Bounds) (s s' : State) (act : Action) (env : Env)
    (ha : act ∈ rules .PreFix) (hl : act.label ∉ simExceptions)
    (hs : step b s act env = some s') : SimStep (proj s) (proj s') := by
  unfold step at hs
  split at hs
  · cases hs
    rw [eq_actOf .PreFix true uniquePre act ha]
    generalize act.label = l at hl ⊢
    exact sim_label b s env l hl
  · simp at hs

/-! ## The restart, under two conditions on the state -/

/-- The loop body of PreFix's `SlcRestart`, for the handle `x`: rebuild the router cell from
ShapeStatus. -/
def restartBody : Effect := .seq .skip (.set1 .router pX (isE (status pX) vPresent))

/-- The mailbox update of `SlcRestart`. -/
def restartMbox : Effect := .set0 .mbox (.ite (.ne unacked none') (L vE) (L vEmpty))

/-- PreFix's `SlcRestart`, written out: the collector is up again, every router cell is
rebuilt from ShapeStatus, the mailbox gets the un-acknowledged transaction back. -/
theorem restart_effect : (restartAction .PreFix).effect =
    .seq (.set0 .slc (L vSlcIdle)) (.seq (.each .x .handle restartBody) restartMbox) := by
  first
    | rfl
    | simp only [restartAction, restartBody, restartMbox, seqL, eachH, reduceCtorEq, ↓reduceIte]

/-- With at least one handle, the restart sets handle 0's router cell to "ShapeStatus has it". -/
theorem restart_router (b : Bounds) (s : State) (env : Env) (hH : 0 < b.H) :
    exec b s env (restartAction .PreFix).effect s .router 0 0 =
      .b (decide (s .status 0 0 = vPresent)) := by
  rw [restart_effect, exec_seq, exec_seq, exec_frame b s env restartMbox _ .router (by decide) 0 0]
  have e1 : exec b s env (.each .x .handle restartBody) (exec b s env (.set0 .slc (L vSlcIdle)) s)
        .router 0 0 =
      exec b s (env.upd .x 0) restartBody (exec b s env (.set0 .slc (L vSlcIdle)) s) .router 0 0 :=
    exec_each_at b s env .x .handle restartBody _ .router (by decide) 0 hH 0
  rw [e1]
  have hd : inDom b .handle 0 = true := by
    first
      | (simp only [inDom, Bounds.of, Bool.and_eq_true, decide_eq_true_eq]; omega)
      | simp [inDom, Bounds.of, hH]
      | (simp [inDom, Bounds.of]; omega)
  simp [restartBody, exec_seq, exec_skip, exec_set1, State.set_apply, eval, pX, isE, L, status,
    read1, Env.upd_same, Val.asInt_i', Var.dim1, Var.dims, hd]

/-- Without handles, the restart leaves cell `router[0]` alone. -/
theorem restart_router_none (b : Bounds) (s : State) (env : Env) (hH : ¬ 0 < b.H) :
    exec b s env (restartAction .PreFix).effect s .router 0 0 = s .router 0 0 := by
  have hi : ¬ (0 ≤ (0 : Int) ∧ (0 : Int) < (b.of .handle : Int)) := by
    simp only [Bounds.of]; omega
  rw [restart_effect, exec_seq, exec_seq, exec_frame b s env restartMbox _ .router (by decide) 0 0,
    exec_each_outside b s env .x .handle restartBody _ .router (by decide) 0 0 hi,
    exec_frame b s env (.set0 .slc (L vSlcIdle)) s .router (by decide) 0 0]

/-- The router cell rebuilt from "ShapeStatus is `present`" holds the shape exactly when
ShapeStatus is `present`. -/
theorem beq_b_decide (v w : Val) : (Val.b (decide (v = w)) == Val.b true) = (v == w) := by
  by_cases h : v = w
  · simp [h]
  · have hf : (v == w) = false := by
      cases hvw : (v == w)
      · rfl
      · exact absurd (beq_iff_eq.mp hvw) h
    rw [hf, decide_eq_false h, beq_b_false_true]

/-- The restart's change to the view (router := ShapeStatus), with no registry entry and no
shape waiting to be re-routed: a stutter or `removeRouter`. -/
theorem simMk_restart (x r c t : Bool) (hc : c = false) (hi : r = true ∨ x = false) :
    SimStep ⟨x, r, c, t⟩ ⟨x, x, c, t⟩ := by
  subst hc
  cases x
  · exact Or.inr ⟨.removeRouter, rfl⟩
  · rcases hi with rfl | h
    · exact Or.inl rfl
    · exact absurd h (by decide)

/-- **The collector's restart is a simple-model step too, in the states the bug analysis
considers.** PreFix's `SlcRestart` rebuilds the router from ShapeStatus. If, in the state it
starts from, (1) the registry has no entry for the shape, and (2) the router holds the shape or
ShapeStatus does not, then the restart changes the simple model's view by a stutter (the shape
stays routed, or stays unrouted) or by `removeRouter` (a shape ShapeStatus no longer has is
dropped from the router). Condition (1) holds right after every collector crash (the crash
clears the registry); condition (2) says no shape is waiting to be put back in the router. That
the two hold in every reachable PreFix state with the collector down is NOT proved here; without
them the restart can re-route a shape (`exceptions_are_real`, FixB after a fault), which is why
`SlcRestart` is in `simExceptions`. -/
public theorem projection_restart_simulates (b : Bounds) (s s' : State) (env : Env)
    (hs : step b s (restartAction .PreFix) env = some s')
    (hreg : (proj s).consumer = false) (hinv : (proj s).router = true ∨ (proj s).status = false) :
    SimStep (proj s) (proj s') := by
  unfold step at hs
  split at hs
  · cases hs
    have h0 := exec_frame b s env (restartAction .PreFix).effect s .status (by decide) 0 0
    have h2 := exec_frame b s env (restartAction .PreFix).effect s .registry (by decide) 0 0
    have h3 := exec_frame b s env (restartAction .PreFix).effect s .storage (by decide) 0 0
    by_cases hH : 0 < b.H
    · have h1 := restart_router b s env hH
      unfold proj
      rw [h0, h1, h2, h3, beq_b_decide]
      exact simMk_restart _ _ _ _ hreg hinv
    · have h1 := restart_router_none b s env hH
      unfold proj
      rw [h0, h1, h2, h3]
      exact Or.inl rfl
  · simp at hs

/-! ## A consumer's start while the storage still exists -/

/-- **`ConsumerInit` changes nothing the simple model sees while the shape's storage still
exists.** A starting consumer writes storage `present` for its shape. If handle 0's storage is
`present` already, the four booleans do not change. So `ConsumerInit` is outside the simple model
only when it re-creates storage that the cleaner has removed: the orphan interleaving
(`exceptions_are_real`, under FixA2). Whether PreFix ever reaches that (its consumer start
re-reads ShapeStatus) is not proved here; `ConsumerInit` stays in `simExceptions`. -/
public theorem projection_consumerInit_stutters (b : Bounds) (s s' : State) (act : Action)
    (env : Env) (ha : act ∈ rules .PreFix) (hl : act.label = .ConsumerInit)
    (hs : step b s act env = some s') (hst : (proj s).storage = true) : proj s' = proj s := by
  unfold step at hs
  split at hs
  · cases hs
    rw [eq_actOf .PreFix true uniquePre act ha, hl]
    have hf : writesNone [.status, .router, .registry] (actOf .PreFix true .ConsumerInit).effect =
        true := by decide
    have hw : writesLit .storage (fun v => decide (v = vSPresent))
        (actOf .PreFix true .ConsumerInit).effect = true := by decide
    have h0 := exec_frame_all b s env _ s _ hf .status (by decide) 0 0
    have h1 := exec_frame_all b s env _ s _ hf .router (by decide) 0 0
    have h2 := exec_frame_all b s env _ s _ hf .registry (by decide) 0 0
    have hst' : (s .storage 0 0 == vSPresent) = true := hst
    unfold proj
    rw [h0, h1, h2]
    rcases exec_lit b s .storage _ 0 0 _ env s hw with h | h
    · rw [h]
    · simp only [decide_eq_true_eq] at h
      rw [h, hst', beq_self_eq_true]
  · simp at hs

/-! ## The exceptions are real -/

@[expose] public section

/-- Replay `pre` from the restored shape under variant `v`, then one more step `last`; `true`
when both replay and the last step changes the projection in a way that is not a `SimStep`. -/
noncomputable def breaksSim (v : Variant) (b : Bounds) (pre : List (Label × List Int))
    (last : Label × List Int) : Bool :=
  match runSched b (rules v) restored pre with
  | some s =>
    match runSched b (rules v) s [last] with
    | some s' => !simStepB (proj s) (proj s')
    | none => false
  | none => false

/-- Up to ShapeCache's check: a transaction for the restored shape is routed, the collector asks
ShapeCache, ShapeCache finds the shape. -/
def askSched : List (Label × List Int) :=
  [(.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, [])]

/-- The orphan interleaving up to the consumer's start (HEAD's start, no re-read): ShapeCache
checked the shape, then the cleaner removed it (ShapeStatus, stop, storage), then ShapeCache
starts the consumer. -/
def orphanStartSched : List (Label × List Int) :=
  [(.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, []),
   (.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0]),
   (.CacheStart, [])]

/-- FixB's router-first removal, then an external collector crash: the router no longer has the
shape, ShapeStatus still does. -/
def faultSched : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerRouterRemove, [0]), (.SlcRemoveNow, [0]),
   (.CleanerRouterAck, [0]), (.SlcFail, [])]

end

/-- What `breaksSim` checks, as a proposition. -/
theorem breaksSim_sound {v : Variant} {b : Bounds} {pre : List (Label × List Int)}
    {last : Label × List Int} (h : breaksSim v b pre last = true) :
    ∃ s s', runSched b (rules v) restored pre = some s ∧ runSched b (rules v) s [last] = some s' ∧
      ¬ SimStep (proj s) (proj s') := by
  unfold breaksSim at h
  split at h
  · rename_i s hs
    split at h
    · rename_i s' hs'
      refine ⟨s, s', hs, hs', ?_⟩
      rw [simStep_iff]
      simpa using h
    · simp at h
  · simp at h

/-- **Each left-out step really is outside the simple model** (kernel-checked replays from the
restored shape, one shape, one consumer, one chain, one transaction):

1. `CacheStart`, PreFix: a transaction for the restored shape is routed, the collector asks
   ShapeCache, ShapeCache finds the shape and starts a consumer. The shape had no registry entry
   and now has one; the simple model has no step that registers a consumer.
2. `ConsumerInit`, FixA2 (HEAD): in the orphan interleaving (ShapeCache checked the shape, then
   the cleaner removed it from ShapeStatus, stopped nothing and cleaned storage, then ShapeCache
   started the consumer) the new consumer re-creates the shape's storage; the simple model has no
   step that re-creates storage. (Under PreFix the consumer's start re-reads ShapeStatus, so this
   interleaving raises instead; the theorem above still leaves `ConsumerInit` out because it is
   stated for every state, not only reachable ones.)
3. `SlcRestart`, FixB: the cleaner had the collector drop the shape from its router, then the
   collector crashed (external fault) and restarted; the restart rebuilds the router from
   ShapeStatus, which still has the shape, so the shape is routed again; the simple model has no
   step that puts a shape back in the router. No PreFix schedule is given for this one: in
   PreFix the router loses a shape only after ShapeStatus has lost it, so a PreFix restart is
   expected never to re-route a shape (`projection_restart_simulates` states the conditions; that
   every reachable PreFix state meets them is not proved). -/
public theorem exceptions_are_real :
    (∃ s s', runSched b1 (rules .PreFix) restored askSched = some s ∧
      runSched b1 (rules .PreFix) s [(.CacheStart, [])] = some s' ∧ ¬ SimStep (proj s) (proj s')) ∧
    (∃ s s', runSched b1 (rules .FixA2) restored orphanStartSched = some s ∧
      runSched b1 (rules .FixA2) s [(.ConsumerInit, [0])] = some s' ∧
      ¬ SimStep (proj s) (proj s')) ∧
    (∃ s s', runSched b1 (rules .FixB) restored faultSched = some s ∧
      runSched b1 (rules .FixB) s [(.SlcRestart, [])] = some s' ∧ ¬ SimStep (proj s) (proj s')) :=
  ⟨breaksSim_sound (by decide +kernel), breaksSim_sound (by decide +kernel),
   breaksSim_sound (by decide +kernel)⟩

end ElectricRace
