module

public import ElectricRace.Thm.Witnesses

/-!
# The second crash path: the consumer's start re-reads ShapeStatus (1.2.7–1.4.13)

electric.md §5b, read against the code: until upstream f7f6bc78c (#3998, first in 1.4.14)
`Consumer.init` re-read ShapeStatus with `{:ok, shape} = fetch_shape_by_handle`. In the orphan
interleaving (ShapeCache's check passes, the cleaner's ShapeStatus removal lands, ShapeCache
starts the consumer) that match raises, the start fails and `start_consumer!` raises inside the
collector: the collector crashes. Fix A (#3718) filtered `nil` but did not touch this path, so
FixA (1.3.3) still crashes. At HEAD (FixA2) and in FixB and FixC (stated on HEAD's start) no
rule records this crash cause, for every `Bounds`.
-/

namespace ElectricRace

@[expose] public section

/-- The orphan interleaving under the re-reading start: the collector asks ShapeCache for a
consumer, ShapeCache's check passes, the removal's ShapeStatus step lands, and the start raises. -/
def startCrashSched : List (Label × List Int) :=
  [(.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckOk, []),
   (.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CacheStartRaise, [])]

end

/-- **PreFix crashes through `start_consumer!`.** Replaying `startCrashSched` from the restored
initial state under the PreFix rules ends with the collector crashed by the failed start. -/
public theorem preFix_startCrash_reachable :
    WitnessBy .PreFix b1 .startCrash restored startCrashSched := by unfold WitnessBy; decide +kernel

/-- **FixA (1.3.3–1.4.13) crashes through `start_consumer!`.** The `nil` filter does not close
this path: the same schedule crashes the collector in FixA. -/
public theorem fixA_startCrash_reachable :
    WitnessBy .FixA b1 .startCrash restored startCrashSched := by unfold WitnessBy; decide +kernel

/-- **HEAD (FixA2) never crashes through `start_consumer!`** (all bounds, all interleavings,
external crashes included): its consumer does not re-read ShapeStatus, and no rule records the
cause `startRaise`. (The interleaving leads to an orphan instead: `fixA2_orphan_reachable`.) -/
public theorem fixA2_noStartCrash (b : Bounds) :
    ∀ s, Reachable b (rules .FixA2) s → s .crashCause 0 0 ≠ vStartRaise :=
  reachable_cell b _ .crashCause (fun x => x != vStartRaise) (· ≠ vStartRaise)
    (by intro x hx; simpa using hx)
    (by intro s hs; rw [initOk_crashCause hs]; decide)
    (all_writesOnly (by decide +kernel))

/-- **FixB never crashes through `start_consumer!`** (all bounds; FixB is stated on HEAD's
consumer start, which does not re-read ShapeStatus). -/
public theorem fixB_noStartCrash (b : Bounds) :
    ∀ s, Reachable b (rules .FixB) s → s .crashCause 0 0 ≠ vStartRaise :=
  reachable_cell b _ .crashCause (fun x => x != vStartRaise) (· ≠ vStartRaise)
    (by intro x hx; simpa using hx)
    (by intro s hs; rw [initOk_crashCause hs]; decide)
    (all_writesOnly (by decide +kernel))

/-- **FixC never crashes through `start_consumer!`** (all bounds; FixC is stated on HEAD's
consumer start). -/
public theorem fixC_noStartCrash (b : Bounds) :
    ∀ s, Reachable b (rules .FixC) s → s .crashCause 0 0 ≠ vStartRaise :=
  reachable_cell b _ .crashCause (fun x => x != vStartRaise) (· ≠ vStartRaise)
    (by intro x hx; simpa using hx)
    (by intro s hs; rw [initOk_crashCause hs]; decide)
    (all_writesOnly (by decide +kernel))

/-- **SerializedRemoval never crashes through `start_consumer!`** (all bounds; it is stated on
HEAD's consumer start, which does not re-read ShapeStatus). -/
public theorem serializedRemoval_noStartCrash (b : Bounds) :
    ∀ s, Reachable b (rules .SerializedRemoval) s → s .crashCause 0 0 ≠ vStartRaise :=
  reachable_cell b _ .crashCause (fun x => x != vStartRaise) (· ≠ vStartRaise)
    (by intro x hx; simpa using hx)
    (by intro s hs; rw [initOk_crashCause hs]; decide)
    (all_writesOnly (by decide +kernel))

/-- The exported variant metadata says which start each variant has, and the rules agree:
exactly the re-reading variants have the `CacheStartRaise` rule. -/
public theorem consumerStart_matches_rules (v : Variant) :
    (v.consumerStart = .recheck) ↔ (rules v).any (fun a => a.label == .CacheStartRaise) = true := by
  cases v <;> decide +kernel

end ElectricRace
