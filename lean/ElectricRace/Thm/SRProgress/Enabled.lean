module

public import ElectricRace.Thm.SRProgress.Queue
public import ElectricRace.Thm.SRProgress.Wait
public import ElectricRace.Thm.SRQuiet
public import ElectricRace.Spec.Deadlock
public import ElectricRace.Lemmas.Forced
public import ElectricRace.Lemmas.Enabled

/-!
# SerializedRemoval progress: from the invariants to "some step is enabled"

In a state satisfying `InvSR`, `InvSRQ`, the typing facts, `InvSRP`, `InvWait` and `NextNat`,
if no forced step of the system (a rule weak fairness forces, `forcedSteps`) is enabled and the
state is not bound-limited, it is quiescent: every step the case analysis finds is a forced one. The case analysis: a down collector restarts; a publishing one
resolves a pending handle, has ShapeCache check or start, or broadcasts; an idle one routes,
applies a batch or handles a removal request; then the batcher flushes a queued removal, and
every chain not idle, done or aborted takes its own step (a waiting chain's request is
handled, so its acknowledgement is enabled).
-/

namespace ElectricRace

set_option linter.unusedSimpArgs false

attribute [local simp] exec_seq exec_set0 exec_set1 exec_cond exec_skip State.set_apply
  exec_frame exec_each_at writesNot writesLit isLitOk writesAt isParam seqL eachH eachC when
  state_ite_apply inDom_natCast inDom_neg_one Val.asBool_b' Val.asInt_i' Val.asBool_true_iff
  Env.upd_same Bounds.of Var.dim1 Var.dims Var.default allN_eq_true anyN_eq_true app
  guardsOk g eval isE notE L li lb tt ff none' pX pH pC pK pT hk live read1 read2
  status router registry storage pendingRemove batchRemove removeNow pubState pubConsumer
  touches cons owner applied chainHandle chainPc nextConsumer mbox slc pubTxn sc scHandle
  nextTxn unacked crashes orphanDelivery crashEff publishDoneGuards bindingOk inDom
  forallH existsH forallC forallK Env.upd
  vAbsent vPresent vTombstoned vSAbsent vSPresent vSCleaned vPubNone vPending vNil vConsumer
  vSkipped vUnused vStarting vRunning vDeadCleanup vDeadSuspend vDeadCrash vDeadKilled
  vDeadShutdown vIdle vRouterRemove vRouterWait vStatus vStop vStorage vSlcRemove vDone
  vAborted vEmpty vE vB vEB vBE vSlcIdle vPublishing vDown vScIdle vRequested vChecked
  vNoCause vSendNil vExternal

/-- **No deadlock, given the invariants.** In a state satisfying the invariants that is not
bound-limited and in which no rule of the system is enabled, nothing is in progress. -/
public theorem quiescent_of_inv (b : Bounds) (s : State)
    (hI : InvSR b s) (hQ : InvSRQ b s) (hT : TypesOk b s) (hP : InvSRP b s) (hW : InvWait b s)
    (hN : NextNat s) (hBL : ¬ BoundLimited b s)
    (hE : ¬ Enabled b (forcedSteps (rules .SerializedRemoval)) s) : Quiescent b s := by
  obtain ⟨C1, C2, C3, C4, C5, C6, C7⟩ := hI
  obtain ⟨Q1, Q2, -, -, -, -, -, -⟩ := hQ
  obtain ⟨T1, T2, T3, T4⟩ := hT
  obtain ⟨P1, P2⟩ := hP
  obtain ⟨nc, hnc⟩ := hN
  have hslc := T3 0 0 ⟨rfl, rfl⟩
  have hsc := T4 0 0 ⟨rfl, rfl⟩
  have hmb := T2 0 0 ⟨rfl, rfl⟩
  simp only [slcOkB, scOkB, mboxOkB, Bool.or_eq_true, decide_eq_true_eq, or_assoc] at hslc hsc hmb
  -- a down collector restarts
  have nDown : s .slc 0 0 ≠ vDown := by
    intro hd
    exact hE (enabled_of b s .SlcRestart (by decide) (fun _ => 0)
      (by
        simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
          consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
          ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
          Bool.or_true, Bool.or_self, Bool.false_eq_true]
        simp)
      (by
        simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
          consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
          ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
          Bool.or_true, Bool.or_self, Bool.false_eq_true]
        simp [hd]))
  -- a publishing collector resolves, has ShapeCache check or start, or broadcasts
  have nPub : s .slc 0 0 ≠ vPublishing := by
    intro hp
    rcases hsc with hs | hs | hs
    · by_cases hany : anyN b.H (fun n => decide (s .pubState (n : Int) 0 = vPending)) = true
      · obtain ⟨h, hh, hpe'⟩ := (anyN_eq_true _ _).1 hany
        have hpe : s .pubState h 0 = vPending := of_decide_eq_true hpe'
        by_cases hr : s .registry h 0 = .i (-1)
        · exact hE (enabled_of b s .SlcResolveAsk (by decide) (fun _ => (h : Int))
            (by
              simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
                consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
                ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
                Bool.or_true, Bool.or_self, Bool.false_eq_true]
              simp [hh])
            (by
              simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
                consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
                ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
                Bool.or_true, Bool.or_self, Bool.false_eq_true]
              simp [hh, hpe, hs, hr]))
        · exact hE (enabled_of b s .SlcResolveRegistered (by decide) (fun _ => (h : Int))
            (by
              simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
                consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
                ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
                Bool.or_true, Bool.or_self, Bool.false_eq_true]
              simp [hh])
            (by
              simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
                consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
                ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
                Bool.or_true, Bool.or_self, Bool.false_eq_true]
              simp [hh, hpe, hs, hr]))
      · have hnp : ∀ h : Nat, h < b.H → s .pubState h 0 ≠ vPending :=
          fun h hh he => hany ((anyN_eq_true _ _).2 ⟨h, hh, decide_eq_true he⟩)
        exact hE (enabled_of b s .SlcBroadcast (by decide) (fun _ => 0)
          (by
            simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
              consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
              ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
              Bool.or_true, Bool.or_self, Bool.false_eq_true]
            simp)
          (by
            simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
              consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
              ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
              Bool.or_true, Bool.or_self, Bool.false_eq_true]
            simp only [vPending, vNil] at hnp C6
            simp [hp, hs]
            exact ⟨fun x hx => by simp [hx, hnp x hx], fun x hx => by simp [hx, C6 x hx]⟩))
    · obtain ⟨-, h, hh, hsh, hrt⟩ := C3 (by rw [hs]; decide)
      have hpr := C2 h hh hrt
      exact hE (enabled_of b s .CacheCheckOk (by decide) (fun _ => 0)
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp)
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp [hs, hsh, hh, hpr]))
    · by_cases hc : (nc : Int) < b.C
      · exact hE (enabled_of b s .CacheStart (by decide) (fun _ => 0)
          (by
            simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
              consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
              ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
              Bool.or_true, Bool.or_self, Bool.false_eq_true]
            simp)
          (by
            simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
              consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
              ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
              Bool.or_true, Bool.or_self, Bool.false_eq_true]
            simp [hs, hnc]
            first | omega | exact ⟨nc, by omega, rfl⟩))
      · apply hBL
        obtain ⟨-, h', hh', hsh, -⟩ := C3 (by rw [hs]; decide)
        refine ⟨hs, by rw [hnc]; simpa using hc, ?_⟩
        rw [hsh]
        exact Q2 (by rw [hs]; decide) h' hsh
  have hIdle : s .slc 0 0 = vSlcIdle := by
    rcases hslc with h | h | h
    · exact h
    · exact absurd h nPub
    · exact absurd h nDown
  -- an idle collector takes the message at the head of its mailbox
  have hMb : s .mbox 0 0 = vEmpty := by
    rcases hmb with h | h | h | h | h
    · exact h
    · exact (hE (enabled_of b s .SlcRoute (by decide) (fun _ => 0)
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp)
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp [hIdle, h]))).elim
    · exact (hE (enabled_of b s .SlcApplyBatch (by decide) (fun _ => 0)
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp)
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp [hIdle, h]))).elim
    · exact (hE (enabled_of b s .SlcRoute (by decide) (fun _ => 0)
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp)
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp [hIdle, h]))).elim
    · exact (hE (enabled_of b s .SlcApplyBatch (by decide) (fun _ => 0)
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp)
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp [hIdle, h]))).elim
  -- and handles a removal request
  have hRN : ∀ h : Nat, h < b.H → s .removeNow h 0 ≠ .b true := by
    intro h hh hr
    exact hE (enabled_of b s .SlcRemoveNow (by decide) (fun _ => (h : Int))
      (by
        simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
          consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
          ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
          Bool.or_true, Bool.or_self, Bool.false_eq_true]
        simp [hh])
      (by
        simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
          consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
          ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
          Bool.or_true, Bool.or_self, Bool.false_eq_true]
        simp [hIdle, hh, hr]))
  -- no batch is in flight with an empty mailbox
  have hBR : ∀ h : Nat, h < b.H → s .batchRemove h 0 ≠ .b true := by
    intro h hh hbr
    have := (P1 h hh hbr).2
    rw [hMb] at this
    simp at this
  -- the batcher flushes a queued removal
  have hPR : ∀ h : Nat, h < b.H → s .pendingRemove h 0 ≠ .b true := by
    intro h hh hpr
    exact hE (enabled_of b s .BatcherFlush (by decide) (fun _ => 0)
      (by
        simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
          consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
          ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
          Bool.or_true, Bool.or_self, Bool.false_eq_true]
        simp)
      (by
        simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
          consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
          ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
          Bool.or_true, Bool.or_self, Bool.false_eq_true]
        simp only [vSlcIdle] at hIdle
        simp [hIdle]
        refine ⟨fun x hx => ?_, ⟨h, hh, by simp [hh, hpr]⟩⟩
        first
          | exact (Val.asBool_false_iff _).2 (hBR x hx)
          | (simp [hx]; exact (Val.asBool_false_iff _).2 (hBR x hx))))
  have hSC : s .sc 0 0 = vScIdle := by
    by_cases hne : s .sc 0 0 = vScIdle
    · exact hne
    · exact absurd (C3 hne).1 nPub
  have hUN : s .unacked 0 0 = .i (-1) := by
    by_cases hne : s .unacked 0 0 = .i (-1)
    · exact hne
    · exfalso
      rcases P2 hne with h | h | h | h | h
      · exact nPub h
      · exact nDown h
      all_goals (rw [hMb] at h; simp at h)
  -- every chain not idle, done or aborted takes its own step
  have hPC : ∀ k : Nat, k < b.K →
      (s .chainPc k 0 = vIdle ∨ s .chainPc k 0 = vDone ∨ s .chainPc k 0 = vAborted) := by
    intro k hk
    have hpc := T1 k 0 ⟨by omega, by omega, rfl⟩
    simp only [pcOkB, Bool.or_eq_true, decide_eq_true_eq, or_assoc] at hpc
    rcases hpc with h | h | h | h | h | h | h | h
    · exact Or.inl h
    · exact (hE (enabled_of b s .CleanerRouterRemove (by decide) (fun _ => (k : Int))
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp [hk])
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp [hk, h]))).elim
    · exact (hE (enabled_of b s .CleanerRouterAck (by decide) (fun _ => (k : Int))
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp [hk])
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          have hrn : read1 b s .removeNow (s .chainHandle (k : Int) 0).asInt = .b false := by
            unfold read1
            split
            · rename_i hin
              simp only [inDom, Var.dim1, Var.dims, Bounds.of, Bool.and_eq_true,
                decide_eq_true_eq] at hin
              obtain ⟨m, hm⟩ := Int.eq_ofNat_of_zero_le hin.1
              have hmH : m < b.H := by omega
              rw [hm]
              rcases hW k hk h m hmH hm with hw | hw
              · exact absurd hw (hRN m hmH)
              · exact hw
            · rfl
          simp only [vRouterWait] at h
          simp [-read1, read1_natCast, hk, h, hrn]))).elim
    · exact (hE (enabled_of b s .CleanerStop (by decide) (fun _ => (k : Int))
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp [hk])
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp [hk, h]))).elim
    · exact (hE (enabled_of b s .CleanerStorage (by decide) (fun _ => (k : Int))
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp [hk])
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp [hk, h]))).elim
    · exact (hE (enabled_of b s .CleanerSlcRemove (by decide) (fun _ => (k : Int))
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp [hk])
        (by
          simp only [actOf, findAct, rules, cleanerActions, batchActions, publishActions,
            consActions, restartAction, failAction, app, startPc, publishDoneGuards, reduceCtorEq,
            ↓reduceIte, decide_false, decide_true, Bool.false_or, Bool.or_false, Bool.true_or,
            Bool.or_true, Bool.or_self, Bool.false_eq_true]
          simp [hk, h]))).elim
    · exact Or.inr (Or.inl h)
    · exact Or.inr (Or.inr h)
  -- so nothing is in progress
  simp only [Quiescent, quiescentE, forallK, forallH, eval, Val.asBool_b', Bool.and_eq_true,
    allN_eq_true, Bounds.of]
  refine ⟨fun k hk => ?_, fun h hh => ?_, ?_, ?_, ?_, ?_⟩
  · rcases hPC k hk with e | e | e <;> simp [hk, e]
  · simp [hh, Val.asBool_false_iff, hPR h hh, hBR h hh, hRN h hh]
  · simp [hMb]
  · simp [hIdle]
  · simp [hSC]
  · simp [hUN]

end ElectricRace
