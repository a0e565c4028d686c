module

public import ElectricRace.Lemmas.SumN
public import ElectricRace.Thm.SRQuiet.Basic

/-!
# The ranking function: the obligation and what each term reads

`RankDrops b a`: rule `a` lowers `srRank` wherever it is enabled (`RankDropsSR`: from every state
satisfying `InvSR`, for the two rules that need it). The congruence
lemmas say which cells each term reads, so a rule's proof only has to follow the cells it writes.
-/

namespace ElectricRace

@[expose] public section

/-- Rule `a` lowers the rank from every state in which it is enabled. -/
def RankDrops (b : Bounds) (a : Action) : Prop :=
  ∀ s env, bindingOk b env a.params = true → guardsOk b s env a.guards = true →
    srRank b (exec b s env a.effect s) < srRank b s

/-- Rule `a` lowers the rank from every state satisfying `InvSR` in which it is enabled. -/
def RankDropsSR (b : Bounds) (a : Action) : Prop :=
  ∀ s env, bindingOk b env a.params = true → guardsOk b s env a.guards = true → InvSR b s →
    srRank b (exec b s env a.effect s) < srRank b s

/-- A rule that lowers the rank wherever it is enabled lowers it under `InvSR`. -/
theorem RankDrops.sr {b : Bounds} {a : Action} (h : RankDrops b a) : RankDropsSR b a :=
  fun s env hb hg _ => h s env hb hg

end

/-- The collector's term reads only `slc`. -/
public theorem slcR_congr (b : Bounds) (s s' : State) (h : s' .slc 0 0 = s .slc 0 0) :
    slcR b s' = slcR b s := by simp only [slcR, h]

/-- The mailbox term reads only `mbox`. -/
public theorem mboxR_congr (b : Bounds) (s s' : State) (h : s' .mbox 0 0 = s .mbox 0 0) :
    mboxR b s' = mboxR b s := by simp only [mboxR, h]

/-- ShapeCache's term reads only `sc`. -/
public theorem scR_congr (s s' : State) (h : s' .sc 0 0 = s .sc 0 0) : scR s' = scR s := by
  simp only [scR, h]

/-- A handle's term reads its removal flags, its routing and ShapeCache's request. -/
public theorem handleR_congr (s s' : State) (h : Nat)
    (e1 : s' .pendingRemove h 0 = s .pendingRemove h 0) (e2 : s' .removeNow h 0 = s .removeNow h 0)
    (e3 : s' .pubState h 0 = s .pubState h 0) (e4 : s' .sc 0 0 = s .sc 0 0)
    (e5 : s' .scHandle 0 0 = s .scHandle 0 0) : handleR s' h = handleR s h := by
  simp only [handleR, scHolds, e1, e2, e3, e4, e5]

/-- A consumer's term reads its state. -/
public theorem consR_congr (s s' : State) (c : Nat) (e : s' .cons c 0 = s .cons c 0) :
    consR s' c = consR s c := by simp only [consR, e]

/-- A chain's term reads its step, its shape, and that shape's status and request. -/
public theorem chainR_congr (b : Bounds) (s s' : State) (k : Nat)
    (e1 : s' .chainPc k 0 = s .chainPc k 0) (e2 : s' .chainHandle k 0 = s .chainHandle k 0)
    (e3 : ∀ i, s' .status i 0 = s .status i 0) (e4 : ∀ i, s' .removeNow i 0 = s .removeNow i 0) :
    chainR b s' k = chainR b s k := by
  simp only [chainR, waitLost, read1, e1, e2, e3, e4]

/-- Sums of terms that agree are equal. -/
public theorem sumN_congr (n : Nat) (f g : Nat → Nat) (h : ∀ i, i < n → f i = g i) :
    sumN n f = sumN n g :=
  Nat.le_antisymm (sumN_le n f g (fun i hi => Nat.le_of_eq (h i hi)))
    (sumN_le n g f (fun i hi => Nat.le_of_eq (h i hi).symm))

/-- A handle's term is at most 7. -/
public theorem handleR_le (s : State) (h : Nat) : handleR s h ≤ 7 := by
  simp only [handleR]; split <;> split <;> split <;> omega


/-- A handle's term rises by at most 2 when only its batched-removal flag may change. -/
public theorem handleR_le_pending (s s' : State) (h : Nat)
    (e2 : s' .removeNow h 0 = s .removeNow h 0) (e3 : s' .pubState h 0 = s .pubState h 0)
    (e4 : s' .sc 0 0 = s .sc 0 0) (e5 : s' .scHandle 0 0 = s .scHandle 0 0) :
    handleR s' h ≤ handleR s h + 2 := by
  simp only [handleR, scHolds, e2, e3, e4, e5]; split <;> split <;> split <;> omega

/-- A handle's term rises by at most 1 when only its removal request may change. -/
public theorem handleR_le_removeNow (s s' : State) (h : Nat)
    (e1 : s' .pendingRemove h 0 = s .pendingRemove h 0) (e3 : s' .pubState h 0 = s .pubState h 0)
    (e4 : s' .sc 0 0 = s .sc 0 0) (e5 : s' .scHandle 0 0 = s .scHandle 0 0) :
    handleR s' h ≤ handleR s h + 1 := by
  simp only [handleR, scHolds, e1, e3, e4, e5]; split <;> split <;> split <;> omega

/-- A chain's term does not rise when removal requests are only added: a chain waiting on a lost
request can only find it re-issued. -/
public theorem chainR_le_of (b : Bounds) (s s' : State) (k : Nat)
    (e1 : s' .chainPc k 0 = s .chainPc k 0) (e2 : s' .chainHandle k 0 = s .chainHandle k 0)
    (e3 : ∀ i, s' .status i 0 = s .status i 0)
    (e4 : ∀ i, s' .removeNow i 0 = s .removeNow i 0 ∨ s' .removeNow i 0 = .b true) :
    chainR b s' k ≤ chainR b s k := by
  have hw : waitLost b s' k → waitLost b s k := by
    simp only [waitLost, read1, e2, e3]
    intro ⟨h1, h2⟩
    refine ⟨h1, ?_⟩
    by_cases d : inDom b Var.removeNow.dim1 (s .chainHandle k 0).asInt = true
    · simp only [d, ↓reduceIte] at h2 ⊢
      rcases e4 (s .chainHandle k 0).asInt with e | e
      · rwa [e] at h2
      · exact absurd e h2
    · simp only [d, ↓reduceIte, Bool.false_eq_true] at h2 ⊢; exact h2
  simp only [chainR, e1]
  split
  · exact Nat.le_refl _
  split
  · by_cases w : waitLost b s' k
    · rw [if_pos w, if_pos (hw w)]; exact Nat.le_refl _
    · rw [if_neg w]; split <;> omega
  · exact Nat.le_refl _

end ElectricRace

namespace ElectricRace

/-- A rule that writes `cons` only with values other than `starting` raises no consumer's term. -/
public theorem consR_le_of_lit (b : Bounds) (s : State) (env : Env) (e : Effect)
    (h : writesLit .cons (fun x => decide (x ≠ vStarting)) e = true) (c : Nat) :
    consR (exec b s env e s) c ≤ consR s c := by
  rcases exec_lit b s .cons _ c 0 e env s h with h' | h'
  · rw [consR_congr _ _ c h']; exact Nat.le_refl _
  · simp only [consR]; simp at h'; simp [h']

/-- A rule that writes no `cons` cell leaves the consumers' sum as it was. -/
public theorem consSum_frame (b : Bounds) (s : State) (env : Env) (e : Effect)
    (h : writesNot .cons e = true) :
    sumN b.C (consR (exec b s env e s)) = sumN b.C (consR s) :=
  sumN_congr _ _ _ (fun c _ => consR_congr _ _ c (exec_frame b s env e s .cons h c 0))

/-- A rule that writes `removeNow` only with `true` leaves each request as it was or sets it. -/
public theorem removeNow_of_lit (b : Bounds) (s : State) (env : Env) (e : Effect)
    (h : writesLit .removeNow (fun x => decide (x = .b true)) e = true) (i : Int) :
    exec b s env e s .removeNow i 0 = s .removeNow i 0 ∨
      exec b s env e s .removeNow i 0 = .b true := by
  rcases exec_lit b s .removeNow _ i 0 e env s h with h' | h'
  · exact Or.inl h'
  · exact Or.inr (by simpa using h')

/-- A handle's term does not rise when its removal flags are kept and it is pending and not
held by ShapeCache afterwards only if it was so before. -/
public theorem handleR_le_of (s s' : State) (h : Nat)
    (e1 : s' .pendingRemove h 0 = s .pendingRemove h 0) (e2 : s' .removeNow h 0 = s .removeNow h 0)
    (hp : s' .pubState h 0 = vPending ∧ ¬ scHolds s' h →
      s .pubState h 0 = vPending ∧ ¬ scHolds s h) :
    handleR s' h ≤ handleR s h := by
  unfold handleR
  rw [e1, e2]
  by_cases c : s' .pubState h 0 = vPending ∧ ¬ scHolds s' h
  · rw [if_pos c, if_pos (hp c)]; omega
  · rw [if_neg c]; omega

/-- A handle's term drops by 4 when its removal flags are kept and a pending routing ShapeCache
was not resolving is resolved (or taken over by ShapeCache). -/
public theorem handleR_drop (s s' : State) (h : Nat)
    (e1 : s' .pendingRemove h 0 = s .pendingRemove h 0) (e2 : s' .removeNow h 0 = s .removeNow h 0)
    (hn : ¬ (s' .pubState h 0 = vPending ∧ ¬ scHolds s' h))
    (hp : s .pubState h 0 = vPending ∧ ¬ scHolds s h) :
    handleR s' h + 4 ≤ handleR s h := by
  unfold handleR
  rw [e1, e2, if_neg hn, if_pos hp]; omega

/-- A consumer's term is at most 1. -/
public theorem consR_le_one (s : State) (c : Nat) : consR s c ≤ 1 := by
  unfold consR; split <;> omega

/-- A handle whose removal flags are unchanged rises by at most 4 (its routing term). -/
public theorem handleR_le_of_flags (s s' : State) (h : Nat)
    (e1 : s' .pendingRemove h 0 = s .pendingRemove h 0)
    (e2 : s' .removeNow h 0 = s .removeNow h 0) : handleR s' h ≤ handleR s h + 4 := by
  unfold handleR
  rw [e1, e2]
  repeat' split
  all_goals omega

/-- A status update that keeps every shape's presence keeps the presence read at any index. -/
public theorem read1_status_present (b : Bounds) (s s' : State)
    (h : ∀ n : Nat, n < b.H → (s' .status n 0 = vPresent ↔ s .status n 0 = vPresent)) (i : Int) :
    (read1 b s' .status i = vPresent ↔ read1 b s .status i = vPresent) := by
  unfold read1
  by_cases hi : inDom b Var.status.dim1 i = true
  · rw [if_pos hi, if_pos hi]
    have h0 : 0 ≤ i ∧ i < (b.H : Int) := by
      simp [inDom, Var.dim1, Var.dims, Bounds.of] at hi; omega
    obtain ⟨n, rfl⟩ : ∃ n : Nat, i = n := ⟨i.toNat, by omega⟩
    exact h n (by omega)
  · rw [if_neg hi, if_neg hi]

/-- A chain's term depends on its step and on whether it waits on a lost request. -/
public theorem chainR_congr_wait (b : Bounds) (s s' : State) (k : Nat)
    (e1 : s' .chainPc k 0 = s .chainPc k 0) (e2 : waitLost b s' k ↔ waitLost b s k) :
    chainR b s' k = chainR b s k := by
  unfold chainR
  rw [e1]
  by_cases w : waitLost b s k
  · have w' := e2.mpr w
    rw [if_pos w, if_pos w']
  · have w' : ¬ waitLost b s' k := fun h => w (e2.mp h)
    rw [if_neg w, if_neg w']

/-- A chain's term is unchanged when its step, its shape, every shape's presence and every
removal request are. -/
public theorem chainR_congr_present (b : Bounds) (s s' : State) (k : Nat)
    (e1 : s' .chainPc k 0 = s .chainPc k 0) (e2 : s' .chainHandle k 0 = s .chainHandle k 0)
    (e3 : ∀ n : Nat, n < b.H → (s' .status n 0 = vPresent ↔ s .status n 0 = vPresent))
    (e4 : ∀ i, s' .removeNow i 0 = s .removeNow i 0) : chainR b s' k = chainR b s k := by
  apply chainR_congr_wait b s s' k e1
  have r3 := read1_status_present b s s' e3 (s .chainHandle k 0).asInt
  have r4 : read1 b s' .removeNow (s .chainHandle k 0).asInt =
      read1 b s .removeNow (s .chainHandle k 0).asInt := by
    unfold read1; rw [e4]
  show (read1 b s' .status (s' .chainHandle k 0).asInt = vPresent ∧
      read1 b s' .removeNow (s' .chainHandle k 0).asInt ≠ .b true) ↔
    (read1 b s .status (s .chainHandle k 0).asInt = vPresent ∧
      read1 b s .removeNow (s .chainHandle k 0).asInt ≠ .b true)
  rw [e2, r4]
  exact ⟨fun ⟨x, y⟩ => ⟨r3.mp x, y⟩, fun ⟨x, y⟩ => ⟨r3.mpr x, y⟩⟩

end ElectricRace
