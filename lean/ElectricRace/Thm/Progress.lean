module

public import ElectricRace.Thm.Model

/-!
# Progress: in FixA and FixA2 a `nil` resolution never blocks the broadcast

In PreFix, FixB and FixC `SlcBroadcast` has the guard `no_nil`: a `nil` resolution leaves only
`SlcCrash`. In FixA (1.3.3) and FixA2 (HEAD) the guard is gone: the `nil` is filtered (FixA2:
recorded as undeliverable) and the broadcast goes on. The theorems below say that, for every
bounds and every state (reachable or not), once the collector is publishing, no resolution is
pending and ShapeCache is idle, `SlcBroadcast` is enabled, whatever `nil` resolutions exist.
-/

namespace ElectricRace

theorem allN_of_forall (n : Nat) (f : Nat → Bool) (h : ∀ i, i < n → f i = true) :
    allN n f = true := by
  induction n with
  | zero => rfl
  | succ n ih =>
    simp only [allN, Bool.and_eq_true]
    exact ⟨ih (fun i hi => h i (by omega)), h n (by omega)⟩

/-- The guard `nothing_pending` holds when no handle's resolution is pending. -/
theorem nothing_pending_ok (b : Bounds) (s : State)
    (hNone : ∀ h : Nat, h < b.H → s .pubState (h : Int) 0 ≠ vPending) :
    (eval b s (fun _ => 0) (forallH (notE (pubState pX) vPending))).asBool = true := by
  show allN (b.of .handle)
    (fun n => (eval b s (Env.upd (fun _ => 0) .x n) (notE (pubState pX) vPending)).asBool) = true
  apply allN_of_forall
  intro i hi
  simp only [Bounds.of] at hi
  have hd : inDom b .handle (i : Int) = true := by
    simp [inDom, Bounds.of]
    omega
  have hp := hNone i hi
  simp [eval, notE, pubState, pX, L, Env.upd, read1, Var.dim1, Var.dims, Val.asInt, Val.asBool, hd, hp]

/-- The guards of FixA's and FixA2's `SlcBroadcast` hold as soon as the publish is done. -/
theorem broadcast_guards_ok (b : Bounds) (s : State)
    (hPub : s .slc 0 0 = vPublishing)
    (hNone : ∀ h : Nat, h < b.H → s .pubState (h : Int) 0 ≠ vPending)
    (hSc : s .sc 0 0 = vScIdle) :
    guardsOk b s (fun _ => 0) (app publishDoneGuards []) = true := by
  simp only [publishDoneGuards, app, guardsOk, g]
  rw [nothing_pending_ok b s hNone]
  simp [eval, isE, L, slc, sc, Val.asBool, hPub, hSc]

/-- **FixA (1.3.3): a `nil` resolution never blocks the broadcast (all bounds, every state).**
`SlcBroadcast` of FixA is found in the rules and is enabled in every state where the collector is
publishing, no resolution is pending and ShapeCache is idle; `nil` resolutions do not matter (they
are dropped by the broadcast). -/
public theorem fixA_nil_never_blocks (b : Bounds) (s : State)
    (hPub : s .slc 0 0 = vPublishing)
    (hNone : ∀ h : Nat, h < b.H → s .pubState (h : Int) 0 ≠ vPending)
    (hSc : s .sc 0 0 = vScIdle) :
    ∃ a, findAct (rules .FixA) .SlcBroadcast = some a ∧
      ∃ s', step b s a (fun _ => 0) = some s' := by
  refine ⟨_, rfl, ?_⟩
  exact ⟨_, if_pos (broadcast_guards_ok b s hPub hNone hSc)⟩

/-- **FixA2 (HEAD): a `nil` resolution never blocks the broadcast (all bounds, every state).**
Same statement as `fixA_nil_never_blocks`. -/
public theorem fixA2_nil_never_blocks (b : Bounds) (s : State)
    (hPub : s .slc 0 0 = vPublishing)
    (hNone : ∀ h : Nat, h < b.H → s .pubState (h : Int) 0 ≠ vPending)
    (hSc : s .sc 0 0 = vScIdle) :
    ∃ a, findAct (rules .FixA2) .SlcBroadcast = some a ∧
      ∃ s', step b s a (fun _ => 0) = some s' := by
  refine ⟨_, rfl, ?_⟩
  exact ⟨_, if_pos (broadcast_guards_ok b s hPub hNone hSc)⟩

end ElectricRace
