module

public import ElectricRace.Spec.TxnFlow
public import ElectricRace.Lemmas.Given
public import ElectricRace.Lemmas.Labels

/-!
# The held transaction: what it reads, the initial states, the rules that leave it alone

`TxnHeld` (`Spec/TxnFlow.lean`) reads four scalars: the collector mode, its mailbox, the
transaction it publishes and the un-acknowledged one. A rule that writes none of them keeps it
(frame lemma); a fresh system has no transaction at all.
-/

namespace ElectricRace

@[expose] public section

/-- The variables `TxnHeld` reads. -/
def txnVars : List Var := [.slc, .mbox, .pubTxn, .unacked]

end

/-- `TxnHeld` reads only `txnVars`. -/
public theorem txnHeld_dependsOn : DependsOn TxnHeld txnVars := by
  intro s s' e hi
  have e1 := e .slc (by decide)
  have e2 := e .mbox (by decide)
  have e3 := e .pubTxn (by decide)
  have e4 := e .unacked (by decide)
  simp only [TxnHeld, e1, e2, e3, e4]
  exact hi

/-- A rule that writes none of `txnVars` keeps `TxnHeld`. -/
public theorem presT_of_writesNone (b : Bounds) (a : Action)
    (h : writesNone txnVars a.effect = true) : Preserves b TxnHeld a :=
  preserves_of_writesNone b _ _ txnHeld_dependsOn a h

/-- A fresh system holds no transaction: the mailbox is empty, the collector idle, nothing is
un-acknowledged. -/
public theorem initT (b : Bounds) (s : State) (h0 : initOk b s = true) : TxnHeld s := by
  unfold initOk at h0
  simp only [initConds, guardsOk, g, Bool.and_eq_true] at h0
  have hmb := h0.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.1
  have hslc := h0.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.1
  have hun := h0.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.1
  simp only [eval, isE, L, li, mbox, slc, unacked, none', Val.asBool, decide_eq_true_eq]
    at hmb hslc hun
  simp [TxnHeld, HasEvent, hmb, hslc, hun, vEmpty, vE, vEB, vBE, vSlcIdle, vPublishing, vDown]

end ElectricRace
