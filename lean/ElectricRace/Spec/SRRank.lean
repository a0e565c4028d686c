module

public import ElectricRace.Spec.Model

/-!
# SerializedRemoval: a ranking function for its forced steps

`srRank b s` is a natural number that every forced step of SerializedRemoval (`forcedSteps`,
`Spec/Liveness.lean`) lowers in every reachable state (`Thm/SRRank.lean`), so forced steps alone
cannot run forever: once the environment stops (no new removal, transaction or external crash,
no consumer exit), the system comes to rest within `srRank b s` steps, where
`Thm/SRSettle.lean` shows both liveness goals hold.

The rank is a sum of one term per part of the system, each weighted so that what a step creates
costs less than what it consumes:

* a cleaner chain: the steps it has left (`routerRemove` 8, `routerWait` 6, `stop` 5, `storage`
  4, `slcRemove` 3); a chain waiting on a request a collector crash lost (its shape still
  present, no request outstanding) is 9, since it will ask again;
* a handle: 2 for a batched removal not yet flushed, 1 for an outstanding `removeNow` request,
  4 for a pending routing that ShapeCache is not already resolving;
* ShapeCache: a request 3, a checked request 2;
* a consumer: 1 while it is starting;
* the collector's mailbox: a transaction event `4H + 2` (routing it creates at most `H` pending
  handles and one publish), a batch 1;
* the collector: publishing 1, down `4H + 4` (the restart re-sends one transaction event).
-/

namespace ElectricRace

@[expose] public section

/-- `f 0 + … + f (n-1)`. -/
def sumN : Nat → (Nat → Nat) → Nat
  | 0, _ => 0
  | n + 1, f => sumN n f + f n

/-- The weight of a transaction event in the mailbox: more than routing it can create. -/
def eventW (b : Bounds) : Nat := 4 * b.H + 2

/-- The collector: down (the restart re-sends an event), publishing, idle. -/
def slcR (b : Bounds) (s : State) : Nat :=
  if s .slc 0 0 = vDown then eventW b + 2 else if s .slc 0 0 = vPublishing then 1 else 0

/-- The collector's mailbox: a transaction event and a batch. -/
def mboxR (b : Bounds) (s : State) : Nat :=
  if s .mbox 0 0 = vE then eventW b
  else if s .mbox 0 0 = vB then 1
  else if s .mbox 0 0 = vEB then eventW b + 1
  else if s .mbox 0 0 = vBE then eventW b + 1
  else 0

/-- ShapeCache: a request to check, a checked request to start. -/
def scR (s : State) : Nat :=
  if s .sc 0 0 = vRequested then 3 else if s .sc 0 0 = vChecked then 2 else 0

/-- ShapeCache is resolving handle `h`. -/
abbrev scHolds (s : State) (h : Nat) : Prop :=
  (s .sc 0 0 = vRequested ∨ s .sc 0 0 = vChecked) ∧ (s .scHandle 0 0).asInt = h

/-- A handle: a batched removal to flush, a removal request to handle, a routing to resolve. -/
def handleR (s : State) (h : Nat) : Nat :=
  (if s .pendingRemove h 0 = .b true then 2 else 0) +
  (if s .removeNow h 0 = .b true then 1 else 0) +
  (if s .pubState h 0 = vPending ∧ ¬ scHolds s h then 4 else 0)

/-- A consumer: starting. -/
def consR (s : State) (c : Nat) : Nat := if s .cons c 0 = vStarting then 1 else 0

/-- A chain waiting for the collector whose request is gone and whose shape is still present:
it will ask again. -/
abbrev waitLost (b : Bounds) (s : State) (k : Nat) : Prop :=
  read1 b s .status (s .chainHandle k 0).asInt = vPresent ∧
  read1 b s .removeNow (s .chainHandle k 0).asInt ≠ .b true

/-- A cleaner chain: the steps it has left. -/
def chainR (b : Bounds) (s : State) (k : Nat) : Nat :=
  if s .chainPc k 0 = vRouterRemove then 8
  else if s .chainPc k 0 = vRouterWait then (if waitLost b s k then 9 else 6)
  else if s .chainPc k 0 = vStop then 5
  else if s .chainPc k 0 = vStorage then 4
  else if s .chainPc k 0 = vSlcRemove then 3
  else 0

/-- **The rank** of a SerializedRemoval state at bounds `b`. -/
def srRank (b : Bounds) (s : State) : Nat :=
  slcR b s + mboxR b s + scR s + sumN b.H (handleR s) + sumN b.C (consR s) + sumN b.K (chainR b s)

end

end ElectricRace
