module

public import ElectricRace.Spec.Properties
public import ElectricRace.Lemmas.Exec

/-!
# Theorems about the full model's step function

Everything here is about `ElectricRace.step`, the interpretation of the rule data in
`ElectricRace/Spec/Model.lean`, for the rule set `rules v` of each variant (`Reachable`,
`runSched` and `witness` are defined in `ElectricRace/Spec/Reach.lean`).

* Reachability claims are proved by an explicit witness schedule (a list of actions with their
  parameters) that `runSched` replays from an initial state; `witness_sound` turns a successful
  replay into a `Reachable` state.
* Safety claims are proved by an inductive invariant over `Reachable`, i.e. over all
  interleavings of all actions (crash and restart included).
-/

namespace ElectricRace

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

/-- A witness schedule gives a reachable state violating the property. -/
public theorem witnessBy_sound {v : Variant} {b : Bounds} {p : Property} {s0 : State}
    {sched : List (Label × List Int)} (h : WitnessBy v b p s0 sched) : Witness v b p := by
  obtain ⟨s, hr, hp⟩ := witness_sound h
  refine ⟨s, hr, ?_⟩
  unfold holds
  simpa using hp

/-! ## Safety by syntactic invariants (all bounds, all interleavings) -/

@[expose] public section

/-- The value expression is a literal accepted by `ok`. -/
def litOk (ok : Val → Bool) : Expr → Bool
  | .lit x => ok x
  | _ => false

/-- Every assignment to variable `v` in the effect writes a literal accepted by `ok`
(`ok = fun _ => false`: the effect never writes `v`). -/
def writesOnly (v : Var) (ok : Val → Bool) : Effect → Bool
  | .skip => true
  | .seq e1 e2 => writesOnly v ok e1 && writesOnly v ok e2
  | .set0 w val => if w = v then litOk ok val else true
  | .set1 w _ val => if w = v then litOk ok val else true
  | .set2 w _ _ val => if w = v then litOk ok val else true
  | .each _ _ body => writesOnly v ok body
  | .cond _ t e => writesOnly v ok t && writesOnly v ok e

end

theorem forN_preserves (P : State → Prop) (f : Nat → State → State)
    (hf : ∀ n st, P st → P (f n st)) : ∀ n s, P s → P (forN n f s)
  | 0, _, h => h
  | n + 1, s, h => hf n _ (forN_preserves P f hf n s h)

theorem litOk_eval {b : Bounds} {s : State} {env : Env} {ok : Val → Bool} {P : Val → Prop}
    (hok : ∀ x, ok x = true → P x) : ∀ e : Expr, litOk ok e = true → P (eval b s env e)
  | .lit x, h => hok x h
  | .param _, h | .cell0 _, h | .cell1 _ _, h | .cell2 _ _ _, h | .not _, h | .and _ _, h
  | .or _ _, h | .eq _ _, h | .ne _ _, h | .lt _ _, h | .le _ _, h | .add _ _, h | .sub _ _, h
  | .ite _ _ _, h | .all _ _ _, h | .any _ _ _, h => by simp [litOk] at h

/-- Executing an effect that writes `v` only with `ok` literals preserves any property `P` of
cell `v[i][j]` implied by `ok`. -/
theorem exec_writesOnly (b : Bounds) (pre : State) (v : Var) (ok : Val → Bool) (i j : Int)
    (P : Val → Prop) (hok : ∀ x, ok x = true → P x) :
    ∀ (e : Effect) (env : Env) (post : State),
      writesOnly v ok e = true → P (post v i j) → P (exec b pre env e post v i j) := by
  intro e
  induction e with
  | skip => intro env post _ hp; exact hp
  | seq e1 e2 ih1 ih2 =>
    intro env post h hp
    simp only [writesOnly, Bool.and_eq_true] at h
    exact ih2 env _ h.2 (ih1 env post h.1 hp)
  | set0 w val =>
    intro env post h hp
    simp only [exec, State.set]
    split
    · rename_i hc
      obtain ⟨rfl, -, -⟩ := hc
      simp only [writesOnly, if_pos] at h
      exact litOk_eval hok val h
    · exact hp
  | set1 w idx val =>
    intro env post h hp
    simp only [exec]
    split
    · simp only [State.set]
      split
      · rename_i _ hc
        obtain ⟨rfl, -, -⟩ := hc
        simp only [writesOnly, if_pos] at h
        exact litOk_eval hok val h
      · exact hp
    · exact hp
  | set2 w i1 i2 val =>
    intro env post h hp
    simp only [exec]
    split
    · simp only [State.set]
      split
      · rename_i _ hc
        obtain ⟨rfl, -, -⟩ := hc
        simp only [writesOnly, if_pos] at h
        exact litOk_eval hok val h
      · exact hp
    · exact hp
  | each q d body ih =>
    intro env post h hp
    simp only [exec]
    exact forN_preserves (fun st => P (st v i j)) _
      (fun n st hst => ih _ st (by simpa [writesOnly] using h) hst) _ post hp
  | cond c t e iht ihe =>
    intro env post h hp
    simp only [writesOnly, Bool.and_eq_true] at h
    simp only [exec]
    split
    · exact iht env post h.1 hp
    · exact ihe env post h.2 hp

public theorem initOk_crashCause {b : Bounds} {s : State} (h : initOk b s = true) :
    s .crashCause 0 0 = vNoCause := by
  unfold initOk at h
  simp only [initConds, guardsOk, g, Bool.and_eq_true] at h
  have h' := h.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.1
  simpa [eval, isE, L, Val.asBool] using h'

/-- A cell property that every initial state has and that every action of `acts` preserves
because it writes the cell only with accepted literals holds in every reachable state. -/
public theorem reachable_cell (b : Bounds) (acts : List Action) (v : Var) (ok : Val → Bool)
    (P : Val → Prop) (hok : ∀ x, ok x = true → P x)
    (hinit : ∀ s, initOk b s = true → P (s v 0 0))
    (hacts : ∀ a ∈ acts, writesOnly v ok a.effect = true) :
    ∀ s, Reachable b acts s → P (s v 0 0) := by
  intro s hs
  induction hs with
  | init s hi => exact hinit s hi
  | step s s' a env _ ha _ hst ih =>
    rw [step_some hst]
    exact exec_writesOnly b s v ok 0 0 P hok a.effect env s (hacts a ha) ih

public theorem all_writesOnly {acts : List Action} {v : Var} {ok : Val → Bool}
    (h : acts.all (fun a => writesOnly v ok a.effect) = true) :
    ∀ a ∈ acts, writesOnly v ok a.effect = true := by
  simpa using h

/-- **FixA never crashes by sending to `nil` (all bounds, all interleavings, crash and
restart included).** In 1.3.3 no action can record a `send(nil, …)` crash: the only crash left is
an external one (`SlcFail`), and `crashCause = sendNil` is never written. -/
public theorem fixA_noNilCrash (b : Bounds) :
    ∀ s, Reachable b (rules .FixA) s → s .crashCause 0 0 ≠ vSendNil :=
  reachable_cell b _ .crashCause (fun x => x != vSendNil) (· ≠ vSendNil)
    (by intro x hx; simpa using hx)
    (by intro s hs; rw [initOk_crashCause hs]; decide)
    (all_writesOnly (by decide +kernel))

/-- **FixA2 (HEAD) never crashes by sending to `nil`** (all bounds, all interleavings). -/
public theorem fixA2_noNilCrash (b : Bounds) :
    ∀ s, Reachable b (rules .FixA2) s → s .crashCause 0 0 ≠ vSendNil :=
  reachable_cell b _ .crashCause (fun x => x != vSendNil) (· ≠ vSendNil)
    (by intro x hx; simpa using hx)
    (by intro s hs; rw [initOk_crashCause hs]; decide)
    (all_writesOnly (by decide +kernel))

/-- Actions other than `TxnArrive` and `SlcBroadcast` never write `unacked`. -/
def keepsUnacked (a : Action) : Bool :=
  a.label == .TxnArrive || a.label == .SlcBroadcast || writesOnly .unacked (fun _ => false) a.effect

theorem keepsUnacked_all (v : Variant) : (rules v).all keepsUnacked = true := by
  cases v <;> decide +kernel

/-- **Frame fact about the un-acknowledged transaction, every variant, all bounds.** One step of
any action other than `TxnArrive` and `SlcBroadcast` leaves `unacked` unchanged; in particular a
collector crash (`SlcCrash`, `SlcFail`) and the restart keep it. This is a one-step fact about
which rules write `unacked`; it is NOT a proof that no transaction is lost (nothing here says
the transaction is eventually delivered). -/
public theorem crash_keeps_unacked (v : Variant) (b : Bounds) (s s' : State) (a : Action)
    (env : Env) (ha : a ∈ rules v) (hl1 : a.label ≠ .TxnArrive) (hl2 : a.label ≠ .SlcBroadcast)
    (hs : step b s a env = some s') : s' .unacked 0 0 = s .unacked 0 0 := by
  have hk : keepsUnacked a = true := by
    have := keepsUnacked_all v
    simp only [List.all_eq_true] at this
    exact this a ha
  have hw : writesOnly .unacked (fun _ => false) a.effect = true := by
    simpa [keepsUnacked, hl1, hl2] using hk
  rw [step_some hs]
  exact exec_writesOnly b s .unacked (fun _ => false) 0 0 (· = s .unacked 0 0)
    (by intro x hx; simp at hx) a.effect env s hw rfl

/-- **The restart re-queues the un-acknowledged transaction, every variant, all bounds.** One step
of `SlcRestart` from a state with an un-acknowledged transaction leaves it as the event in the
collector's mailbox (`mbox = E`), still un-acknowledged. A one-step fact, not a liveness proof. -/
public theorem restart_redelivers_unacked (v : Variant) (b : Bounds) (s s' : State) (env : Env)
    (hs : step b s (restartAction v) env = some s') (hu : s .unacked 0 0 ≠ .i (-1)) :
    s' .mbox 0 0 = vE ∧ s' .unacked 0 0 = s .unacked 0 0 := by
  rw [step_some hs]
  constructor
  · simp [restartAction, seqL, exec, State.set, eval, unacked, none', li, L, hu, Val.asBool]
  · exact exec_writesOnly b s .unacked (fun _ => false) 0 0 (· = s .unacked 0 0)
      (by intro x hx; simp at hx) _ env s (by cases v <;> decide +kernel) rfl

/-! ## FixB cannot deadlock -/

@[expose] public section

/-- The processes of the model. -/
inductive Proc where
  | api | cleaner (k : Nat) | batcher | slc | shapecache | consumer (c : Nat) | replication
  | supervisor

/-- Who is blocked waiting on whom, read off the state: a FixB chain waiting for its router
request waits on the collector; a collector blocked in `start_consumer_for_handle` waits on
ShapeCache; the replication client waits for the collector's acknowledgement. Everything else
in the model is non-blocking: the batcher's `remove_shape` replies at once, the collector
handles a `removeNow` request between events without calling anyone, ShapeCache does not call
the cleaner, and the cleaner never runs inside the collector or ShapeCache. -/
def waitsOn (s : State) : Proc → Proc → Bool
  | .cleaner k, .slc =>
      s .chainPc k 0 = vRouterWait && s .removeNow (s .chainHandle k 0).asInt 0 = .b true
  | .slc, .shapecache => s .sc 0 0 != vScIdle
  | .replication, .slc => s .unacked 0 0 != .i (-1)
  | _, _ => false

/-- A rank that every wait strictly decreases. -/
def rank : Proc → Nat
  | .shapecache | .consumer _ | .batcher | .supervisor => 0
  | .slc => 1
  | .cleaner _ | .replication => 2
  | .api => 3

/-- `p` waits, directly or through others, on `q`. -/
inductive WaitsChain (s : State) : Proc → Proc → Prop
  | one (p q : Proc) : waitsOn s p q = true → WaitsChain s p q
  | more (p r q : Proc) : waitsOn s p r = true → WaitsChain s r q → WaitsChain s p q

end

theorem waitsOn_rank (s : State) (p q : Proc) (h : waitsOn s p q = true) : rank q < rank p := by
  cases p <;> cases q <;> simp_all [waitsOn, rank]

theorem waitsChain_rank (s : State) (p q : Proc) (h : WaitsChain s p q) : rank q < rank p := by
  induction h with
  | one p q h => exact waitsOn_rank s p q h
  | more p r q h _ ih => have := waitsOn_rank s p r h; omega

/-- **The hand-written waits-for relation `waitsOn` has no cycle, in any state.** Every edge of
`waitsOn` (a FixB chain waiting for its router request → collector, collector → ShapeCache,
replication client → collector) goes strictly down a rank, so no process waits on itself through
any chain of waits. What this does NOT show: `waitsOn` is written by hand from the reading of
Electric's code, not derived from the rules' blocking guards, so it says nothing about a wait the
relation leaves out; it proves acyclicity of `waitsOn`, not deadlock freedom of the rules. It
leaves out ShapeCache waiting on the chain its `clean_shape` hosts after a failed consumer start,
the edge that closes the cycle of `fixB_deadlock_shapeCache_clean`: with it, FixB deadlocks. (It
was called `fixB_noDeadlock`, a name that claimed more than the statement.) -/
public theorem waitsOn_acyclic (s : State) (p : Proc) : ¬ WaitsChain s p p := by
  intro h
  have := waitsChain_rank s p p h
  omega

end ElectricRace
