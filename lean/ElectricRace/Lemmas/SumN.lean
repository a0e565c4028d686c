module

public import ElectricRace.Spec.SRRank

/-!
# Sums over an index domain

`sumN n f` is `f 0 + … + f (n-1)`. A ranking function sums one term per handle, consumer and
chain; a step changes few of them, so the lemmas compare two sums term by term, allowing one term
to grow by a bounded amount.
-/

namespace ElectricRace

/-- Termwise `≤` gives `≤` of the sums. -/
public theorem sumN_le (n : Nat) (f g : Nat → Nat) (h : ∀ i, i < n → f i ≤ g i) :
    sumN n f ≤ sumN n g := by
  induction n with
  | zero => simp [sumN]
  | succ n ih =>
    simp only [sumN]
    have := ih (fun i hi => h i (by omega))
    have := h n (by omega)
    omega

/-- Termwise `≤`, except that term `j` may exceed by `d`: the sum exceeds by at most `d`. -/
public theorem sumN_le_add (n : Nat) (f g : Nat → Nat) (j d : Nat)
    (h : ∀ i, i < n → f i ≤ g i + (if i = j then d else 0)) :
    sumN n f ≤ sumN n g + d := by
  induction n with
  | zero => simp [sumN]
  | succ n ih =>
    simp only [sumN]
    by_cases hj : j < n
    · have := ih (fun i hi => h i (by omega))
      have := h n (by omega)
      simp [show n ≠ j by omega] at this
      omega
    · have := sumN_le n f g (fun i hi => by have := h i (by omega); simp [show i ≠ j by omega] at this; omega)
      have := h n (by omega)
      split at this <;> omega

/-- Termwise `≤`, and term `j` (in range) drops by at least `d`. -/
public theorem sumN_add_le (n : Nat) (f g : Nat → Nat) (j d : Nat) (hj : j < n)
    (h : ∀ i, i < n → f i + (if i = j then d else 0) ≤ g i) :
    sumN n f + d ≤ sumN n g := by
  induction n with
  | zero => omega
  | succ n ih =>
    simp only [sumN]
    by_cases hjn : j < n
    · have := ih hjn (fun i hi => h i (by omega))
      have := h n (by omega)
      simp [show n ≠ j by omega] at this
      omega
    · have hjn' : j = n := by omega
      subst hjn'
      have := sumN_le j f g (fun i hi => by have := h i (by omega); simp [show i ≠ j by omega] at this; omega)
      have := h j (by omega)
      simp at this
      omega

/-- Terms bounded by `c` sum to at most `n * c`. -/
public theorem sumN_le_mul (n c : Nat) (f : Nat → Nat) (h : ∀ i, i < n → f i ≤ c) :
    sumN n f ≤ n * c := by
  induction n with
  | zero => simp [sumN]
  | succ n ih =>
    simp only [sumN, Nat.succ_mul]
    have := ih (fun i hi => h i (by omega))
    have := h n (by omega)
    omega

/-- Termwise `≤` off index `j`, and term `j` (in range) drops by `d`: the sum drops by `d`. -/
public theorem sumN_drop_at (n : Nat) (f g : Nat → Nat) (j d : Nat) (hj : j < n)
    (hk : ∀ i, i < n → i ≠ j → f i ≤ g i) (hd : f j + d ≤ g j) :
    sumN n f + d ≤ sumN n g :=
  sumN_add_le n f g j d hj (fun i hi => by
    by_cases e : i = j
    · subst e; simpa using hd
    · simpa [e] using hk i hi e)

/-- Termwise `≤` off index `j`, and term `j` rises by at most `d`: the sum rises by at most `d`. -/
public theorem sumN_rise_at (n : Nat) (f g : Nat → Nat) (j d : Nat)
    (hk : ∀ i, i < n → i ≠ j → f i ≤ g i) (hd : f j ≤ g j + d) :
    sumN n f ≤ sumN n g + d :=
  sumN_le_add n f g j d (fun i hi => by
    by_cases e : i = j
    · subst e; simpa using hd
    · simpa [e] using hk i hi e)

/-- Every term exceeding its counterpart by at most `d`: the sum exceeds by at most `n * d`. -/
public theorem sumN_le_add_mul (n d : Nat) (f g : Nat → Nat) (h : ∀ i, i < n → f i ≤ g i + d) :
    sumN n f ≤ sumN n g + n * d := by
  induction n with
  | zero => simp [sumN]
  | succ n ih =>
    simp only [sumN, Nat.succ_mul]
    have := ih (fun i hi => h i (by omega))
    have := h n (by omega)
    omega

end ElectricRace
