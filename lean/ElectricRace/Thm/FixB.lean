module

public import ElectricRace.Thm.Model

/-!
# FixB without external collector crashes: an inductive invariant

For the smallest bounds `b1` and the FixB rules without `SlcFail` (`rules .FixB false`), the
conjunction `InvB` holds in every reachable state, over all interleavings. It says: the
collector never goes down; a routed shape is in ShapeStatus; a chain about to remove ShapeStatus
has seen its router entry removed; a ShapeCache request, a pending routing and a resolved
consumer all belong to a routed shape while the collector is publishing; no `nil` resolution;
no orphan delivery.
-/

namespace ElectricRace

@[expose] public section

/-- The FixB invariant (bounds `b1`, handle 0, chain 0, consumer 0). -/
def InvB (s : State) : Prop :=
  s .slc 0 0 ≠ vDown ∧
  s .crashCause 0 0 = vNoCause ∧
  (s .router 0 0 = .b true → s .status 0 0 = vPresent) ∧
  (s .chainPc 0 0 = vStatus → (s .chainHandle 0 0).asInt = 0 → s .router 0 0 ≠ .b true) ∧
  (s .sc 0 0 ≠ vScIdle →
    s .scHandle 0 0 = .i 0 ∧ s .slc 0 0 = vPublishing ∧ s .router 0 0 = .b true) ∧
  (s .pubState 0 0 = vPending → s .slc 0 0 = vPublishing ∧ s .router 0 0 = .b true) ∧
  (s .pubState 0 0 = vConsumer → s .slc 0 0 = vPublishing ∧ s .router 0 0 = .b true) ∧
  s .pubState 0 0 ≠ vNil ∧
  s .orphanDelivery 0 0 ≠ .b true

end

theorem Val.asBool_eq_true (v : Val) : v.asBool = true ↔ v = .b true := by
  cases v <;> simp [Val.asBool]

theorem state_ite_read (c : Prop) [Decidable c] (s1 s2 : State) (v : Var) (i j : Int) :
    (if c then s1 else s2) v i j = if c then s1 v i j else s2 v i j := by
  split <;> rfl

theorem Val.asBool_eq_false (v : Val) : v.asBool = false ↔ v ≠ .b true := by
  cases v <;> simp [Val.asBool]

theorem int_zero_eq (x : Int) : (0 = x) ↔ (x = 0) := eq_comm

theorem int_range_one (x : Int) : (0 ≤ x ∧ x < 1) ↔ x = 0 := by omega

theorem asInt_i (n : Int) : (Val.i n).asInt = n := rfl

theorem asBool_b (x : Bool) : (Val.b x).asBool = x := rfl

theorem val_i0_eq (x : Val) : (Val.i 0 = x) ↔ (x = Val.i 0) := eq_comm

attribute [local simp] Val.asBool_eq_true Val.asBool_eq_false state_ite_read int_zero_eq
  int_range_one asInt_i asBool_b val_i0_eq vAbsent vPresent
  vTombstoned vSAbsent vSPresent vSCleaned vPubNone vPending vNil vConsumer vSkipped vUnused
  vStarting vRunning vDeadCleanup vDeadSuspend vDeadCrash vDeadKilled vDeadShutdown vIdle
  vRouterRemove vRouterWait vStatus vStop vStorage vSlcRemove vDone vAborted vEmpty vE vB vEB
  vBE vSlcIdle vPublishing vDown vScIdle vRequested vChecked vNoCause vSendNil vExternal

theorem initOk_invB (s : State) (h : initOk b1 s = true) : InvB s := by
  simp [initOk, initConds, guardsOk, g, eval, isE, notE, L, li, none', forallH, forallC,
    forallK, pX, status, router, registry, storage, pendingRemove, batchRemove, removeNow,
    pubState, pubConsumer, cons, owner, applied, chainHandle, chainPc, nextConsumer, mbox, slc,
    pubTxn, sc, scHandle, nextTxn, unacked, crashes, orphanDelivery, allN, b1, Bounds.of,
    Env.upd, read1, inDom, Var.dim1, Var.dims, Var.default] at h
  simp [InvB, read1, inDom, Var.dim1, Var.dims, Var.default, b1, Bounds.of]
  simp_all

set_option maxRecDepth 4000 in
set_option maxHeartbeats 4000000 in
theorem fixB_step (s : State) (a : Action) (env : Env) (ha : a ∈ rules .FixB false)
    (hb : bindingOk b1 env a.params = true) (hg : guardsOk b1 s env a.guards = true)
    (hi : InvB s) : InvB (exec b1 s env a.effect s) := by
  simp [rules, cleanerActions, batchActions, publishActions, consActions, restartAction,
    app, startPc] at ha
  unfold InvB at hi
  obtain ⟨J1, J2, J3, J4, J5, J6, J7, J8, J9⟩ := hi
  repeat' (obtain rfl | ha := ha)
  all_goals (try simp [bindingOk, inDom, b1, Bounds.of] at hb)
  all_goals (first
    | simp [guardsOk, g, publishDoneGuards, app, eval, isE, notE, L, li, lb, tt, ff, none', forallH,
      existsH, forallC, forallK, pX, pH, pC, pK, pT, hk, live, status, router, registry, storage,
      pendingRemove, batchRemove, removeNow, pubState, pubConsumer, touches, cons, owner, applied,
      chainHandle, chainPc, nextConsumer, mbox, slc, pubTxn, sc, scHandle, nextTxn, unacked,
      crashes, orphanDelivery, allN, anyN, b1, Bounds.of, Env.upd, read1, read2, inDom, Var.dim1,
      Var.dim2, Var.dims, Var.default, hb] at hg
    | simp [guardsOk, g, publishDoneGuards, app, eval, isE, notE, L, li, lb, tt, ff, none', forallH,
      existsH, forallC, forallK, pX, pH, pC, pK, pT, hk, live, status, router, registry, storage,
      pendingRemove, batchRemove, removeNow, pubState, pubConsumer, touches, cons, owner, applied,
      chainHandle, chainPc, nextConsumer, mbox, slc, pubTxn, sc, scHandle, nextTxn, unacked,
      crashes, orphanDelivery, allN, anyN, b1, Bounds.of, Env.upd, read1, read2, inDom, Var.dim1,
      Var.dim2, Var.dims, Var.default] at hg
    | skip)
  all_goals (first
    | simp [InvB, exec, seqL, when, eachH, eachC, forN, State.set, crashEff, guardsOk, g, publishDoneGuards, app, eval, isE, notE, L, li, lb, tt, ff, none', forallH,
      existsH, forallC, forallK, pX, pH, pC, pK, pT, hk, live, status, router, registry, storage,
      pendingRemove, batchRemove, removeNow, pubState, pubConsumer, touches, cons, owner, applied,
      chainHandle, chainPc, nextConsumer, mbox, slc, pubTxn, sc, scHandle, nextTxn, unacked,
      crashes, orphanDelivery, allN, anyN, b1, Bounds.of, Env.upd, read1, read2, inDom, Var.dim1,
      Var.dim2, Var.dims, Var.default, hb]
    | simp [InvB, exec, seqL, when, eachH, eachC, forN, State.set, crashEff, guardsOk, g, publishDoneGuards, app, eval, isE, notE, L, li, lb, tt, ff, none', forallH,
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

/-- **FixB closes the window when the collector never crashes for another reason.** With the
smallest bounds and without external collector crashes, every reachable state satisfies `InvB`
(an inductive invariant over all interleavings). -/
public theorem fixB_noFault_invariant :
    ∀ s, Reachable b1 (rules .FixB false) s → InvB s := by
  intro s hs
  induction hs with
  | init s hi => exact initOk_invB s hi
  | step s s' a env _ ha hb hst ih =>
    rw [step_some hst]
    unfold step at hst
    split at hst
    · rename_i hg
      exact fixB_step s a env ha hb hg ih
    · simp at hst

/-- **Under FixB (no external crash) the race window is unreachable and the collector never
crashes by `nil`**, and no live consumer receives an event for a shape without ShapeStatus.
The precise assumption: no collector crash other than `send(nil, …)` (`SlcFail` left out); with
such a crash the window reopens (`fixB_window_after_fault`). -/
public theorem fixB_noFault_safe :
    ∀ s, Reachable b1 (rules .FixB false) s →
      ¬ (s .router 0 0 = .b true ∧ s .status 0 0 = vAbsent) ∧
      s .crashCause 0 0 ≠ vSendNil ∧ s .orphanDelivery 0 0 ≠ .b true := by
  intro s hs
  obtain ⟨_, J2, J3, -, -, -, -, -, J9⟩ := fixB_noFault_invariant s hs
  refine ⟨?_, ?_, J9⟩
  · rintro ⟨hr, ha⟩
    have := J3 hr
    rw [ha] at this
    simp [vAbsent, vPresent] at this
  · rw [J2]; simp [vNoCause, vSendNil]

end ElectricRace
