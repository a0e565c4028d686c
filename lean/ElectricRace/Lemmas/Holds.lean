module

public import ElectricRace.Spec.Properties
public import ElectricRace.Lemmas.Quant

/-!
# From per-handle statements to the exported property invariants, for every `Bounds`

The all-bounds theorems say "for every handle `h < H`, router[h] → …"; a verdict of kind
"safety for all bounds" needs `holds b s p`, the exported invariant expression (an `all` node
over the handle domain) evaluated by `eval`. These lemmas translate one into the other for any
bounds, through `allN_eq_true`.
-/

namespace ElectricRace

theorem asBool_b'' (x : Bool) : (Val.b x).asBool = x := rfl
theorem asInt_i'' (n : Int) : (Val.i n).asInt = n := rfl

/-- A handle index below `H` is inside the handle domain. -/
theorem inDom_handle {b : Bounds} {i : Nat} (hi : i < b.H) : inDom b .handle (i : Int) = true := by
  simp only [inDom, Bounds.of, Bool.and_eq_true, decide_eq_true_eq]
  constructor <;> omega

/-- A cell that is not `.b true` reads as `false`. -/
theorem asBool_of_ne {x : Val} (h : ¬ x = .b true) : x.asBool = false := by
  cases x with
  | b y => cases y <;> simp_all [Val.asBool]
  | _ => rfl

/-- No race window, for every handle below `H`, is the `raceWindow` invariant at any bounds. -/
public theorem raceWindow_holds {b : Bounds} {s : State}
    (h : ∀ i : Nat, i < b.H → s .router i 0 = .b true → s .status i 0 ≠ vAbsent) :
    holds b s .raceWindow := by
  simp only [holds, holdsB, inv, propInv, eval, forallH, asBool_b'', Bounds.of]
  apply (allN_eq_true _ _).2
  intro i hi
  simp only [eval, router, status, pX, notE, L, read1, Var.dim1, Var.dims, Env.upd,
    asBool_b'', asInt_i'', inDom_handle hi, if_true]
  by_cases hr : s .router i 0 = .b true
  · simp [hr, h i hi hr, asBool_b'']
  · simp [asBool_of_ne hr]

/-- A routed handle is present, for every handle below `H`: the `routedNotPresent` invariant at
any bounds. -/
public theorem routedNotPresent_holds {b : Bounds} {s : State}
    (h : ∀ i : Nat, i < b.H → s .router i 0 = .b true → s .status i 0 = vPresent) :
    holds b s .routedNotPresent := by
  simp only [holds, holdsB, inv, propInv, noWindow, eval, forallH, asBool_b'', Bounds.of]
  apply (allN_eq_true _ _).2
  intro i hi
  simp only [eval, router, status, pX, isE, L, read1, Var.dim1, Var.dims, Env.upd,
    asBool_b'', asInt_i'', inDom_handle hi, if_true]
  by_cases hr : s .router i 0 = .b true
  · rw [hr, h i hi hr]; rfl
  · simp [asBool_of_ne hr]

/-- A crash cause of `none` is not `sendNil`. -/
public theorem noCause_ne_sendNil {s : State} (h : s .crashCause 0 0 = vNoCause) :
    s .crashCause 0 0 ≠ vSendNil := by
  rw [h]; decide

end ElectricRace
