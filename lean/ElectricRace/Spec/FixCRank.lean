module

public import ElectricRace.Spec.SRRank

/-!
# FixC: a ranking function for its forced steps

`fixCRank b s` is SerializedRemoval's rank (`Spec/SRRank.lean`) plus 6 for each cleaner chain at
FixC's ShapeStatus step, the one chain step SerializedRemoval does not have: the step moves the
chain to its stop (5 in `srRank`) or aborts it (0). Every forced step of FixC lowers it in every
reachable state (`Thm/FixCRank.lean`).
-/

namespace ElectricRace

@[expose] public section

/-- A cleaner chain at the ShapeStatus step. -/
def statusR (s : State) (k : Nat) : Nat := if s .chainPc k 0 = vStatus then 6 else 0

/-- **The rank** of a FixC state at bounds `b`. -/
def fixCRank (b : Bounds) (s : State) : Nat := srRank b s + sumN b.K (statusR s)

end

end ElectricRace
