module

public import ElectricRace.Thm.Model
public import ElectricRace.Thm.Witnesses
public import ElectricRace.Thm.Orphan
public import ElectricRace.Thm.Projection
public import ElectricRace.Thm.Progress
public import ElectricRace.Thm.WellFormed
public import ElectricRace.Thm.Undeliverable
public import ElectricRace.Thm.FixCAll
public import ElectricRace.Thm.SRRank
public import ElectricRace.Thm.SRFair
public import ElectricRace.Thm.FixCFair
public import ElectricRace.Thm.FixA2Fair
public import ElectricRace.Thm.FixBAll
public import ElectricRace.Thm.FixBOrphan
public import ElectricRace.Thm.Liveness
public import ElectricRace.Thm.AckLiveness
public import ElectricRace.Thm.ChainsDie
public import ElectricRace.Thm.SRAll
public import ElectricRace.Thm.SRQuiet
public import ElectricRace.Thm.SRProgress
public import ElectricRace.Thm.SRSettle
public import ElectricRace.Thm.FixBDeadlock
public import ElectricRace.Thm.Starvation
public import ElectricRace.Thm.StartCrash
public import ElectricRace.Thm.Simulation
public import ElectricRace.Thm.TxnFlow.Upstream
public import ElectricRace.Thm.TxnFlow.Proposed
public import ElectricRace.Lemmas.Holds
import Lean.Data.Json

/-!
# The verdicts: one Lean-owned description of what was proved

`verdicts` lists, for every headline theorem, the variant and property it is about and its kind
(safety for all bounds, safety at stated bounds, reachable by witness, or supporting). Each entry
carries a PROOF of its kind's schematic statement (`KindSpec.statement`, built from
`SafeAllBounds`, `SafeAt` and `WitnessBy` of `ElectricRace/Spec/Properties.lean`, and for the
property `deadlock` from `Deadlocked` of `ElectricRace/Spec/Deadlock.lean`, for `txnLoss` from
`NoTxnLoss` of `ElectricRace/Spec/TxnFlow.lean`), obtained from
the named theorem: the kernel checks that the theorem has the declared kind. "Supporting" entries
(simple-model and projection facts, frame facts, progress facts) carry `True`; their proof term
still mentions the theorem, and a Lean-free test checks that every entry's name names the theorem
its proof uses.

The `#eval` at the end writes `build/rules/verdicts.json` (format `electric-race-verdicts/1`).
Engine note (reference/lean-wasm.md §3): the interpreter has no code for imported project
definitions, so everything the export RUNS is defined in this file: names, the expression
serializer (same JSON shape as `exprJson` in `Spec/Model.lean`), and copies of the invariant
expressions and witness schedules written with constructors only. Each copy is tied to the
original by a kernel-checked `rfl` theorem (`invL_eq`, `*_copy`), and the witness entries'
proofs are stated over the copies, so the exported schedule is the one the kernel replayed.
-/

namespace ElectricRace

@[expose] public section

/-- What kind of verdict an entry is, with the data the kind needs. -/
inductive KindSpec where
  | safetyAllBounds
  /-- safety for every `Bounds` under the rules without the external collector crash `SlcFail`
  (exported as kind `safetyAllBounds`; the entry's assumptions say what is left out) -/
  | safetyAllBoundsNoFault
  /-- no deadlock for every `Bounds` (`Deadlocked`, `Spec/Deadlock.lean`), over the full rules
  (exported as kind `safetyAllBounds`: the property `deadlock` never happens) -/
  | deadlockFreeAllBounds
  /-- no lost transaction for every `Bounds` (`NoTxnLoss`, `Spec/TxnFlow.lean`: the
  un-acknowledged transaction is always held and only the end of its publish acknowledges it),
  over the full rules (exported as kind `safetyAllBounds`: the property `txnLoss` never happens) -/
  | txnSafeAllBounds
  | safetyAt (faults : Bool) (b : Bounds)
  | witness (b : Bounds) (sched : List (Label × List Int))
  /-- a deadlock reached by a schedule from `restored` (exported as kind `witness`): the replay
  ends in a `Deadlocked` state where no rule except the external crash `SlcFail` is enabled -/
  | deadlockWitness (b : Bounds) (sched : List (Label × List Int))
  /-- a liveness counterexample reached by a schedule from `restored` (exported as kind
  `witness`): the replay ends in a state that is stuck and unsettled for the property's goal
  (`StuckUnsettled`, `Spec/Liveness.lean`), so staying there is a weakly fair run that never
  reaches it -/
  | starvationWitness (b : Bounds) (sched : List (Label × List Int))
  /-- a supporting fact whose statement is the replay of a schedule from `restored` -/
  | replay (sched : List (Label × List Int))
  /-- liveness for every `Bounds`, external collector crashes included in the rules: every run
  weakly fair to the forced rules with finitely many unforced moves reaches the property's goal or
  a bound-limited state (`LiveUnderFairness`, `Spec/FairRun.lean`; exported with bounds null) -/
  | liveness
  | supporting

/-- The statement an entry of this kind must prove. -/
def KindSpec.statement : KindSpec → Option Variant → Option Property → Prop
  | .safetyAllBounds, some v, some p => SafeAllBounds v p
  | .safetyAllBoundsNoFault, some v, some p =>
      ∀ (b : Bounds) (s : State), Reachable b (rules v false) s → holds b s p
  | .deadlockFreeAllBounds, some v, some .deadlock =>
      ∀ (b : Bounds) (s : State), Reachable b (rules v) s → ¬ Deadlocked v b s
  | .txnSafeAllBounds, some v, some .txnLoss => ∀ b : Bounds, NoTxnLoss v b
  | .safetyAt f b, some v, some p => SafeAt v f b p
  | .witness b sched, some v, some p => WitnessBy v b p restored sched
  | .deadlockWitness b sched, some v, some .deadlock =>
      initOk b restored = true ∧ ∃ s, runSched b (rules v) restored sched = some s ∧
        Deadlocked v b s ∧ ¬ Enabled b (exceptSlcFail (rules v)) s
  | .starvationWitness b sched, some v, some .removalStarves =>
      initOk b restored = true ∧ ∃ s, runSched b (rules v) restored sched = some s ∧
        StuckUnsettled v b removalSettledE s
  | .starvationWitness b sched, some v, some .ackStarves =>
      initOk b restored = true ∧ ∃ s, runSched b (rules v) restored sched = some s ∧
        StuckUnsettled v b ackSettledE s
  | .liveness, some v, some .removalStarves => ∀ b : Bounds, LiveUnderFairness v b removalSettledE
  | .liveness, some v, some .ackStarves => ∀ b : Bounds, LiveUnderFairness v b ackSettledE
  | _, _, _ => True

/-- The assumptions of the liveness entries (`LiveUnderFairness`, `Spec/FairRun.lean`). -/
def fairRunAssumptions : List String :=
  ["weak fairness of every forced rule: a rule enabled (under some binding) at every step from some point on is taken at a later step",
   "finitely many unforced moves: new removals, transactions, external collector crashes, failed consumer starts and consumer exits eventually stop",
   "a state held only by the consumer-id bound (BoundLimited) ends the run's obligation"]

/-- One verdict entry. -/
structure Entry where
  name : String
  module : String
  variant : Option Variant
  property : Option Property
  kind : KindSpec
  assumptions : List String
  claim : String
  proof : kind.statement variant property

/-! ## Copies for the export (constructors only; tied to the originals by `rfl`) -/

def b1L : Bounds := ⟨1, 1, 1, 1⟩

def recipeL : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0]),
   (.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckNoShape, [])]
def recipeCrashL : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0]),
   (.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckNoShape, []),
   (.SlcCrash, [])]
def recipeBroadcastL : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0]),
   (.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckNoShape, []),
   (.SlcBroadcast, [])]
def windowSchedL : List (Label × List Int) := [(.RemoveShape, [0, 0]), (.CleanerStatus, [0])]
def startCrashSchedL : List (Label × List Int) :=
  [(.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, []),
   (.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CacheStartRaise, [])]
def orphanRecheckSchedL : List (Label × List Int) :=
  [(.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, []),
   (.CacheStart, []), (.ConsumerInit, [0]), (.RemoveShape, [0, 0]), (.CleanerStatus, [0]),
   (.SlcBroadcast, [])]
def orphanSchedL : List (Label × List Int) :=
  [(.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, []),
   (.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0]),
   (.CacheStart, []), (.ConsumerInit, [0]), (.SlcBroadcast, [])]
def orphanQuiescentSchedL : List (Label × List Int) :=
  [(.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, []),
   (.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0]),
   (.CacheStart, []), (.ConsumerInit, [0]), (.SlcBroadcast, []),
   (.CleanerSlcRemove, [0]), (.BatcherFlush, []), (.SlcApplyBatch, [])]
def fixBFaultSchedL : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerRouterRemove, [0]), (.SlcRemoveNow, [0]),
   (.CleanerRouterAck, [0]), (.SlcFail, []), (.SlcRestart, []), (.CleanerStatus, [0])]
def fixBFaultCrashSchedL : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerRouterRemove, [0]), (.SlcRemoveNow, [0]),
   (.CleanerRouterAck, [0]), (.SlcFail, []), (.SlcRestart, []), (.CleanerStatus, [0]),
   (.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckNoShape, []),
   (.SlcCrash, [])]
def fixBFaultOrphanSchedL : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerRouterRemove, [0]), (.SlcRemoveNow, [0]),
   (.CleanerRouterAck, [0]), (.SlcFail, []), (.SlcRestart, []),
   (.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, []),
   (.CacheStart, []), (.CleanerStatus, [0]), (.SlcBroadcast, [])]
def crashLosesRemovalSchedL : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.SlcFail, []), (.SlcRestart, [])]
def orphanStarvesSchedL : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]),
   (.CacheCheckOk, []), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0]),
   (.CleanerSlcRemove, [0]), (.BatcherFlush, []), (.CacheStart, []), (.SlcBroadcast, []),
   (.SlcApplyBatch, []), (.ConsumerInit, [0])]
def fixBOrphanStarvesSchedL : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.TxnArrive, [0]), (.SlcRoute, []), (.CleanerRouterRemove, [0]),
   (.SlcResolveAsk, [0]), (.CacheCheckOk, []), (.CacheStart, []), (.SlcBroadcast, []),
   (.SlcRemoveNow, [0]), (.CleanerRouterAck, [0]), (.CleanerStatus, [0]), (.CleanerStop, [0]),
   (.CleanerStorage, [0]), (.ConsumerInit, [0])]
def fixBCrashRestoresRouteSchedL : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerRouterRemove, [0]), (.SlcRemoveNow, [0]),
   (.CleanerRouterAck, [0]), (.SlcFail, []), (.SlcRestart, []), (.CleanerStatus, [0]),
   (.CleanerStop, [0]), (.CleanerStorage, [0])]
def hostedCleanDeadlockSchedL : List (Label × List Int) :=
  [(.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, []),
   (.CacheStartFail, [0]), (.CleanerRouterRemove, [0])]
def chainKilledSchedL : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.SlcFail, []), (.SlcRestart, [])]
def nilCrashKillsRemovalSchedL : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.TxnArrive, [0]), (.SlcRoute, []),
   (.SlcResolveAsk, [0]), (.CacheCheckNoShape, []), (.SlcCrash, []), (.SlcRestart, []),
   (.SlcRoute, []), (.SlcBroadcast, [])]
def fixBStopMissesSchedL : List (Label × List Int) :=
  [(.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, []),
   (.CacheStart, []), (.ConsumerInit, [0]), (.SlcBroadcast, []),
   (.RemoveShape, [0, 0]), (.CleanerRouterRemove, [0]), (.SlcRemoveNow, [0]),
   (.CleanerRouterAck, [0]), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0])]

end

theorem b1_copy : b1L = b1 := rfl
theorem recipeCrash_copy : recipeCrashL = recipeCrash := rfl
theorem recipeBroadcast_copy : recipeBroadcastL = recipeBroadcast := rfl
theorem windowSched_copy : windowSchedL = windowSched := rfl
theorem startCrashSched_copy : startCrashSchedL = startCrashSched := rfl
theorem orphanRecheckSched_copy : orphanRecheckSchedL = orphanRecheckSched := rfl
theorem orphanSched_copy : orphanSchedL = orphanSched := rfl
theorem orphanQuiescentSched_copy : orphanQuiescentSchedL = orphanQuiescentSched := rfl
theorem fixBFaultSched_copy : fixBFaultSchedL = fixBFaultSched := rfl
theorem fixBFaultCrashSched_copy : fixBFaultCrashSchedL = fixBFaultCrashSched := rfl
theorem fixBFaultOrphanSched_copy : fixBFaultOrphanSchedL = fixBFaultOrphanSched := rfl
theorem hostedCleanDeadlockSched_copy : hostedCleanDeadlockSchedL = hostedCleanDeadlockSched := rfl
theorem crashLosesRemovalSched_copy : crashLosesRemovalSchedL = crashLosesRemovalSched := rfl
theorem orphanStarvesSched_copy : orphanStarvesSchedL = orphanStarvesSched := rfl
theorem fixBOrphanStarvesSched_copy : fixBOrphanStarvesSchedL = fixBOrphanStarvesSched := rfl
theorem fixBCrashRestoresRouteSched_copy : fixBCrashRestoresRouteSchedL = fixBCrashRestoresRouteSched := rfl
theorem chainKilledSched_copy : chainKilledSchedL = chainKilledSched := rfl
theorem nilCrashKillsRemovalSched_copy : nilCrashKillsRemovalSchedL = nilCrashKillsRemovalSched := rfl
theorem fixBStopMissesSched_copy : fixBStopMissesSchedL = fixBStopMissesSched := rfl

@[expose] public section


/-- The invariant expressions, written with constructors only (copy of `propInv`). -/
def invL : Property → Option Expr
  | .nilCrash => some (.ne (.cell0 .crashCause) (.lit (.e .cause 1)))
  | .startCrash => some (.ne (.cell0 .crashCause) (.lit (.e .cause 3)))
  | .raceWindow => some (.all .x .handle
      (.or (.not (.cell1 .router (.param .x))) (.ne (.cell1 .status (.param .x)) (.lit (.e .status 0)))))
  | .routedNotPresent => some (.all .x .handle
      (.or (.not (.cell1 .router (.param .x))) (.eq (.cell1 .status (.param .x)) (.lit (.e .status 1)))))
  | .orphanDelivery => some (.not (.cell0 .orphanDelivery))
  | .quiescentOrphan => some (.or
      (.not (.and
        (.all .x .chain (.or (.eq (.cell1 .chainPc (.param .x)) (.lit (.e .pc 0)))
          (.or (.eq (.cell1 .chainPc (.param .x)) (.lit (.e .pc 7)))
               (.eq (.cell1 .chainPc (.param .x)) (.lit (.e .pc 8))))))
        (.and (.all .x .handle (.and (.not (.cell1 .pendingRemove (.param .x)))
                (.and (.not (.cell1 .batchRemove (.param .x))) (.not (.cell1 .removeNow (.param .x))))))
        (.and (.eq (.cell0 .mbox) (.lit (.e .mbox 0)))
        (.and (.eq (.cell0 .slc) (.lit (.e .slc 0)))
        (.and (.eq (.cell0 .sc) (.lit (.e .sc 0))) (.eq (.cell0 .unacked) (.lit (.i (-1))))))))))
      (.and (.all .x .consumer (.or
          (.not (.or (.eq (.cell1 .cons (.param .x)) (.lit (.e .cons 1)))
                     (.eq (.cell1 .cons (.param .x)) (.lit (.e .cons 2)))))
          (.eq (.cell1 .status (.cell1 .owner (.param .x))) (.lit (.e .status 1)))))
        (.all .x .handle (.and
          (.or (.ne (.cell1 .storage (.param .x)) (.lit (.e .storage 1)))
               (.eq (.cell1 .status (.param .x)) (.lit (.e .status 1))))
          (.or (.not (.cell1 .router (.param .x)))
               (.eq (.cell1 .status (.param .x)) (.lit (.e .status 1))))))))
  | .deadlock => none
  | .txnLoss => none
  | .removalStarves => none
  | .ackStarves => none

/-- The liveness goals, written with constructors only (copy of `livenessGoal`). -/
def livenessGoalL : Property → Option Expr
  | .removalStarves => some (.all .x .chain (.or (.eq (.cell1 .chainPc (.param .x)) (.lit (.e .pc 0)))
      (.and (.not (.cell1 .router (.cell1 .chainHandle (.param .x))))
        (.all .y .consumer (.or
          (.not (.or (.eq (.cell1 .cons (.param .y)) (.lit (.e .cons 1)))
                     (.eq (.cell1 .cons (.param .y)) (.lit (.e .cons 2)))))
          (.ne (.cell1 .owner (.param .y)) (.cell1 .chainHandle (.param .x))))))))
  | .ackStarves => some (.eq (.cell0 .unacked) (.lit (.i (-1))))
  | _ => none

/-- The labels weak fairness does not force (copy of `unforced`). -/
def unforcedL : List Label :=
  [.RemoveShape, .TxnArrive, .SlcFail, .CacheStartFail, .ConsumerSuspend, .ConsumerCrash,
   .ConsumerSelfClean, .ConsumerKill]

end

/-- The exported invariant expressions are the ones the theorems are about. -/
theorem invL_eq (p : Property) : invL p = propInv p := by cases p <;> rfl

/-- The exported liveness goals are the ones the starvation theorems are about. -/
theorem livenessGoalL_eq (p : Property) : livenessGoalL p = livenessGoal p := by cases p <;> rfl

/-- The exported unforced labels are exactly the ones `forcedSteps` leaves out. -/
theorem unforcedL_eq (l : Label) : unforcedL.contains l = unforced l := by cases l <;> rfl

/-! ## Bridges from the theorems' own statements to the property invariants -/

theorem asBool_b' (x : Bool) : (Val.b x).asBool = x := rfl

public theorem nilCrash_holds {b : Bounds} {s : State} (h : s .crashCause 0 0 ≠ vSendNil) :
    holds b s .nilCrash := by
  simpa [holds, holdsB, inv, propInv, noNilCrash, notE, L, eval, asBool_b'] using h

public theorem startCrash_holds {b : Bounds} {s : State} (h : s .crashCause 0 0 ≠ vStartRaise) :
    holds b s .startCrash := by
  simpa [holds, holdsB, inv, propInv, noStartCrash, notE, L, eval, asBool_b'] using h

public theorem orphanDelivery_holds {b : Bounds} {s : State} (h : s .orphanDelivery 0 0 ≠ .b true) :
    holds b s .orphanDelivery := by
  have : (s .orphanDelivery 0 0).asBool = false := by
    cases hv : s .orphanDelivery 0 0 <;> simp_all [Val.asBool]
  simp [holds, holdsB, inv, propInv, noOrphanDelivery, orphanDelivery, eval, asBool_b', this]

/-- A supporting entry proves `True` from its theorem (so the proof term names the theorem). -/
public theorem supports {P : Prop} (_ : P) : True := trivial

/-! ## The verdicts -/

@[expose] public section

/-- Every headline theorem, with its variant, property and kind; one entry per verdict cell
(a theorem that settles several properties has one entry per property). -/
def verdicts : List Entry := [
  { name := "ShapeRemovalRaceSimple.initial_safe", module := "ShapeRemovalRaceSimple",
    variant := none, property := none,
    kind := .supporting,
    assumptions := [],
    claim := "Simple model: a live shape (in ShapeStatus, the EventRouter and the ConsumerRegistry) satisfies the safety invariant.",
    proof := (supports @ShapeRemovalRaceSimple.initial_safe) },
  { name := "ShapeRemovalRaceSimple.window_after_status_and_stop", module := "ShapeRemovalRaceSimple",
    variant := none, property := some .raceWindow,
    kind := .supporting,
    assumptions := [],
    claim := "Simple model: after ShapeStatus removal and Consumer.stop the router still routes to a shape with neither status nor registry entry.",
    proof := (supports @ShapeRemovalRaceSimple.window_after_status_and_stop) },
  { name := "ShapeRemovalRaceSimple.txn_in_window_crashes", module := "ShapeRemovalRaceSimple",
    variant := none, property := some .nilCrash,
    kind := .supporting,
    assumptions := [],
    claim := "Simple model: a transaction routed to a shape with no ShapeStatus entry AND no registry entry crashes the collector (send(nil, ...)); with a registered (dead) pid there is no crash.",
    proof := (supports @ShapeRemovalRaceSimple.txn_in_window_crashes) },
  { name := "ElectricRace.projection_simulates_preFix", module := "ElectricRace.Thm.Simulation",
    variant := none, property := none,
    kind := .supporting,
    assumptions := [],
    claim := "Simulation, all bounds, every state: every PreFix step other than CacheStart, ConsumerInit and SlcRestart changes handle 0's four facts (status, router, registry entry, storage) by nothing or by exactly one step of the single-shape model.",
    proof := (supports @projection_simulates_preFix) },
  { name := "ElectricRace.exceptions_are_real", module := "ElectricRace.Thm.Simulation",
    variant := none, property := none,
    kind := .supporting,
    assumptions := [],
    claim := "Replayed from the restored shape: CacheStart (PreFix), ConsumerInit in the orphan interleaving (FixA2) and SlcRestart after a collector fault (FixB) each change those four facts in a way no single-shape step does.",
    proof := (supports @exceptions_are_real) },
  { name := "ShapeRemovalRaceSimple.routerFirst_safe_every_step", module := "ShapeRemovalRaceSimple",
    variant := none, property := some .raceWindow,
    kind := .supporting,
    assumptions := [],
    claim := "Simple model: removing the shape from the EventRouter first keeps the invariant at every step of the removal.",
    proof := (supports @ShapeRemovalRaceSimple.routerFirst_safe_every_step) },
  { name := "ElectricRace.preFix_crash_reachable", module := "ElectricRace.Thm.Witnesses",
    variant := some .PreFix, property := some .nilCrash,
    kind := (.witness b1L recipeCrashL),
    assumptions := [],
    claim := "Witness: replaying the recipe from the restored initial state (a shape without registry entry, a transaction in the window) ends with the collector crashed by send(nil).",
    proof := preFix_crash_reachable },
  { name := "ElectricRace.preFix_window_reachable", module := "ElectricRace.Thm.Witnesses",
    variant := some .PreFix, property := some .raceWindow,
    kind := (.witness b1L windowSchedL),
    assumptions := [],
    claim := "Witness: after RemoveShape and the ShapeStatus step the router holds a shape whose ShapeStatus entry is absent.",
    proof := preFix_window_reachable.1 },
  { name := "ElectricRace.preFix_window_reachable", module := "ElectricRace.Thm.Witnesses",
    variant := some .PreFix, property := some .routedNotPresent,
    kind := (.witness b1L windowSchedL),
    assumptions := [],
    claim := "Witness: after RemoveShape and the ShapeStatus step the router holds a shape whose ShapeStatus entry is absent.",
    proof := preFix_window_reachable.2 },
  { name := "ElectricRace.preFix_registered_dead_consumer_noproc", module := "ElectricRace.Thm.Witnesses",
    variant := some .PreFix, property := some .nilCrash,
    kind := .supporting,
    assumptions := [],
    claim := "Witness (bounds T=2): a shape whose dead consumer is still registered resolves to the dead pid (:noproc); SlcCrash is not enabled and the collector survives.",
    proof := (supports @preFix_registered_dead_consumer_noproc) },
  { name := "ElectricRace.preFix_orphan_reachable", module := "ElectricRace.Thm.Orphan",
    variant := some .PreFix, property := some .orphanDelivery,
    kind := (.witness b1L orphanRecheckSchedL),
    assumptions := [],
    claim := "Witness: the removal's ShapeStatus step lands between the consumer's start and the broadcast; the live consumer receives an event for a shape whose status is not present.",
    proof := preFix_orphan_reachable },
  { name := "ElectricRace.preFix_startCrash_reachable", module := "ElectricRace.Thm.StartCrash",
    variant := some .PreFix, property := some .startCrash,
    kind := (.witness b1L startCrashSchedL),
    assumptions := [],
    claim := "Witness: ShapeCache's check passes, the removal's ShapeStatus step lands, the consumer's start re-reads ShapeStatus and raises, start_consumer! crashes the collector.",
    proof := preFix_startCrash_reachable },
  { name := "ElectricRace.preFix_storage_orphan_after_crash", module := "ElectricRace.Thm.ChainsDie",
    variant := some .PreFix, property := some .quiescentOrphan,
    kind := (.witness b1L chainKilledSchedL),
    assumptions := [],
    claim := "Witness: a removal passes its ShapeStatus step, the collector crashes and the restart kills the removal (its task supervisor was inside the shape subsystem before ba6dd2c7d); at quiescence the shape's storage remains with no ShapeStatus entry.",
    proof := preFix_storage_orphan_after_crash },
  { name := "ElectricRace.preFix_nilCrash_leaves_orphaned_storage", module := "ElectricRace.Thm.ChainsDie",
    variant := some .PreFix, property := some .quiescentOrphan,
    kind := (.witness b1L nilCrashKillsRemovalSchedL),
    assumptions := [],
    claim := "Witness: the send(nil) crash that the removal's window causes kills that removal between its ShapeStatus and storage steps; after the re-sent transaction is acknowledged, nothing is in flight and the shape's storage remains with no ShapeStatus entry.",
    proof := preFix_nilCrash_leaves_orphaned_storage },
  { name := "ElectricRace.fixA_chain_survives_crash", module := "ElectricRace.Thm.ChainsDie",
    variant := some .FixA, property := some .quiescentOrphan,
    kind := .supporting,
    assumptions := [],
    claim := "Replayed at H=C=K=T=1 from the restored initial state: after the same crash the FixA removal survives (after ba6dd2c7d) and finishes; the end state is quiescent and clean. One schedule, not a proof of the cell.",
    proof := (supports @fixA_chain_survives_crash) },
  { name := "ElectricRace.fixA_window_reachable", module := "ElectricRace.Thm.Witnesses",
    variant := some .FixA, property := some .raceWindow,
    kind := (.witness b1L windowSchedL),
    assumptions := [],
    claim := "Witness: after RemoveShape and the ShapeStatus step the router holds a shape whose ShapeStatus entry is absent (the nil filter does not close it).",
    proof := fixA_window_reachable.1 },
  { name := "ElectricRace.fixA_window_reachable", module := "ElectricRace.Thm.Witnesses",
    variant := some .FixA, property := some .routedNotPresent,
    kind := (.witness b1L windowSchedL),
    assumptions := [],
    claim := "Witness: after RemoveShape and the ShapeStatus step the router holds a shape whose ShapeStatus entry is absent (the nil filter does not close it).",
    proof := fixA_window_reachable.2 },
  { name := "ElectricRace.fixA_noNilCrash", module := "ElectricRace.Thm.Model",
    variant := some .FixA, property := some .nilCrash,
    kind := .safetyAllBounds,
    assumptions := [],
    claim := "Safety, all bounds, all interleavings incl. external crash and restart: the collector never crashes by sending to nil.",
    proof := (by intro b s hs; exact nilCrash_holds (@fixA_noNilCrash b s hs)) },
  { name := "ElectricRace.fixA_nil_never_blocks", module := "ElectricRace.Thm.Progress",
    variant := some .FixA, property := some .nilCrash,
    kind := .supporting,
    assumptions := [],
    claim := "Progress, all bounds, every state: once the collector is publishing, nothing is pending and ShapeCache is idle, SlcBroadcast is enabled whatever nil resolutions exist.",
    proof := (supports @fixA_nil_never_blocks) },
  { name := "ElectricRace.fixA_recipe_survives", module := "ElectricRace.Thm.Witnesses",
    variant := some .FixA, property := some .nilCrash,
    kind := (.replay recipeBroadcastL),
    assumptions := [],
    claim := "Replayed from the restored initial state: the recipe resolves the shape to nil, the recipe plus SlcBroadcast ends with the transaction acknowledged and no crash; under PreFix the same recipe plus SlcCrash crashes by nil.",
    proof := (supports @fixA_recipe_survives) },
  { name := "ElectricRace.fixA_orphan_reachable", module := "ElectricRace.Thm.Orphan",
    variant := some .FixA, property := some .orphanDelivery,
    kind := (.witness b1L orphanRecheckSchedL),
    assumptions := [],
    claim := "Witness: the removal's ShapeStatus step lands between the consumer's start and the broadcast; the live consumer receives an event for a shape whose status is not present.",
    proof := fixA_orphan_reachable },
  { name := "ElectricRace.fixA_startCrash_reachable", module := "ElectricRace.Thm.StartCrash",
    variant := some .FixA, property := some .startCrash,
    kind := (.witness b1L startCrashSchedL),
    assumptions := [],
    claim := "Witness: the second crash path fix A did not close. ShapeCache's check passes, the removal's ShapeStatus step lands, the consumer's start re-reads ShapeStatus and raises, start_consumer! crashes the collector.",
    proof := fixA_startCrash_reachable },
  { name := "ElectricRace.fixA2_window_reachable", module := "ElectricRace.Thm.Witnesses",
    variant := some .FixA2, property := some .raceWindow,
    kind := (.witness b1L windowSchedL),
    assumptions := [],
    claim := "Witness: after RemoveShape and the ShapeStatus step the router holds a shape whose ShapeStatus entry is absent at HEAD.",
    proof := fixA2_window_reachable.1 },
  { name := "ElectricRace.fixA2_window_reachable", module := "ElectricRace.Thm.Witnesses",
    variant := some .FixA2, property := some .routedNotPresent,
    kind := (.witness b1L windowSchedL),
    assumptions := [],
    claim := "Witness: after RemoveShape and the ShapeStatus step the router holds a shape whose ShapeStatus entry is absent at HEAD.",
    proof := fixA2_window_reachable.2 },
  { name := "ElectricRace.fixA2_noStartCrash", module := "ElectricRace.Thm.StartCrash",
    variant := some .FixA2, property := some .startCrash,
    kind := .safetyAllBounds,
    assumptions := [],
    claim := "Safety, all bounds, all interleavings incl. external crash and restart: the collector never crashes through start_consumer! (no rule records that cause).",
    proof := (by intro b s hs; exact startCrash_holds (@fixA2_noStartCrash b s hs)) },
  { name := "ElectricRace.fixA2_noNilCrash", module := "ElectricRace.Thm.Model",
    variant := some .FixA2, property := some .nilCrash,
    kind := .safetyAllBounds,
    assumptions := [],
    claim := "Safety, all bounds, all interleavings incl. external crash and restart: the collector never crashes by sending to nil.",
    proof := (by intro b s hs; exact nilCrash_holds (@fixA2_noNilCrash b s hs)) },
  { name := "ElectricRace.fixA2_nil_never_blocks", module := "ElectricRace.Thm.Progress",
    variant := some .FixA2, property := some .nilCrash,
    kind := .supporting,
    assumptions := [],
    claim := "Progress, all bounds, every state: once the collector is publishing, nothing is pending and ShapeCache is idle, SlcBroadcast is enabled whatever nil resolutions exist.",
    proof := (supports @fixA2_nil_never_blocks) },
  { name := "ElectricRace.fixA2_recipe_survives", module := "ElectricRace.Thm.Witnesses",
    variant := some .FixA2, property := some .nilCrash,
    kind := (.replay recipeBroadcastL),
    assumptions := [],
    claim := "Replayed from the restored initial state: the recipe resolves the shape to nil, the recipe plus SlcBroadcast ends with the transaction acknowledged and no crash; under PreFix the same recipe plus SlcCrash crashes by nil.",
    proof := (supports @fixA2_recipe_survives) },
  { name := "ElectricRace.fixA2_orphan_reachable", module := "ElectricRace.Thm.Orphan",
    variant := some .FixA2, property := some .orphanDelivery,
    kind := (.witness b1L orphanSchedL),
    assumptions := [],
    claim := "Witness: ShapeCache check-then-start races the cleaner; a live consumer receives an event for a shape whose status is not present.",
    proof := fixA2_orphan_reachable },
  { name := "ElectricRace.fixA2_quiescent_orphan", module := "ElectricRace.Thm.Orphan",
    variant := some .FixA2, property := some .quiescentOrphan,
    kind := (.witness b1L orphanQuiescentSchedL),
    assumptions := [],
    claim := "Witness: a quiescent state (nothing in flight) with a live consumer and storage for a shape without status.",
    proof := fixA2_quiescent_orphan },
  { name := "ElectricRace.fixB_orphan_after_fault", module := "ElectricRace.Thm.Orphan",
    variant := some .FixB, property := some .orphanDelivery,
    kind := (.witness b1L fixBFaultOrphanSchedL),
    assumptions := [],
    claim := "Witness: an external collector crash between the chain's router step and its status step re-routes the shape; a transaction starts a consumer for it, the status step lands, and the broadcast delivers to that live consumer of a shape without status.",
    proof := fixB_orphan_after_fault },
  { name := "ElectricRace.fixB_window_after_fault", module := "ElectricRace.Thm.Orphan",
    variant := some .FixB, property := some .raceWindow,
    kind := (.witness b1L fixBFaultSchedL),
    assumptions := [],
    claim := "Witness: an external collector crash between the chain's router step and its status step reopens the window (router rebuilt from ShapeStatus).",
    proof := fixB_window_after_fault.1 },
  { name := "ElectricRace.fixB_window_after_fault", module := "ElectricRace.Thm.Orphan",
    variant := some .FixB, property := some .routedNotPresent,
    kind := (.witness b1L fixBFaultSchedL),
    assumptions := [],
    claim := "Witness: an external collector crash between the chain's router step and its status step reopens the window (router rebuilt from ShapeStatus).",
    proof := fixB_window_after_fault.2 },
  { name := "ElectricRace.fixB_nilCrash_after_fault", module := "ElectricRace.Thm.Orphan",
    variant := some .FixB, property := some .nilCrash,
    kind := (.witness b1L fixBFaultCrashSchedL),
    assumptions := [],
    claim := "Witness: after such a restart FixB (no nil filter) crashes by send(nil).",
    proof := fixB_nilCrash_after_fault },
  { name := "ElectricRace.fixB_deadlock_shapeCache_clean", module := "ElectricRace.Thm.FixBDeadlock",
    variant := some .FixB, property := some .deadlock,
    kind := (.deadlockWitness b1L hostedCleanDeadlockSchedL),
    assumptions := [],
    claim := "Witness: a consumer start fails while the collector publishes, ShapeCache runs clean_shape synchronously and hosts the chain, whose first step waits for the collector: the collector waits on ShapeCache, ShapeCache on the chain, the chain on the collector. The end state has work in progress and no enabled rule except the external crash SlcFail.",
    proof := fixB_deadlock_shapeCache_clean },
  { name := "ElectricRace.waitsOn_acyclic", module := "ElectricRace.Thm.Model",
    variant := some .FixB, property := some .deadlock,
    kind := .supporting,
    assumptions := [],
    claim := "The hand-written waits-for relation (cleaner -> collector, collector -> ShapeCache, replication -> collector) has no cycle in any state; it is not derived from the rules and leaves out ShapeCache waiting on the chain its clean_shape hosts, the edge that closes the cycle of fixB_deadlock_shapeCache_clean, so this is not a deadlock-freedom proof of the rules.",
    proof := (supports @waitsOn_acyclic) },
  { name := "ElectricRace.fixB_quiescent_orphan", module := "ElectricRace.Thm.Orphan",
    variant := some .FixB, property := some .quiescentOrphan,
    kind := (.witness b1L fixBStopMissesSchedL),
    assumptions := [],
    claim := "Witness: the router-first removal deletes the registry entry, Consumer.stop finds no pid, the consumer stays live at quiescence.",
    proof := fixB_quiescent_orphan.1 },
  { name := "ElectricRace.fixC_tombstone_routed", module := "ElectricRace.Thm.Witnesses",
    variant := some .FixC, property := some .routedNotPresent,
    kind := (.witness b1L windowSchedL),
    assumptions := [],
    claim := "Witness: after the ShapeStatus step the router holds a tombstoned shape (status not present); harmless by design, publish skips tombstones.",
    proof := fixC_tombstone_routed },
  { name := "ElectricRace.fixC_orphan_reachable", module := "ElectricRace.Thm.Orphan",
    variant := some .FixC, property := some .orphanDelivery,
    kind := (.witness b1L orphanSchedL),
    assumptions := [],
    claim := "Witness: the orphan-consumer interleaving is reachable despite the tombstone.",
    proof := fixC_orphan_reachable },
  { name := "ElectricRace.fixC_quiescent_orphan", module := "ElectricRace.Thm.Orphan",
    variant := some .FixC, property := some .quiescentOrphan,
    kind := (.witness b1L orphanQuiescentSchedL),
    assumptions := [],
    claim := "Witness: a quiescent state with a live consumer for a removed shape.",
    proof := fixC_quiescent_orphan },
  { name := "ElectricRace.fixC_invariant_allBounds", module := "ElectricRace.Thm.FixCAll",
    variant := some .FixC, property := none,
    kind := .supporting,
    assumptions := [],
    claim := "Safety, every Bounds, all interleavings incl. external crash and restart: the inductive invariant InvCAll holds for every handle h < H (no nil crash; a routed shape's ShapeStatus entry is not absent; a ShapeCache request and a pending routing belong to a routed handle while the collector publishes; no publish resolved to nil).",
    proof := (supports @fixC_invariant_allBounds) },
  { name := "ElectricRace.fixC_noStartCrash", module := "ElectricRace.Thm.StartCrash",
    variant := some .FixC, property := some .startCrash,
    kind := .safetyAllBounds,
    assumptions := ["the consumer start of HEAD (no re-read of ShapeStatus); a modelling choice for this hypothetical fix"],
    claim := "Safety, all bounds, all interleavings incl. external crash and restart: the collector never crashes through start_consumer! (no rule records that cause).",
    proof := (by intro b s hs; exact startCrash_holds (@fixC_noStartCrash b s hs)) },
  { name := "ElectricRace.fixC_noNilCrash_allBounds", module := "ElectricRace.Thm.FixCAll",
    variant := some .FixC, property := some .nilCrash,
    kind := .safetyAllBounds,
    assumptions := [],
    claim := "Safety, every Bounds, all interleavings incl. external crash and restart: the collector never crashes by sending to nil (crashCause is never sendNil).",
    proof := (by intro b s hs; exact nilCrash_holds (fixC_noNilCrash_allBounds b s hs)) },
  { name := "ElectricRace.fixC_noWindow_allBounds", module := "ElectricRace.Thm.FixCAll",
    variant := some .FixC, property := some .raceWindow,
    kind := .safetyAllBounds,
    assumptions := [],
    claim := "Safety, every Bounds, all interleavings incl. external crash and restart: for every handle h < H, if the router holds h then its ShapeStatus entry is not absent (no race window).",
    proof := (by intro b s hs; exact raceWindow_holds (fixC_noWindow_allBounds b s hs)) },
  { name := "ElectricRace.fixB_noFault_invariant_allBounds", module := "ElectricRace.Thm.FixBAll",
    variant := some .FixB, property := none,
    kind := .supporting,
    assumptions := ["no external collector crash and no failed consumer start (SlcFail, CacheStartFail and CacheCleanReturn left out)"],
    claim := "Safety, every Bounds, all interleavings without SlcFail and failed consumer starts: the inductive invariant InvBAll holds for every handle h < H and chain k < K (the collector is never down and its crash cause stays none; a routed shape is present; a chain at its status step has seen its handle leave the router; a ShapeCache request and a pending routing belong to a routed handle while the collector publishes; no publish resolved to nil).",
    proof := (supports @fixB_noFault_invariant_allBounds) },
  { name := "ElectricRace.fixB_noStartCrash", module := "ElectricRace.Thm.StartCrash",
    variant := some .FixB, property := some .startCrash,
    kind := .safetyAllBounds,
    assumptions := ["the consumer start of HEAD (no re-read of ShapeStatus); a modelling choice for this hypothetical fix"],
    claim := "Safety, all bounds, all interleavings incl. external crash and restart: the collector never crashes through start_consumer! (no rule records that cause).",
    proof := (by intro b s hs; exact startCrash_holds (@fixB_noStartCrash b s hs)) },
  { name := "ElectricRace.fixB_noFault_noNilCrash_allBounds", module := "ElectricRace.Thm.FixBAll",
    variant := some .FixB, property := some .nilCrash,
    kind := .safetyAllBoundsNoFault,
    assumptions := ["no external collector crash and no failed consumer start (SlcFail, CacheStartFail and CacheCleanReturn left out)"],
    claim := "Safety, every Bounds, all interleavings without SlcFail and failed consumer starts: the collector is never down and its crash cause stays none, so it never crashes by sending to nil.",
    proof := (by intro b s hs; exact nilCrash_holds (noCause_ne_sendNil (fixB_noFault_noNilCrash_allBounds b s hs).2)) },
  { name := "ElectricRace.fixB_noFault_noWindow_allBounds", module := "ElectricRace.Thm.FixBAll",
    variant := some .FixB, property := some .raceWindow,
    kind := .safetyAllBoundsNoFault,
    assumptions := ["no external collector crash and no failed consumer start (SlcFail, CacheStartFail and CacheCleanReturn left out)"],
    claim := "Safety, every Bounds, all interleavings without SlcFail and failed consumer starts: for every handle h < H, if the router holds h then h is present in ShapeStatus (no race window, no routed shape that is not present).",
    proof := (by intro b s hs; exact raceWindow_holds (fun i hi hr => by rw [fixB_noFault_noWindow_allBounds b s hs i hi hr]; decide)) },
  { name := "ElectricRace.fixB_noFault_noWindow_allBounds", module := "ElectricRace.Thm.FixBAll",
    variant := some .FixB, property := some .routedNotPresent,
    kind := .safetyAllBoundsNoFault,
    assumptions := ["no external collector crash and no failed consumer start (SlcFail, CacheStartFail and CacheCleanReturn left out)"],
    claim := "Safety, every Bounds, all interleavings without SlcFail and failed consumer starts: for every handle h < H, if the router holds h then h is present in ShapeStatus (no race window, no routed shape that is not present).",
    proof := (by intro b s hs; exact routedNotPresent_holds (fixB_noFault_noWindow_allBounds b s hs)) },
  { name := "ElectricRace.fixB_noFault_noOrphanDelivery_allBounds", module := "ElectricRace.Thm.FixBOrphan",
    variant := some .FixB, property := some .orphanDelivery,
    kind := .safetyAllBoundsNoFault,
    assumptions := ["no external collector crash and no failed consumer start (SlcFail, CacheStartFail and CacheCleanReturn left out)"],
    claim := "Safety, every Bounds, all interleavings without SlcFail and failed consumer starts: no live consumer ever receives an event while its shape's status is not present (a resolved consumer's handle is routed, hence present, while the collector publishes).",
    proof := (by intro b s hs; exact orphanDelivery_holds (fixB_noFault_noOrphanDelivery_allBounds b s hs)) },
  { name := "ElectricRace.serializedRemoval_clean_at_quiescence_allBounds", module := "ElectricRace.Thm.SRQuiet",
    variant := some .SerializedRemoval, property := some .quiescentOrphan,
    kind := .safetyAllBounds,
    assumptions := [],
    claim := "Safety, every Bounds, all interleavings incl. external crash and restart: at quiescence (no chain in progress, nothing pending, batched or queued, no publish, no ShapeCache request, no un-acknowledged transaction) every live consumer's shape is present, stored data belongs only to present shapes, and the router holds only present shapes.",
    proof := serializedRemoval_clean_at_quiescence_allBounds },
  { name := "ElectricRace.serializedRemoval_noDeadlock_allBounds", module := "ElectricRace.Thm.SRProgress",
    variant := some .SerializedRemoval, property := some .deadlock,
    kind := .deadlockFreeAllBounds,
    assumptions := [],
    claim := "For every Bounds, external collector crashes included: in every reachable state with work still in progress that is not held only by the consumer-id bound, some step other than an external crash is enabled; the rules never deadlock. The proposal's ShapeCache starts its clean_shape asynchronously (docs/fix-proposal.md), so no chain is hosted by ShapeCache; the collector's own synchronous remove_shapes is not modelled.",
    proof := serializedRemoval_noDeadlock_allBounds },
  { name := "ElectricRace.serializedRemoval_noTxnLoss_allBounds", module := "ElectricRace.Thm.TxnFlow.Proposed",
    variant := some .SerializedRemoval, property := some .txnLoss,
    kind := .txnSafeAllBounds,
    assumptions := [],
    claim := "For every Bounds, external collector crashes included (electric.md I6): in every reachable state the un-acknowledged transaction is being published, waits in the collector's mailbox, or the collector is down (its restart re-queues it); and the only step that acknowledges it is SlcBroadcast ending the publish of that very transaction with no handle pending. Which consumers the publish reaches is the broadcast rule itself (a resolved, live consumer applies it; a dead one is skipped), not part of this statement.",
    proof := serializedRemoval_noTxnLoss_allBounds },
  { name := "ElectricRace.preFix_noTxnLoss_allBounds", module := "ElectricRace.Thm.TxnFlow.Upstream",
    variant := some .PreFix, property := some .txnLoss,
    kind := .txnSafeAllBounds,
    assumptions := [],
    claim := "For every Bounds, external collector crashes, the send(nil, …) crash and the start_consumer! crash included (electric.md I6): the crashes lose no transaction, since the restart re-queues it: in every reachable state the un-acknowledged transaction is being published, waits in the collector's mailbox, or the collector is down (its restart re-queues it); and the only step that acknowledges it is SlcBroadcast ending the publish of that very transaction with no handle pending. Which consumers the publish reaches is the broadcast rule itself, not part of this statement.",
    proof := preFix_noTxnLoss_allBounds },
  { name := "ElectricRace.fixA_noTxnLoss_allBounds", module := "ElectricRace.Thm.TxnFlow.Upstream",
    variant := some .FixA, property := some .txnLoss,
    kind := .txnSafeAllBounds,
    assumptions := [],
    claim := "For every Bounds, external collector crashes and the start_consumer! crash included (electric.md I6): in every reachable state the un-acknowledged transaction is being published, waits in the collector's mailbox, or the collector is down (its restart re-queues it); and the only step that acknowledges it is SlcBroadcast ending the publish of that very transaction with no handle pending. Which consumers the publish reaches is the broadcast rule itself, not part of this statement.",
    proof := fixA_noTxnLoss_allBounds },
  { name := "ElectricRace.fixA2_noTxnLoss_allBounds", module := "ElectricRace.Thm.TxnFlow.Upstream",
    variant := some .FixA2, property := some .txnLoss,
    kind := .txnSafeAllBounds,
    assumptions := [],
    claim := "For every Bounds, external collector crashes included (electric.md I6): in every reachable state the un-acknowledged transaction is being published, waits in the collector's mailbox, or the collector is down (its restart re-queues it); and the only step that acknowledges it is SlcBroadcast ending the publish of that very transaction with no handle pending. Which consumers the publish reaches is the broadcast rule itself, not part of this statement.",
    proof := fixA2_noTxnLoss_allBounds },
  { name := "ElectricRace.fixB_noTxnLoss_allBounds", module := "ElectricRace.Thm.TxnFlow.Proposed",
    variant := some .FixB, property := some .txnLoss,
    kind := .txnSafeAllBounds,
    assumptions := [],
    claim := "For every Bounds, external collector crashes and failed consumer starts (the clean_shape chain ShapeCache hosts) included (electric.md I6): in every reachable state the un-acknowledged transaction is being published, waits in the collector's mailbox, or the collector is down (its restart re-queues it); and the only step that acknowledges it is SlcBroadcast ending the publish of that very transaction with no handle pending. Which consumers the publish reaches is the broadcast rule itself, not part of this statement.",
    proof := fixB_noTxnLoss_allBounds },
  { name := "ElectricRace.fixC_noTxnLoss_allBounds", module := "ElectricRace.Thm.TxnFlow.Proposed",
    variant := some .FixC, property := some .txnLoss,
    kind := .txnSafeAllBounds,
    assumptions := [],
    claim := "For every Bounds, external collector crashes included (electric.md I6): in every reachable state the un-acknowledged transaction is being published, waits in the collector's mailbox, or the collector is down (its restart re-queues it); and the only step that acknowledges it is SlcBroadcast ending the publish of that very transaction with no handle pending. Which consumers the publish reaches is the broadcast rule itself, not part of this statement.",
    proof := fixC_noTxnLoss_allBounds },
  { name := "ElectricRace.serializedRemoval_invariant_allBounds", module := "ElectricRace.Thm.SRAll",
    variant := some .SerializedRemoval, property := none,
    kind := .supporting,
    assumptions := [],
    claim := "Safety, every Bounds, all interleavings incl. external crash and restart: the inductive invariant InvSR holds for every handle h < H (no nil crash; a routed shape is present; a ShapeCache request, a pending routing and a resolved consumer belong to a routed, hence present, handle while the collector publishes; no publish resolved to nil; no orphan delivery).",
    proof := (supports @serializedRemoval_invariant_allBounds) },
  { name := "ElectricRace.serializedRemoval_noNilCrash_allBounds", module := "ElectricRace.Thm.SRAll",
    variant := some .SerializedRemoval, property := some .nilCrash,
    kind := .safetyAllBounds,
    assumptions := [],
    claim := "Safety, every Bounds, all interleavings incl. external crash and restart: the collector never crashes by sending to nil, although its broadcast keeps the pre-fix send(nil) (crashCause is never sendNil).",
    proof := (by intro b s hs; exact nilCrash_holds (serializedRemoval_noNilCrash_allBounds b s hs)) },
  { name := "ElectricRace.serializedRemoval_noStartCrash", module := "ElectricRace.Thm.StartCrash",
    variant := some .SerializedRemoval, property := some .startCrash,
    kind := .safetyAllBounds,
    assumptions := ["the consumer start of HEAD (no re-read of ShapeStatus)"],
    claim := "Safety, all bounds, all interleavings incl. external crash and restart: the collector never crashes through start_consumer! (no rule records that cause).",
    proof := (by intro b s hs; exact startCrash_holds (@serializedRemoval_noStartCrash b s hs)) },
  { name := "ElectricRace.serializedRemoval_noWindow_allBounds", module := "ElectricRace.Thm.SRAll",
    variant := some .SerializedRemoval, property := some .raceWindow,
    kind := .safetyAllBounds,
    assumptions := [],
    claim := "Safety, every Bounds, all interleavings incl. external crash and restart: for every handle h < H, if the router holds h then h is present in ShapeStatus (no race window, no routed shape that is not present).",
    proof := (by intro b s hs; exact raceWindow_holds (fun i hi hr => by rw [serializedRemoval_noWindow_allBounds b s hs i hi hr]; decide)) },
  { name := "ElectricRace.serializedRemoval_noWindow_allBounds", module := "ElectricRace.Thm.SRAll",
    variant := some .SerializedRemoval, property := some .routedNotPresent,
    kind := .safetyAllBounds,
    assumptions := [],
    claim := "Safety, every Bounds, all interleavings incl. external crash and restart: for every handle h < H, if the router holds h then h is present in ShapeStatus (no race window, no routed shape that is not present).",
    proof := (by intro b s hs; exact routedNotPresent_holds (serializedRemoval_noWindow_allBounds b s hs)) },
  { name := "ElectricRace.serializedRemoval_noOrphanDelivery_allBounds", module := "ElectricRace.Thm.SRAll",
    variant := some .SerializedRemoval, property := some .orphanDelivery,
    kind := .safetyAllBounds,
    assumptions := [],
    claim := "Safety, every Bounds, all interleavings incl. external crash and restart: no live consumer ever receives an event while its shape's status is not present.",
    proof := (by intro b s hs; exact orphanDelivery_holds (serializedRemoval_noOrphanDelivery_allBounds b s hs)) },
  { name := "ElectricRace.serializedRemoval_removal_starves_under_recurring_crashes", module := "ElectricRace.Thm.Liveness",
    variant := some .SerializedRemoval, property := some .removalStarves,
    kind := .supporting,
    assumptions := [],
    claim := "Counterexample to liveness, H=C=K=T=1, weak fairness, only if external collector crashes recur forever: a lasso in which the collector crashes after each removal request and before serving it; every action instance enabled throughout the cycle except SlcFail is taken, and the removal never completes (the shape stays routed).",
    proof := (supports @serializedRemoval_removal_starves_under_recurring_crashes) },
  { name := "ElectricRace.serializedRemoval_removal_fairRuns_settle_allBounds", module := "ElectricRace.Thm.SRFair",
    variant := some .SerializedRemoval, property := some .removalStarves,
    kind := .liveness,
    assumptions := fairRunAssumptions,
    claim := "Liveness, every Bounds, external collector crashes included in the rules: every run that is weakly fair to the system's forced rules and makes finitely many unforced moves reaches a state in which every started removal has its shape out of the router and no live consumer owning it, or a state held only by the consumer-id bound. Composed in Lean from serializedRemoval_forcedSteps_terminate_allBounds and serializedRemoval_removal_neverStuck_allBounds.",
    proof := (fun b => serializedRemoval_removal_fairRuns_settle_allBounds b) },
  { name := "ElectricRace.serializedRemoval_ack_fairRuns_settle_allBounds", module := "ElectricRace.Thm.SRFair",
    variant := some .SerializedRemoval, property := some .ackStarves,
    kind := .liveness,
    assumptions := fairRunAssumptions,
    claim := "Liveness, every Bounds, external collector crashes included in the rules: every run that is weakly fair to the system's forced rules and makes finitely many unforced moves reaches a state with nothing un-acknowledged, or a state held only by the consumer-id bound. Composed in Lean from serializedRemoval_forcedSteps_terminate_allBounds and serializedRemoval_ack_neverStuck_allBounds.",
    proof := (fun b => serializedRemoval_ack_fairRuns_settle_allBounds b) },
  { name := "ElectricRace.serializedRemoval_removal_neverStuck_allBounds", module := "ElectricRace.Thm.SRSettle",
    variant := some .SerializedRemoval, property := some .removalStarves,
    kind := .supporting,
    assumptions := [],
    claim := "Half of liveness, every Bounds, external collector crashes included: no reachable state in which a started removal is unsettled (its shape still routed, or owned by a live consumer) and which is not held only by the consumer-id bound has every forced step disabled, so no weakly fair run can come to rest in a state short of the goal. The other half, that forced steps alone cannot run forever, is serializedRemoval_forcedSteps_terminate_allBounds; serializedRemoval_removal_fairRuns_settle_allBounds composes the two over weakly fair runs.",
    proof := (supports @serializedRemoval_removal_neverStuck_allBounds) },
  { name := "ElectricRace.serializedRemoval_ack_neverStuck_allBounds", module := "ElectricRace.Thm.SRSettle",
    variant := some .SerializedRemoval, property := some .ackStarves,
    kind := .supporting,
    assumptions := [],
    claim := "Half of liveness, every Bounds, external collector crashes included: no reachable state in which a transaction is un-acknowledged and which is not held only by the consumer-id bound has every forced step disabled, so no weakly fair run can come to rest in a state short of the acknowledgement. The other half, that forced steps alone cannot run forever, is serializedRemoval_forcedSteps_terminate_allBounds; serializedRemoval_ack_fairRuns_settle_allBounds composes the two over weakly fair runs.",
    proof := (supports @serializedRemoval_ack_neverStuck_allBounds) },
  { name := "ElectricRace.serializedRemoval_forcedSteps_terminate_allBounds", module := "ElectricRace.Thm.SRRank",
    variant := some .SerializedRemoval, property := some .removalStarves,
    kind := .supporting,
    assumptions := [],
    claim := "Every Bounds, external collector crashes included: from every reachable state each enabled forced step (all but a new removal, a transaction, an external crash, a failed consumer start and a consumer's own exit) lowers the natural number srRank, so forced steps alone cannot run forever. With the two never-stuck theorems this is the other half of liveness for runs with finitely many unforced moves; serializedRemoval_removal_fairRuns_settle_allBounds and serializedRemoval_ack_fairRuns_settle_allBounds compose them.",
    proof := (supports @serializedRemoval_forcedSteps_terminate_allBounds) },
  { name := "ElectricRace.ack_starves_under_recurring_crashes", module := "ElectricRace.Thm.AckLiveness",
    variant := none, property := some .ackStarves,
    kind := .supporting,
    assumptions := [],
    claim := "Counterexample to liveness of the acknowledgement, every variant, H=C=K=T=1, weak fairness, only if external collector crashes recur forever: after a complete removal a transaction arrives, and in every round the collector takes the event and crashes before its broadcast; every action instance enabled throughout the cycle except SlcFail is taken, and the transaction is never acknowledged.",
    proof := (supports @ack_starves_under_recurring_crashes) },
  { name := "ElectricRace.fixB_removal_starves_under_recurring_crashes", module := "ElectricRace.Thm.Liveness",
    variant := some .FixB, property := some .removalStarves,
    kind := .supporting,
    assumptions := [],
    claim := "Counterexample to liveness, H=C=K=T=1, weak fairness, only if external collector crashes recur forever: the same lasso as for SerializedRemoval; the restart rebuilds the router with the shape and the chain re-issues its request forever.",
    proof := (supports @fixB_removal_starves_under_recurring_crashes) },
  { name := "ElectricRace.preFix_removal_starves_after_crash", module := "ElectricRace.Thm.Starvation",
    variant := some .PreFix, property := some .removalStarves,
    kind := (.starvationWitness b1L crashLosesRemovalSchedL),
    assumptions := [],
    claim := "Counterexample, weak fairness, ONE external collector crash: the removal starts, the collector crashes before the chain's first step and takes the chain with it; after the restart the shape is still in ShapeStatus and routed and no forced step is enabled, so the removal never completes.",
    proof := preFix_removal_starves_after_crash },
  { name := "ElectricRace.fixA2_removal_starves_orphan", module := "ElectricRace.Thm.Starvation",
    variant := some .FixA2, property := some .removalStarves,
    kind := (.starvationWitness b1L orphanStarvesSchedL),
    assumptions := [],
    claim := "Counterexample, weak fairness, no crash: the orphan interleaving run to its end; the consumer ShapeCache checked starts after the removal stopped the old one and dropped the route, and a live consumer owns the removed shape with no forced step enabled (its own exit is not forced).",
    proof := fixA2_removal_starves_orphan },
  { name := "ElectricRace.fixA2_ack_fairRuns_settle_allBounds", module := "ElectricRace.Thm.FixA2Fair",
    variant := some .FixA2, property := some .ackStarves,
    kind := .liveness,
    assumptions := fairRunAssumptions,
    claim := "Liveness, every Bounds, external collector crashes included in the rules: every run that is weakly fair to the system's forced rules and makes finitely many unforced moves reaches a state with nothing un-acknowledged, or a state held only by the consumer-id bound. Composed in Lean from fixA2_forcedSteps_terminate_allBounds and fixA2_ack_neverStuck_allBounds. Says nothing about removals, which FixA2 does not finish (fixA2_removal_starves_orphan).",
    proof := (fun b => fixA2_ack_fairRuns_settle_allBounds b) },
  { name := "ElectricRace.fixA2_ack_neverStuck_allBounds", module := "ElectricRace.Thm.FixA2Ack",
    variant := some .FixA2, property := some .ackStarves,
    kind := .supporting,
    assumptions := [],
    claim := "Half of liveness, every Bounds, external collector crashes included: no reachable state in which a transaction is un-acknowledged and which is not held only by the consumer-id bound has every forced step disabled, so no weakly fair run can come to rest in a state short of the acknowledgement. The other half is fixA2_forcedSteps_terminate_allBounds; fixA2_ack_fairRuns_settle_allBounds composes the two over weakly fair runs.",
    proof := (supports @fixA2_ack_neverStuck_allBounds) },
  { name := "ElectricRace.fixA2_forcedSteps_terminate_allBounds", module := "ElectricRace.Thm.FixA2Rank",
    variant := some .FixA2, property := some .ackStarves,
    kind := .supporting,
    assumptions := [],
    claim := "Every Bounds, external collector crashes included: from every reachable state each enabled forced step (all but a new removal, a transaction, an external crash and a consumer's own exit) lowers the natural number statusRank (SerializedRemoval's srRank plus 6 per chain at the ShapeStatus step), so forced steps alone cannot run forever. With fixA2_ack_neverStuck_allBounds this is the other half of fixA2_ack_fairRuns_settle_allBounds.",
    proof := (supports @fixA2_forcedSteps_terminate_allBounds) },
  { name := "ElectricRace.fixC_removal_starves_orphan", module := "ElectricRace.Thm.Starvation",
    variant := some .FixC, property := some .removalStarves,
    kind := (.starvationWitness b1L orphanStarvesSchedL),
    assumptions := [],
    claim := "Counterexample, weak fairness, no crash: the same orphan interleaving as FixA2; the tombstone does not stop a consumer start already checked, and a live consumer owns the removed shape with no forced step enabled.",
    proof := fixC_removal_starves_orphan },
  { name := "ElectricRace.fixC_ack_fairRuns_settle_allBounds", module := "ElectricRace.Thm.FixCFair",
    variant := some .FixC, property := some .ackStarves,
    kind := .liveness,
    assumptions := fairRunAssumptions,
    claim := "Liveness, every Bounds, external collector crashes included in the rules: every run that is weakly fair to the system's forced rules and makes finitely many unforced moves reaches a state with nothing un-acknowledged, or a state held only by the consumer-id bound. Composed in Lean from fixC_forcedSteps_terminate_allBounds and fixC_ack_neverStuck_allBounds. Says nothing about removals, which FixC does not finish (fixC_removal_starves_orphan).",
    proof := (fun b => fixC_ack_fairRuns_settle_allBounds b) },
  { name := "ElectricRace.fixC_ack_neverStuck_allBounds", module := "ElectricRace.Thm.FixCAck",
    variant := some .FixC, property := some .ackStarves,
    kind := .supporting,
    assumptions := [],
    claim := "Half of liveness, every Bounds, external collector crashes included: no reachable state in which a transaction is un-acknowledged and which is not held only by the consumer-id bound has every forced step disabled, so no weakly fair run can come to rest in a state short of the acknowledgement. The other half is fixC_forcedSteps_terminate_allBounds; fixC_ack_fairRuns_settle_allBounds composes the two over weakly fair runs.",
    proof := (supports @fixC_ack_neverStuck_allBounds) },
  { name := "ElectricRace.fixC_forcedSteps_terminate_allBounds", module := "ElectricRace.Thm.FixCRank",
    variant := some .FixC, property := some .ackStarves,
    kind := .supporting,
    assumptions := [],
    claim := "Every Bounds, external collector crashes included: from every reachable state each enabled forced step (all but a new removal, a transaction, an external crash and a consumer's own exit) lowers the natural number statusRank (SerializedRemoval's srRank plus 6 per chain at the ShapeStatus step), so forced steps alone cannot run forever. With fixC_ack_neverStuck_allBounds this is the other half of fixC_ack_fairRuns_settle_allBounds.",
    proof := (supports @fixC_forcedSteps_terminate_allBounds) },
  { name := "ElectricRace.fixB_removal_starves_orphan", module := "ElectricRace.Thm.Starvation",
    variant := some .FixB, property := some .removalStarves,
    kind := (.starvationWitness b1L fixBOrphanStarvesSchedL),
    assumptions := [],
    claim := "Counterexample, weak fairness, no crash and no failed start: the orphan interleaving in FixB's order; a live consumer owns the removed shape with no forced step enabled.",
    proof := fixB_removal_starves_orphan },
  { name := "ElectricRace.fixB_removal_starves_after_crash", module := "ElectricRace.Thm.Starvation",
    variant := some .FixB, property := some .removalStarves,
    kind := (.starvationWitness b1L fixBCrashRestoresRouteSchedL),
    assumptions := [],
    claim := "Counterexample, weak fairness, ONE external collector crash: the restart rebuilds the router from ShapeStatus between the chain's router step and its ShapeStatus step; the chain finishes and the route stays, with no forced step enabled.",
    proof := fixB_removal_starves_after_crash },
  { name := "ElectricRace.fixB_removal_and_ack_starve_clean_shape", module := "ElectricRace.Thm.Starvation",
    variant := some .FixB, property := some .removalStarves,
    kind := (.starvationWitness b1L hostedCleanDeadlockSchedL),
    assumptions := [],
    claim := "Counterexample, weak fairness, no crash, one failed consumer start: the clean_shape deadlock leaves the removal ShapeCache hosts unsettled (the shape stays routed) and the transaction being published un-acknowledged, with no forced step enabled.",
    proof := fixB_removal_and_ack_starve_clean_shape.1 },
  { name := "ElectricRace.fixB_removal_and_ack_starve_clean_shape", module := "ElectricRace.Thm.Starvation",
    variant := some .FixB, property := some .ackStarves,
    kind := (.starvationWitness b1L hostedCleanDeadlockSchedL),
    assumptions := [],
    claim := "Counterexample, weak fairness, no crash, one failed consumer start: the clean_shape deadlock leaves the removal ShapeCache hosts unsettled (the shape stays routed) and the transaction being published un-acknowledged, with no forced step enabled.",
    proof := fixB_removal_and_ack_starve_clean_shape.2 },
  { name := "ElectricRace.fairLasso_not_vacuous", module := "ElectricRace.Thm.Liveness",
    variant := none, property := none,
    kind := .supporting,
    assumptions := [],
    claim := "The fair-lasso check is not vacuous: it sees enabled actions, and it rejects a crash-restart loop that never lets a removal start.",
    proof := (supports @fairLasso_not_vacuous) },
  { name := "ElectricRace.crash_keeps_unacked", module := "ElectricRace.Thm.Model",
    variant := none, property := some .txnLoss,
    kind := .supporting,
    assumptions := [],
    claim := "Every variant, all bounds, one step: only TxnArrive and SlcBroadcast write the un-acknowledged transaction; crashes and the restart keep it. A frame fact, not a proof that no transaction is lost.",
    proof := (supports @crash_keeps_unacked) },
  { name := "ElectricRace.restart_redelivers_unacked", module := "ElectricRace.Thm.Model",
    variant := none, property := some .txnLoss,
    kind := .supporting,
    assumptions := [],
    claim := "Every variant, all bounds, one step: the restart puts the un-acknowledged transaction back in the collector mailbox, still un-acknowledged. Not a liveness proof.",
    proof := (supports @restart_redelivers_unacked) },
  { name := "ElectricRace.projection_along_recipe", module := "ElectricRace.Thm.Projection",
    variant := some .PreFix, property := none,
    kind := .supporting,
    assumptions := [],
    claim := "Pointwise, along the recipe only (not a simulation theorem): the full PreFix model's states project onto the simple model's states for handle 0.",
    proof := (supports @projection_along_recipe) },
  { name := "ElectricRace.projection_crash_agrees", module := "ElectricRace.Thm.Projection",
    variant := some .PreFix, property := some .nilCrash,
    kind := .supporting,
    assumptions := [],
    claim := "At the recipe's window state: the simple model's publish of the projection is a crash, and from that very state the full model's SlcCrash crashes by nil.",
    proof := (supports @projection_crash_agrees) },
  { name := "ElectricRace.projection_stop_keeps_registry", module := "ElectricRace.Thm.Projection",
    variant := some .PreFix, property := some .nilCrash,
    kind := .supporting,
    assumptions := [],
    claim := "Where the projection departs: the full model's Consumer.stop keeps the dead pid registered (so the crash needs a shape with no registry entry).",
    proof := (supports @projection_stop_keeps_registry) },
  { name := "ElectricRace.rules_wellTyped", module := "ElectricRace.Thm.WellFormed",
    variant := none, property := none,
    kind := .supporting,
    assumptions := [],
    claim := "Every exported rule expression is well typed: comparisons and assignments join values of one kind (bool, int or one named enum), cells get as many integer indices as they have dimensions, every parameter is bound, every enum literal belongs to its enum.",
    proof := (supports @rules_wellTyped) },
  { name := "ElectricRace.rules_declarations_ok", module := "ElectricRace.Thm.WellFormed",
    variant := none, property := none,
    kind := .supporting,
    assumptions := [],
    claim := "Each action's process instance is named by one of its own parameters, and an action is declared with outcome crash exactly when its effect can set slc := down.",
    proof := (supports @rules_declarations_ok) },
  { name := "ElectricRace.fixA2_records_no_shape", module := "ElectricRace.Thm.Undeliverable",
    variant := some .FixA2, property := none,
    kind := .supporting,
    assumptions := [],
    claim := "Witness: on the reproduction recipe HEAD records the removed shape as undeliverable with :no_shape, survives and acknowledges the transaction.",
    proof := (supports @fixA2_records_no_shape) },
  { name := "ElectricRace.fixA2_records_noproc", module := "ElectricRace.Thm.Undeliverable",
    variant := some .FixA2, property := none,
    kind := .supporting,
    assumptions := [],
    claim := "Witness: a transaction in the window for a shape whose dead consumer is still registered is recorded as undeliverable with :noproc; no crash, transaction acknowledged.",
    proof := (supports @fixA2_records_noproc) },
  { name := "ElectricRace.earlier_variants_never_record", module := "ElectricRace.Thm.Undeliverable",
    variant := none, property := none,
    kind := .supporting,
    assumptions := [],
    claim := "No action of PreFix, FixA, FixB or FixC writes the undeliverable cell: those versions drop nil pids and :noproc DOWNs without a record.",
    proof := (supports @earlier_variants_never_record) }
]

end

/-! ## Export (runs when this file is checked; everything it runs is defined here) -/

open Lean (Json)

private def jnumV (n : Int) : Json := Json.num ⟨n, 0⟩

private def strArrV (xs : List String) : Json :=
  Json.arr (xs.foldl (fun acc x => acc.push (Json.str x)) #[])

private def variantNameV : Variant → String
  | .PreFix => "PreFix" | .FixA => "FixA" | .FixA2 => "FixA2" | .FixB => "FixB" | .FixC => "FixC"
  | .SerializedRemoval => "SerializedRemoval"

private def allVariantsV : List Variant := [.PreFix, .FixA, .FixA2, .FixB, .FixC, .SerializedRemoval]

private def propNameV : Property → String
  | .nilCrash => "nilCrash" | .startCrash => "startCrash" | .raceWindow => "raceWindow" | .routedNotPresent => "routedNotPresent"
  | .orphanDelivery => "orphanDelivery" | .quiescentOrphan => "quiescentOrphan"
  | .deadlock => "deadlock" | .txnLoss => "txnLoss"
  | .removalStarves => "removalStarves" | .ackStarves => "ackStarves"

private def propDescV : Property → String
  | .nilCrash => "the collector crashed by send(nil, ...)"
  | .startCrash => "the collector crashed through start_consumer!: the consumer's start re-read ShapeStatus, the shape was gone, the start raised"
  | .raceWindow => "race window: the EventRouter holds a shape whose ShapeStatus entry is absent"
  | .routedNotPresent => "the EventRouter holds a shape whose status is not present (includes FixC tombstones, harmless by design)"
  | .orphanDelivery => "a live consumer received an event while its shape's status was not present"
  | .quiescentOrphan => "at quiescence (nothing in flight) a live consumer, storage or router entry belongs to a shape whose status is not present"
  | .deadlock => "work still in progress (not quiescent), not held only by the consumer-id bound, and no step of the system enabled, the external crash SlcFail not counted (not a state predicate: no invariant expression)"
  | .txnLoss => "a transaction acknowledged before the collector finished publishing it, or dropped while un-acknowledged (not in the mailbox, not being published, and the collector up) (not a state predicate: no invariant expression)"
  | .removalStarves => "liveness of removal fails under weak fairness of the forced steps: a started removal never ends with neither the router nor a live consumer holding its shape (not a state predicate: the goal expression is exported)"
  | .ackStarves => "liveness of the acknowledgement fails under weak fairness of the forced steps: an un-acknowledged transaction is never acknowledged (not a state predicate: the goal expression is exported)"

private def allPropsV : List Property :=
  [.nilCrash, .startCrash, .raceWindow, .routedNotPresent, .orphanDelivery, .quiescentOrphan, .deadlock, .txnLoss,
   .removalStarves, .ackStarves]

private def varNameV : Var → String
  | .status => "status" | .router => "router" | .registry => "registry" | .storage => "storage"
  | .pendingRemove => "pendingRemove" | .batchRemove => "batchRemove" | .removeNow => "removeNow"
  | .pubState => "pubState" | .pubConsumer => "pubConsumer" | .touches => "touches"
  | .cons => "cons" | .owner => "owner" | .applied => "applied" | .nextConsumer => "nextConsumer"
  | .chainHandle => "chainHandle" | .chainPc => "chainPc" | .mbox => "mbox" | .slc => "slc"
  | .pubTxn => "pubTxn" | .sc => "sc" | .scHandle => "scHandle" | .nextTxn => "nextTxn"
  | .unacked => "unacked" | .crashes => "crashes" | .crashCause => "crashCause"
  | .orphanDelivery => "orphanDelivery" | .undeliverable => "undeliverable"
  | .scChain => "scChain"

private def enumNamesV : EnumTy → List String
  | .status => ["absent", "present", "tombstoned"]
  | .storage => ["absent", "present", "cleaned"]
  | .pub => ["none", "pending", "nil", "consumer", "skipped"]
  | .cons => ["unused", "starting", "running", "dead_cleanup", "dead_suspend", "dead_crash",
              "dead_killed", "dead_shutdown"]
  | .pc => ["idle", "routerRemove", "routerWait", "status", "stop", "storage", "slcRemove", "done",
            "aborted"]
  | .mbox => ["empty", "E", "B", "EB", "BE"]
  | .slc => ["idle", "publishing", "down"]
  | .sc => ["idle", "requested", "checked", "cleaning"]
  | .cause => ["none", "sendNil", "external", "startRaise"]
  | .und => ["none", "no_shape", "noproc"]

private def enumTyNameV : EnumTy → String
  | .status => "status" | .storage => "storage" | .pub => "pub" | .cons => "cons" | .pc => "pc"
  | .mbox => "mbox" | .slc => "slc" | .sc => "sc" | .cause => "cause" | .und => "undeliverable"

theorem enumTyNameV_eq (t : EnumTy) : enumTyNameV t = t.name := by cases t <;> rfl

/-- The enum-name tables agree with the model's (kernel-checked). -/
theorem enumNamesV_eq (t : EnumTy) : enumNamesV t = t.names := by cases t <;> rfl
theorem varNameV_eq (v : Var) : varNameV v = v.name := by cases v <;> rfl

private def domNameV : Dom → String
  | .handle => "handle" | .consumer => "consumer" | .chain => "chain" | .txn => "txn"

private def paramNameV : Param → String
  | .h => "h" | .c => "c" | .k => "k" | .t => "t" | .x => "x" | .y => "y"

private def labelNameV : Label → String
  | .RemoveShape => "RemoveShape" | .CleanerRouterRemove => "CleanerRouterRemove"
  | .CleanerRouterAck => "CleanerRouterAck" | .CleanerStatus => "CleanerStatus"
  | .CleanerStop => "CleanerStop" | .CleanerStorage => "CleanerStorage"
  | .CleanerSlcRemove => "CleanerSlcRemove" | .BatcherFlush => "BatcherFlush"
  | .SlcApplyBatch => "SlcApplyBatch" | .SlcRemoveNow => "SlcRemoveNow"
  | .TxnArrive => "TxnArrive" | .SlcRoute => "SlcRoute"
  | .SlcResolveRegistered => "SlcResolveRegistered" | .SlcResolveAsk => "SlcResolveAsk"
  | .CacheCheckOk => "CacheCheckOk" | .CacheCheckNoShape => "CacheCheckNoShape"
  | .CacheCheckRemoving => "CacheCheckRemoving" | .CacheStart => "CacheStart"
  | .ConsumerInit => "ConsumerInit" | .SlcBroadcast => "SlcBroadcast" | .SlcCrash => "SlcCrash"
  | .SlcFail => "SlcFail" | .SlcRestart => "SlcRestart" | .ConsumerSuspend => "ConsumerSuspend"
  | .ConsumerCrash => "ConsumerCrash" | .ConsumerSelfClean => "ConsumerSelfClean"
  | .ConsumerKill => "ConsumerKill" | .CacheStartRaise => "CacheStartRaise"
  | .CacheStartFail => "CacheStartFail" | .CacheCleanReturn => "CacheCleanReturn"

theorem labelNameV_eq (l : Label) : labelNameV l = l.name := by cases l <;> rfl

private def nthNameV : List String → Nat → String
  | [], _ => "?"
  | x :: _, 0 => x
  | _ :: xs, n + 1 => nthNameV xs n

private def valJsonV : Val → Json
  | .b x => Json.bool x
  | .i n => jnumV n
  | .e t n => Json.str (nthNameV (enumNamesV t) n)

/-- A literal as the rules export writes it: enum members carry their enum type. -/
private def litJsonV : Val → Json
  | .e t n => Json.mkObj [("lit", Json.str (nthNameV (enumNamesV t) n)), ("enum", Json.str (enumTyNameV t))]
  | v => Json.mkObj [("lit", valJsonV v)]

private def opJV (op : String) (args : Array Json) : Json :=
  Json.mkObj [("op", Json.str op), ("args", Json.arr args)]

-- The same JSON shape as `exprJson` in `Spec/Model.lean` (n-ary `and`/`or`).
mutual
private partial def exprJsonV : Expr → Json
  | .lit v => litJsonV v
  | .param p => Json.mkObj [("param", Json.str (paramNameV p))]
  | .cell0 v => Json.mkObj [("cell", Json.str (varNameV v)), ("idx", Json.arr #[])]
  | .cell1 v i => Json.mkObj [("cell", Json.str (varNameV v)), ("idx", Json.arr #[exprJsonV i])]
  | .cell2 v i j => Json.mkObj [("cell", Json.str (varNameV v)), ("idx", Json.arr #[exprJsonV i, exprJsonV j])]
  | .not a => opJV "not" #[exprJsonV a]
  | .and a c => opJV "and" (andArgsV c (andArgsV a #[]))
  | .or a c => opJV "or" (orArgsV c (orArgsV a #[]))
  | .eq a c => opJV "eq" #[exprJsonV a, exprJsonV c]
  | .ne a c => opJV "ne" #[exprJsonV a, exprJsonV c]
  | .lt a c => opJV "lt" #[exprJsonV a, exprJsonV c]
  | .le a c => opJV "le" #[exprJsonV a, exprJsonV c]
  | .add a c => opJV "add" #[exprJsonV a, exprJsonV c]
  | .sub a c => opJV "sub" #[exprJsonV a, exprJsonV c]
  | .ite c a e => opJV "ite" #[exprJsonV c, exprJsonV a, exprJsonV e]
  | .all q d body => Json.mkObj [("all", Json.str (paramNameV q)), ("domain", Json.str (domNameV d)), ("body", exprJsonV body)]
  | .any q d body => Json.mkObj [("any", Json.str (paramNameV q)), ("domain", Json.str (domNameV d)), ("body", exprJsonV body)]
private partial def andArgsV : Expr → Array Json → Array Json
  | .and a c, acc => andArgsV c (andArgsV a acc)
  | e, acc => acc.push (exprJsonV e)
private partial def orArgsV : Expr → Array Json → Array Json
  | .or a c, acc => orArgsV c (orArgsV a acc)
  | e, acc => acc.push (exprJsonV e)
end

private def boundsJsonV (b : Bounds) : Json :=
  Json.mkObj [("H", jnumV b.H), ("C", jnumV b.C), ("K", jnumV b.K), ("T", jnumV b.T)]

private def schedJsonV (sched : List (Label × List Int)) : Json :=
  Json.arr (sched.foldl (fun acc st => acc.push (Json.mkObj [("action", Json.str (labelNameV st.1)),
    ("args", Json.arr (st.2.foldl (fun a n => a.push (jnumV n)) #[]))])) #[])

private def kindNameV : KindSpec → String
  | .safetyAllBounds => "safetyAllBounds" | .safetyAllBoundsNoFault => "safetyAllBounds"
  | .deadlockFreeAllBounds => "safetyAllBounds" | .txnSafeAllBounds => "safetyAllBounds"
  | .safetyAt _ _ => "safetyAtBounds"
  | .witness _ _ => "witness" | .deadlockWitness _ _ => "witness" | .starvationWitness _ _ => "witness"
  | .replay _ => "supporting" | .liveness => "liveness"
  | .supporting => "supporting"

private def kindBoundsV : KindSpec → Json
  | .safetyAt _ b => boundsJsonV b
  | .witness b _ => boundsJsonV b
  | .deadlockWitness b _ => boundsJsonV b
  | .starvationWitness b _ => boundsJsonV b
  | .replay _ => boundsJsonV b1L
  | _ => Json.null

private def kindSchedV : KindSpec → Json
  | .witness _ s => schedJsonV s
  | .deadlockWitness _ s => schedJsonV s
  | .starvationWitness _ s => schedJsonV s
  | .replay s => schedJsonV s
  | _ => Json.null

private def kindInitialV : KindSpec → Json
  | .witness _ _ => Json.str "restored"
  | .deadlockWitness _ _ => Json.str "restored"
  | .starvationWitness _ _ => Json.str "restored"
  | .replay _ => Json.str "restored"
  | _ => Json.null

/-- The actions the kind's statement leaves out of the rules (machine-readable form of the
"no external collector crash" assumption): read off the kind, whose statement the kernel checked
(`safetyAllBoundsNoFault` and `safetyAt false _` are about `rules v false`, without `SlcFail`). -/
private def faultLabelsV : Option Variant → List String
  | some .FixB => ["SlcFail", "CacheStartFail", "CacheCleanReturn"]
  | _ => ["SlcFail"]

private def kindExcludesV (v : Option Variant) : KindSpec → Json
  | .safetyAllBoundsNoFault => strArrV (faultLabelsV v)
  | .safetyAt false _ => strArrV (faultLabelsV v)
  | _ => strArrV []

private def entryJsonV (e : Entry) : Json :=
  Json.mkObj [
    ("name", Json.str e.name), ("module", Json.str e.module),
    ("variant", match e.variant with | some v => Json.str (variantNameV v) | none => Json.null),
    ("property", match e.property with | some p => Json.str (propNameV p) | none => Json.null),
    ("kind", Json.str (kindNameV e.kind)),
    ("bounds", kindBoundsV e.kind),
    ("assumptions", strArrV e.assumptions),
    ("excludes", kindExcludesV e.variant e.kind),
    ("claim", Json.str e.claim),
    ("schedule", kindSchedV e.kind),
    ("initial", kindInitialV e.kind)]

private def invsForV : List Property → List (String × Json)
  | [] => []
  | p :: ps => match invL p with
    | some e => (propNameV p, exprJsonV e) :: invsForV ps
    | none => invsForV ps

private def invariantsByVariantV : List Variant → List (String × Json)
  | [] => []
  | v :: vs => (variantNameV v, Json.mkObj (invsForV allPropsV)) :: invariantsByVariantV vs

private def invariantsJsonV : Json := Json.mkObj (invariantsByVariantV allVariantsV)

private def labelArrV (ls : List Label) : Json :=
  Json.arr (ls.foldl (fun acc l => acc.push (Json.str (labelNameV l))) #[])

/-- A property's declaration; a liveness property also carries its goal and the unforced labels.
(Literal lists only: the engine's interpreter has no code for `List.append`.) -/
private def propFieldsV (p : Property) : List (String × Json) :=
  let stateP := Json.bool (match invL p with | some _ => true | none => false)
  match livenessGoalL p with
  | some e => [("name", Json.str (propNameV p)), ("description", Json.str (propDescV p)),
      ("stateProperty", stateP), ("goal", exprJsonV e), ("unforced", labelArrV unforcedL)]
  | none => [("name", Json.str (propNameV p)), ("description", Json.str (propDescV p)),
      ("stateProperty", stateP)]

private def verdictsJson : Json :=
  Json.mkObj [
    ("format", Json.str "electric-race-verdicts/1"),
    ("properties", Json.arr (allPropsV.foldl (fun acc p => acc.push (Json.mkObj (propFieldsV p))) #[])),
    ("invariants", invariantsJsonV),
    ("theorems", Json.arr (verdicts.foldl (fun acc e => acc.push (entryJsonV e)) #[]))]

private def exportVerdicts : IO Unit := do
  IO.FS.createDirAll "build/rules"
  IO.FS.writeFile "build/rules/verdicts.json" (verdictsJson.compress ++ "\n")
  IO.println ("verdicts: " ++ toString (verdicts.foldl (fun n _ => n + 1) 0) ++ " entries")

#eval exportVerdicts

end ElectricRace
