module

/-!
# ShapeRemovalRaceSimple: the bug analysis's single-shape model

This is the small model that `bug-analysis.md` refers to. It follows the analysis's own
abstraction of one shape and three components:

* `status`   — ShapeStatus holds the shape;
* `router`   — the ShapeLogCollector's EventRouter (filter) holds the shape;
* `consumer` — the ConsumerRegistry yields a consumer pid for the shape;
* `storage`  — the shape's storage exists.

As in the analysis, `Consumer.stop` is taken to remove the registry entry. The full model
(`ElectricRace.Spec.Model`) refines this: there `Consumer.stop` keeps a dead pid registered, so
the crash needs a shape with *no* registry entry (a restored shape before its first write).
`ElectricRace.Thm.Projection` relates the two models.

A transaction routed to the shape is published like `ConsumerRegistry.publish` did in
1.2.7–1.3.2: use the registered pid, else ask ShapeCache, which starts a consumer if ShapeStatus
has the shape and answers `nil` otherwise; `send(nil, …)` raises and the collector crashes.
-/

namespace ShapeRemovalRaceSimple

@[expose] public section

/-- The four components' view of one shape. -/
structure St where
  status : Bool
  router : Bool
  consumer : Bool
  storage : Bool
deriving DecidableEq

/-- The removal steps of `ShapeCleaner.remove_shape_immediate`, plus the collector's router
removal (the batched `ShapeLogCollector.remove_shape`, which also deletes the registry entry). -/
inductive Step where
  | removeStatus
  | stopConsumer
  | cleanupStorage
  | removeRouter
deriving DecidableEq

/-- What one step does to the shape's components. -/
def apply (s : St) : Step → St
  | .removeStatus => { s with status := false }
  | .stopConsumer => { s with consumer := false }
  | .cleanupStorage => { s with storage := false }
  | .removeRouter => { s with router := false, consumer := false }

/-- Run a list of steps in order. -/
def run (s : St) : List Step → St
  | [] => s
  | a :: as => run (apply s a) as

/-- Outcome of publishing a transaction that touches the shape. -/
inductive Outcome where
  /-- the router does not hold the shape: nothing is sent -/
  | notRouted
  /-- delivered to the registered consumer -/
  | delivered
  /-- ShapeCache found the shape and started a consumer -/
  | started
  /-- ShapeCache answered `:no_shape`, the pid is `nil`, `send(nil, …)` raised -/
  | crash
deriving DecidableEq

/-- Publishing a matching transaction, pre-fix (1.2.7–1.3.2): no `nil` filter. -/
def publish (s : St) : Outcome :=
  if !s.router then .notRouted
  else if s.consumer then .delivered
  else if s.status then .started
  else .crash

/-- The safety invariant: whenever the router would route a transaction to the shape, the
shape has a registered consumer or ShapeStatus still knows it (so ShapeCache can start one). -/
def Safe (s : St) : Prop := s.router = true → s.consumer = true ∨ s.status = true

instance (s : St) : Decidable (Safe s) := by unfold Safe; infer_instance

/-- A live shape: present in every component. -/
def initial : St := { status := true, router := true, consumer := true, storage := true }

/-- The pre-fix removal order: ShapeStatus, Consumer.stop, Storage.cleanup!, then the
(asynchronous) router removal. -/
def preFixOrder : List Step := [.removeStatus, .stopConsumer, .cleanupStorage, .removeRouter]

/-- Fix (B): remove from the EventRouter first, then the rest. -/
def routerFirstOrder : List Step := [.removeRouter, .removeStatus, .stopConsumer, .cleanupStorage]

/-- Put `a` in front of every list. -/
def consAll (a : Step) : List (List Step) → List (List Step)
  | [] => []
  | p :: ps => (a :: p) :: consAll a ps

/-- All prefixes of a schedule (the states visited are `run s p` for each prefix `p`). -/
def prefixes : List Step → List (List Step)
  | [] => [[]]
  | a :: as => [] :: consAll a (prefixes as)

end

/-- Claim 1. A live shape — in ShapeStatus, in the EventRouter, with a registered consumer —
is safe: a transaction routed to it reaches a consumer. -/
public theorem initial_safe : Safe initial := by decide

/-- Claim 2. After the first two steps of the pre-fix removal (ShapeStatus removed, consumer
stopped) the router still holds the shape but neither a consumer nor ShapeStatus does: the
safety invariant is violated. This is the race window. -/
public theorem window_after_status_and_stop :
    ¬ Safe (run initial [.removeStatus, .stopConsumer]) := by decide

/-- Claim 3, with its precondition. A transaction that arrives while the router holds the shape,
ShapeStatus does not, and the shape has NO registry entry crashes the ShapeLogCollector: the
router routes it, there is no pid, ShapeCache answers `:no_shape`, and `send(nil, …)` raises.
The precondition matters: in Electric (and in the full model) `Consumer.stop` leaves a dead pid
registered, which resolves to `:noproc`, not a crash (`ElectricRace.projection_stop_keeps_registry`);
this model's `stopConsumer` deletes the entry (the analysis's assumption), so its window state
`run initial [.removeStatus, .stopConsumer]` meets the precondition (`window_state_has_no_entry`).
In the full model the crash needs a shape that has no registry entry, e.g. a restored shape before
its first write. -/
public theorem txn_in_window_crashes (s : St) (hRouted : s.router = true)
    (hNoEntry : s.consumer = false) (hGone : s.status = false) : publish s = .crash := by
  simp [publish, hRouted, hNoEntry, hGone]

/-- The window state of this model has no registry entry (because `stopConsumer` deletes it),
so claim 3 applies to it. -/
public theorem window_state_has_no_entry :
    (run initial [.removeStatus, .stopConsumer]).router = true ∧
    (run initial [.removeStatus, .stopConsumer]).consumer = false ∧
    (run initial [.removeStatus, .stopConsumer]).status = false ∧
    publish (run initial [.removeStatus, .stopConsumer]) = .crash := by decide

/-- Claim 3, the other window states: a transaction arriving after storage cleanup (before the
batched router removal) also crashes. -/
public theorem txn_after_cleanup_crashes :
    publish (run initial [.removeStatus, .stopConsumer, .cleanupStorage]) = .crash := by decide

/-- Claim 4. Removing the shape from the EventRouter first keeps the invariant at every step of
the removal, and a transaction arriving at any point of it never crashes the collector. -/
public theorem routerFirst_safe_every_step :
    ∀ p ∈ prefixes routerFirstOrder,
      Safe (run initial p) ∧ publish (run initial p) ≠ .crash := by decide

/-- Claim 4, general form: the invariant is preserved by every step when the router removal
has already happened — once `router = false`, no step of the removal can make the shape
routable again, so the window cannot open, whatever order the remaining steps run in. -/
public theorem safe_of_not_routed (s : St) (a : Step) (h : s.router = false) :
    Safe (apply s a) := by
  cases a <;> simp [apply, Safe, h]

/-- For contrast: the pre-fix order visits an unsafe state. -/
public theorem preFix_visits_unsafe :
    ∃ p ∈ prefixes preFixOrder, ¬ Safe (run initial p) :=
  ⟨[.removeStatus, .stopConsumer], by decide, by decide⟩

end ShapeRemovalRaceSimple
