module

public import ElectricRace.Thm.Model

/-!
# FixC: an inductive invariant, external collector crashes included

For the smallest bounds `b1` and the full FixC rules (external crash `SlcFail` and restart
included), `InvC` holds in every reachable state: a routed shape is in ShapeStatus (present or
tombstoned, never absent), a ShapeCache request and a pending routing belong to a routed shape
while the collector publishes, no `nil` resolution, and the collector never crashed by `nil`.
-/

namespace ElectricRace

@[expose] public section

/-- The FixC invariant (bounds `b1`, handle 0). -/
def InvC (s : State) : Prop :=
  s .crashCause 0 0 ≠ vSendNil ∧
  (s .router 0 0 = .b true → s .status 0 0 ≠ vAbsent) ∧
  (s .sc 0 0 ≠ vScIdle →
    s .scHandle 0 0 = .i 0 ∧ s .slc 0 0 = vPublishing ∧ s .router 0 0 = .b true) ∧
  (s .pubState 0 0 = vPending → s .slc 0 0 = vPublishing ∧ s .router 0 0 = .b true) ∧
  s .pubState 0 0 ≠ vNil

end

theorem Val.asBool_eq_trueC (v : Val) : v.asBool = true ↔ v = .b true := by
  cases v <;> simp [Val.asBool]

theorem state_ite_readC (c : Prop) [Decidable c] (s1 s2 : State) (v : Var) (i j : Int) :
    (if c then s1 else s2) v i j = if c then s1 v i j else s2 v i j := by
  split <;> rfl

theorem Val.asBool_eq_falseC (v : Val) : v.asBool = false ↔ v ≠ .b true := by
  cases v <;> simp [Val.asBool]

theorem int_zero_eqC (x : Int) : (0 = x) ↔ (x = 0) := eq_comm

theorem int_range_oneC (x : Int) : (0 ≤ x ∧ x < 1) ↔ x = 0 := by omega

theorem asInt_iC (n : Int) : (Val.i n).asInt = n := rfl

theorem asBool_bC (x : Bool) : (Val.b x).asBool = x := rfl

theorem val_i0_eqC (x : Val) : (Val.i 0 = x) ↔ (x = Val.i 0) := eq_comm

attribute [local simp] Val.asBool_eq_trueC Val.asBool_eq_falseC state_ite_readC int_zero_eqC
  int_range_oneC asInt_iC asBool_bC val_i0_eqC vAbsent vPresent
  vTombstoned vSAbsent vSPresent vSCleaned vPubNone vPending vNil vConsumer vSkipped vUnused
  vStarting vRunning vDeadCleanup vDeadSuspend vDeadCrash vDeadKilled vDeadShutdown vIdle
  vRouterRemove vRouterWait vStatus vStop vStorage vSlcRemove vDone vAborted vEmpty vE vB vEB
  vBE vSlcIdle vPublishing vDown vScIdle vRequested vChecked vNoCause vSendNil vExternal

theorem initOk_invC (s : State) (h : initOk b1 s = true) : InvC s := by
  simp [initOk, initConds, guardsOk, g, eval, isE, notE, L, li, none', forallH, forallC,
    forallK, pX, status, router, registry, storage, pendingRemove, batchRemove, removeNow,
    pubState, pubConsumer, cons, owner, applied, chainHandle, chainPc, nextConsumer, mbox, slc,
    pubTxn, sc, scHandle, nextTxn, unacked, crashes, orphanDelivery, allN, b1, Bounds.of,
    Env.upd, read1, inDom, Var.dim1, Var.dims, Var.default] at h
  simp [InvC, read1, inDom, Var.dim1, Var.dims, Var.default, b1, Bounds.of]
  simp_all

set_option maxRecDepth 4000 in
set_option maxHeartbeats 4000000 in
theorem fixC_step (s : State) (a : Action) (env : Env) (ha : a ∈ rules .FixC)
    (hb : bindingOk b1 env a.params = true) (hg : guardsOk b1 s env a.guards = true)
    (hi : InvC s) : InvC (exec b1 s env a.effect s) := by
  simp [rules, cleanerActions, batchActions, publishActions, consActions, restartAction,
    app, startPc, failAction] at ha
  unfold InvC at hi
  obtain ⟨J1, J2, J3, J4, J5⟩ := hi
  repeat' (obtain rfl | ha := ha)
  all_goals (try simp [bindingOk, inDom, b1, Bounds.of] at hb)
  all_goals (first
    | simp [guardsOk, g, publishDoneGuards, app, failAction, eval, isE, notE, L, li, lb, tt, ff, none', forallH,
      existsH, forallC, forallK, pX, pH, pC, pK, pT, hk, live, status, router, registry, storage,
      pendingRemove, batchRemove, removeNow, pubState, pubConsumer, touches, cons, owner, applied,
      chainHandle, chainPc, nextConsumer, mbox, slc, pubTxn, sc, scHandle, nextTxn, unacked,
      crashes, orphanDelivery, allN, anyN, b1, Bounds.of, Env.upd, read1, read2, inDom, Var.dim1,
      Var.dim2, Var.dims, Var.default, hb] at hg
    | simp [guardsOk, g, publishDoneGuards, app, failAction, eval, isE, notE, L, li, lb, tt, ff, none', forallH,
      existsH, forallC, forallK, pX, pH, pC, pK, pT, hk, live, status, router, registry, storage,
      pendingRemove, batchRemove, removeNow, pubState, pubConsumer, touches, cons, owner, applied,
      chainHandle, chainPc, nextConsumer, mbox, slc, pubTxn, sc, scHandle, nextTxn, unacked,
      crashes, orphanDelivery, allN, anyN, b1, Bounds.of, Env.upd, read1, read2, inDom, Var.dim1,
      Var.dim2, Var.dims, Var.default] at hg
    | skip)
  all_goals (first
    | simp [InvC, exec, seqL, when, eachH, eachC, forN, State.set, crashEff, failAction, guardsOk, g, publishDoneGuards, app, failAction, eval, isE, notE, L, li, lb, tt, ff, none', forallH,
      existsH, forallC, forallK, pX, pH, pC, pK, pT, hk, live, status, router, registry, storage,
      pendingRemove, batchRemove, removeNow, pubState, pubConsumer, touches, cons, owner, applied,
      chainHandle, chainPc, nextConsumer, mbox, slc, pubTxn, sc, scHandle, nextTxn, unacked,
      crashes, orphanDelivery, allN, anyN, b1, Bounds.of, Env.upd, read1, read2, inDom, Var.dim1,
      Var.dim2, Var.dims, Var.default, hb]
    | simp [InvC, exec, seqL, when, eachH, eachC, forN, State.set, crashEff, failAction, guardsOk, g, publishDoneGuards, app, failAction, eval, isE, notE, L, li, lb, tt, ff, none', forallH,
      existsH, forallC, forallK, pX, pH, pC, pK, pT, hk, live, status, router, registry, storage,
      pendingRemove, batchRemove, removeNow, pubState, pubConsumer, touches, cons, owner, applied,
      chainHandle, chainPc, nextConsumer, mbox, slc, pubTxn, sc, scHandle, nextTxn, unacked,
      crashes, orphanDelivery, allN, anyN, b1, Bounds.of, Env.upd, read1, read2, inDom, Var.dim1,
      Var.dim2, Var.dims, Var.default]
    | skip)
  all_goals (repeat' constructor)
  all_goals intros
  all_goals (try simp_all)
  all_goals (try (split <;> try simp_all))
  all_goals (try (split <;> try simp_all))
  all_goals (try (rename_i h; split at h <;> simp_all))
  all_goals (try (by_cases hr : s .router 0 0 = .b true <;> simp_all))

/-- **FixC never crashes by `nil`, external crashes included (bounds `b1`, all
interleavings).** The tombstone keeps a removed shape in ShapeStatus until the collector has
dropped it from the router (batch applied, or restart), so ShapeCache never answers `:no_shape`
for a routed shape. -/
public theorem fixC_noNilCrash :
    ∀ s, Reachable b1 (rules .FixC) s → InvC s := by
  intro s hs
  induction hs with
  | init s hi => exact initOk_invC s hi
  | step s s' a env _ ha hb hst ih =>
    rw [step_some hst]
    unfold step at hst
    split at hst
    · rename_i hg
      exact fixC_step s a env ha hb hg ih
    · simp at hst

/-- **FixC: the window as the issue defines it is unreachable**: no reachable state has the
router holding a shape whose ShapeStatus entry is absent (a tombstone is kept until the router
entry is gone). -/
public theorem fixC_noWindow :
    ∀ s, Reachable b1 (rules .FixC) s →
      ¬ (s .router 0 0 = .b true ∧ s .status 0 0 = vAbsent) ∧ s .crashCause 0 0 ≠ vSendNil := by
  intro s hs
  obtain ⟨J1, J2, -, -, -⟩ := fixC_noNilCrash s hs
  exact ⟨fun ⟨hr, ha⟩ => J2 hr ha, J1⟩

end ElectricRace
