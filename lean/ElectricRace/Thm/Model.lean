module

public import ElectricRace.Spec.Model

/-!
# Theorems about the full model's step function

Everything here is about `ElectricRace.step`, the interpretation of the rule data in
`ElectricRace/Spec/Model.lean`, for the rule set `rules v` of each variant.

* Reachability claims are proved by an explicit witness schedule (a list of actions with their
  parameters) that `runSched` replays from an initial state; `witness_sound` turns a successful
  replay into a `Reachable` state.
* Safety claims are proved by an inductive invariant over `Reachable`, i.e. over all
  interleavings of all actions (crash and restart included).
-/

namespace ElectricRace

@[expose] public section

/-! ## Reachability -/

/-- The states reachable from an initial state (one satisfying the exported `init` conjuncts)
by any interleaving of the given actions, with parameters inside their domains. -/
inductive Reachable (b : Bounds) (acts : List Action) : State → Prop
  | init (s : State) : initOk b s = true → Reachable b acts s
  | step (s s' : State) (a : Action) (env : Env) :
      Reachable b acts s → a ∈ acts → bindingOk b env a.params = true →
      ElectricRace.step b s a env = some s' → Reachable b acts s'

/-- The first action with a given label. -/
def findAct : List Action → Label → Option Action
  | [], _ => none
  | a :: as, l => if a.label = l then some a else findAct as l

/-- Bind the parameters positionally. -/
def bindArgs : List (Param × Dom) → List Int → Env
  | (p, _) :: ps, n :: ns => (bindArgs ps ns).upd p n
  | _, _ => fun _ => 0

/-- Replay a schedule (labels with positional arguments); `none` if some step is not enabled. -/
def runSched (b : Bounds) (acts : List Action) (s : State) : List (Label × List Int) → Option State
  | [] => some s
  | (l, args) :: rest =>
    match findAct acts l with
    | none => none
    | some a =>
      if bindingOk b (bindArgs a.params args) a.params then
        match ElectricRace.step b s a (bindArgs a.params args) with
        | some s' => runSched b acts s' rest
        | none => none
      else none

/-- A witness: `s0` is initial, the schedule replays, and the final state satisfies `P`. -/
def witness (b : Bounds) (acts : List Action) (s0 : State) (sched : List (Label × List Int))
    (P : State → Bool) : Bool :=
  initOk b s0 && match runSched b acts s0 sched with
    | some s => P s
    | none => false

end

theorem findAct_mem : ∀ (acts : List Action) (l : Label) (a : Action),
    findAct acts l = some a → a ∈ acts
  | [], _, _, h => by simp [findAct] at h
  | x :: xs, l, a, h => by
    unfold findAct at h
    split at h
    · cases h; exact List.mem_cons_self
    · exact List.mem_cons_of_mem _ (findAct_mem xs l a h)

theorem runSched_reachable (b : Bounds) (acts : List Action) :
    ∀ (sched : List (Label × List Int)) (s s' : State),
      Reachable b acts s → runSched b acts s sched = some s' → Reachable b acts s'
  | [], s, s', hs, h => by simp [runSched] at h; exact h ▸ hs
  | (l, args) :: rest, s, s', hs, h => by
    unfold runSched at h
    split at h
    · simp at h
    · rename_i a ha
      split at h
      · split at h
        · rename_i s1 h1
          exact runSched_reachable b acts rest s1 s'
            (Reachable.step s s1 a _ hs (findAct_mem acts l a ha) (by assumption) h1) h
        · simp at h
      · simp at h

/-- A successful witness check yields a reachable state with the property. -/
public theorem witness_sound {b : Bounds} {acts : List Action} {s0 : State}
    {sched : List (Label × List Int)} {P : State → Bool}
    (h : witness b acts s0 sched P = true) : ∃ s, Reachable b acts s ∧ P s = true := by
  unfold witness at h
  simp only [Bool.and_eq_true] at h
  obtain ⟨hi, hr⟩ := h
  split at hr
  · rename_i s hs
    exact ⟨s, runSched_reachable b acts sched s0 s (Reachable.init s0 hi) hs, hr⟩
  · simp at hr

/-! ## Witness schedules -/

@[expose] public section

/-- The reproduction recipe: remove a restored shape (no registry entry), and let a matching
transaction arrive before the batched collector removal. -/
def recipe : List (Label × List Int) :=
  [(.RemoveShape, [0, 0]), (.CleanerStatus, [0]), (.CleanerStop, [0]), (.CleanerStorage, [0]),
   (.TxnArrive, [0]), (.SlcRoute, []), (.SlcResolveAsk, [0]), (.CacheCheckNoShape, [])]

def isCrashedByNil (s : State) : Bool := s .crashCause 0 0 = vSendNil && s .slc 0 0 = vDown

/-- The race window for handle 0: the router holds it, ShapeStatus does not. -/
def window0 (s : State) : Bool := s .router 0 0 = .b true && s .status 0 0 = vAbsent

end

/-- **PreFix crashes.** In 1.2.7–1.3.2 the ShapeLogCollector crash is reachable: remove a restored
shape that has no consumer yet (ShapeStatus removed, `Consumer.stop` finds nothing, storage
cleaned, the router removal still batched), then a matching transaction arrives; ShapeCache
answers `:no_shape`, the pid is `nil`, and `send(nil, …)` takes the collector down. -/
public theorem preFix_crash_reachable :
    ∃ s, Reachable b1 (rules .PreFix) s ∧ isCrashedByNil s = true :=
  witness_sound (s0 := restored) (sched := recipe ++ [(.SlcCrash, [])]) (by decide +kernel)

/-- **The window exists in PreFix.** After ShapeStatus removal the router still routes to the
shape: a state with `router[h]` and no ShapeStatus entry is reachable. -/
public theorem preFix_window_reachable :
    ∃ s, Reachable b1 (rules .PreFix) s ∧ window0 s = true :=
  witness_sound (s0 := restored) (sched := [(.RemoveShape, [0, 0]), (.CleanerStatus, [0])])
    (by decide +kernel)

end ElectricRace
