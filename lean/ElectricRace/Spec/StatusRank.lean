module

public import ElectricRace.Spec.SRRank

/-!
# FixC and FixA2: a ranking function for their forced steps

`statusRank b s` is SerializedRemoval's rank (`Spec/SRRank.lean`) plus 6 for each cleaner chain
at the ShapeStatus step, the one chain step SerializedRemoval does not have: FixC's step moves the
chain to its stop (5 in `srRank`) or aborts it (0), FixA2's to its stop or to its `slcRemove`
(3). Every forced step of FixC and of FixA2 lowers it in every reachable state
(`Thm/FixCRank.lean`, `Thm/FixA2Rank.lean`).
-/

namespace ElectricRace

@[expose] public section

/-- A cleaner chain at the ShapeStatus step. -/
def statusR (s : State) (k : Nat) : Nat := if s .chainPc k 0 = vStatus then 6 else 0

/-- **The rank** of a FixC or FixA2 state at bounds `b`. -/
def statusRank (b : Bounds) (s : State) : Nat := srRank b s + sumN b.K (statusR s)

end

end ElectricRace
