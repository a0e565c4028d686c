module

import Lean.Data.Json

/-!
# The full model: Electric's shape-removal protocol as rules-as-data

The state is a flat map from cells (`docs/contracts.md` section 1) to values. Every action is
DATA: named guard conjuncts (`Expr`) and effects (`Effect`) in the small expression language of
`docs/contracts.md` section 2. `eval` and `exec` below give that language its meaning, and the
step function `step` is nothing but their interpretation. The theorems in
`ElectricRace/Thm/Model.lean` are about `step`; the JSON export at the end of this file writes the
same data, so the rules the proofs are about and the rules the checker reads are one object.

The protocol variant (`Variant`) and the bounds (`Bounds`: handles `H`, consumer ids `C`, chain
slots `K`, transactions `T`) are parameters. For fixed bounds the state space is finite.

Engine note: the export (`#eval` at the end) must run code defined in this file, so the
interpreter and the rule data live here, and the code avoids library functions that the bundled
engine cannot run (no `List.map`/`List.length`/`++` on lists; own recursion instead).
-/

namespace ElectricRace

@[expose] public section

/-! ## Vocabulary -/

/-- Protocol variants: `PreFix` (1.2.7–1.3.2, `send(nil, …)` reachable), `FixA` (1.3.3, `nil`
filtered in broadcast), `FixA2` (HEAD: `nil` recorded as undeliverable, the cleaner re-issues the
collector removal when ShapeStatus is already gone), `FixB` (router removed first through a
non-blocking request the collector handles before the next event), `FixC` (ShapeStatus tombstone
consulted by publish), `SerializedRemoval` (the proposed complete fix, docs/fix-proposal.md: the
collector itself tombstones the shape in ShapeStatus and drops its route in one message, so a
removal is serialized with publishes; the final batched removal drops the tombstone). -/
inductive Variant where
  | PreFix | FixA | FixA2 | FixB | FixC | SerializedRemoval
deriving DecidableEq

def Variant.name : Variant → String
  | .PreFix => "PreFix" | .FixA => "FixA" | .FixA2 => "FixA2" | .FixB => "FixB" | .FixC => "FixC"
  | .SerializedRemoval => "SerializedRemoval"

/-- Index domains. -/
inductive Dom where
  | handle | consumer | chain | txn
deriving DecidableEq

def Dom.name : Dom → String
  | .handle => "handle" | .consumer => "consumer" | .chain => "chain" | .txn => "txn"

def Dom.boundName : Dom → String
  | .handle => "H" | .consumer => "C" | .chain => "K" | .txn => "T"

/-- The bounds: `H` handles, `C` consumer ids, `K` cleaner-chain slots, `T` transactions. -/
structure Bounds where
  H : Nat
  C : Nat
  K : Nat
  T : Nat

def Bounds.of (b : Bounds) : Dom → Nat
  | .handle => b.H | .consumer => b.C | .chain => b.K | .txn => b.T

/-- The smallest bounds, `H = C = K = T = 1` (the reproduction recipe and the table). -/
def b1 : Bounds := ⟨1, 1, 1, 1⟩

/-- Enumerated value types; a value of one is its position in `EnumTy.names`. -/
inductive EnumTy where
  | status | storage | pub | cons | pc | mbox | slc | sc | cause | und
deriving DecidableEq, Inhabited

/-- The name an enum type carries in the export (every enum literal is tagged with it). -/
def EnumTy.name : EnumTy → String
  | .status => "status" | .storage => "storage" | .pub => "pub" | .cons => "cons" | .pc => "pc"
  | .mbox => "mbox" | .slc => "slc" | .sc => "sc" | .cause => "cause" | .und => "undeliverable"

def EnumTy.names : EnumTy → List String
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

/-- Cell values: booleans, integers (`-1` is "none"), enumeration members. -/
inductive Val where
  | b (x : Bool)
  | i (x : Int)
  | e (t : EnumTy) (n : Nat)
deriving DecidableEq, Inhabited

/-- The state variables of `docs/contracts.md` section 1. -/
inductive Var where
  | status | router | registry | storage | pendingRemove | batchRemove | removeNow
  | pubState | pubConsumer | touches | cons | owner | applied | nextConsumer
  | chainHandle | chainPc | mbox | slc | pubTxn | sc | scHandle | nextTxn | unacked
  | crashes | crashCause | orphanDelivery | undeliverable | scChain
deriving DecidableEq, Inhabited

def Var.name : Var → String
  | .status => "status" | .router => "router" | .registry => "registry" | .storage => "storage"
  | .pendingRemove => "pendingRemove" | .batchRemove => "batchRemove" | .removeNow => "removeNow"
  | .pubState => "pubState" | .pubConsumer => "pubConsumer" | .touches => "touches"
  | .cons => "cons" | .owner => "owner" | .applied => "applied" | .nextConsumer => "nextConsumer"
  | .chainHandle => "chainHandle" | .chainPc => "chainPc" | .mbox => "mbox" | .slc => "slc"
  | .pubTxn => "pubTxn" | .sc => "sc" | .scHandle => "scHandle" | .nextTxn => "nextTxn"
  | .unacked => "unacked" | .crashes => "crashes" | .crashCause => "crashCause"
  | .orphanDelivery => "orphanDelivery" | .undeliverable => "undeliverable"
  | .scChain => "scChain"

/-- All variables, in export order. -/
def allVars : List Var :=
  [.status, .router, .registry, .storage, .pendingRemove, .batchRemove, .removeNow, .pubState,
   .pubConsumer, .touches, .cons, .owner, .applied, .nextConsumer, .chainHandle, .chainPc, .mbox,
   .slc, .pubTxn, .sc, .scHandle, .nextTxn, .unacked, .crashes, .crashCause, .orphanDelivery,
   .undeliverable, .scChain]

/-- The index domains of each variable (empty for scalars). -/
def Var.dims : Var → List Dom
  | .status | .router | .registry | .storage | .pendingRemove | .batchRemove | .removeNow
  | .pubState | .pubConsumer | .undeliverable => [.handle]
  | .touches => [.txn, .handle]
  | .cons | .owner | .applied => [.consumer]
  | .chainHandle | .chainPc => [.chain]
  | _ => []

/-- The cap of the crash counter (it saturates, which keeps the state space finite). -/
def crashCap : Int := 2

/-- Value types. -/
inductive Ty where
  | bool
  | int (lo hi : Int)
  | enum (t : EnumTy)

def Var.ty (b : Bounds) : Var → Ty
  | .status => .enum .status
  | .router | .pendingRemove | .batchRemove | .removeNow | .touches | .orphanDelivery => .bool
  | .registry | .pubConsumer => .int (-1) ((b.C : Int) - 1)
  | .storage => .enum .storage
  | .pubState => .enum .pub
  | .cons => .enum .cons
  | .owner | .scHandle => .int (-1) ((b.H : Int) - 1)
  | .applied | .pubTxn | .unacked => .int (-1) ((b.T : Int) - 1)
  | .nextConsumer => .int 0 b.C
  | .chainHandle => .int (-1) ((b.H : Int) - 1)
  | .scChain => .int (-1) ((b.K : Int) - 1)
  | .chainPc => .enum .pc
  | .mbox => .enum .mbox
  | .slc => .enum .slc
  | .sc => .enum .sc
  | .nextTxn => .int 0 b.T
  | .crashes => .int 0 crashCap
  | .crashCause => .enum .cause
  | .undeliverable => .enum .und

/-- The value an out-of-domain read returns; also the value every cell has in a fresh system. -/
def Var.default : Var → Val
  | .status => .e .status 0
  | .storage => .e .storage 0
  | .pubState => .e .pub 0
  | .cons => .e .cons 0
  | .chainPc => .e .pc 0
  | .mbox => .e .mbox 0
  | .slc => .e .slc 0
  | .sc => .e .sc 0
  | .crashCause => .e .cause 0
  | .undeliverable => .e .und 0
  | .router | .pendingRemove | .batchRemove | .removeNow | .touches | .orphanDelivery => .b false
  | .nextConsumer | .nextTxn | .crashes => .i 0
  | _ => .i (-1)

/-- The first index domain of a variable (meaningless for scalars). -/
def Var.dim1 (v : Var) : Dom :=
  match v.dims with
  | d :: _ => d
  | [] => .handle

/-- The second index domain (only `touches` has one). -/
def Var.dim2 (v : Var) : Dom :=
  match v.dims with
  | _ :: d :: _ => d
  | _ => .handle

/-! ## The expression language (contracts.md section 2) -/

/-- Action parameters and quantifier variables. -/
inductive Param where
  | h | c | k | t | x | y
deriving DecidableEq

def Param.name : Param → String
  | .h => "h" | .c => "c" | .k => "k" | .t => "t" | .x => "x" | .y => "y"

/-- Expressions. `cell0/1/2` read a cell with 0, 1 or 2 indices; `and`/`or` are binary here and
exported n-ary (flattened). -/
inductive Expr where
  | lit (v : Val)
  | param (p : Param)
  | cell0 (v : Var)
  | cell1 (v : Var) (i : Expr)
  | cell2 (v : Var) (i j : Expr)
  | not (a : Expr)
  | and (a b : Expr)
  | or (a b : Expr)
  | eq (a b : Expr)
  | ne (a b : Expr)
  | lt (a b : Expr)
  | le (a b : Expr)
  | add (a b : Expr)
  | sub (a b : Expr)
  | ite (c a b : Expr)
  | all (q : Param) (d : Dom) (body : Expr)
  | any (q : Param) (d : Dom) (body : Expr)

/-- Effects. `seq`/`skip` build effect lists (exported flattened); `cond` is the `if` node. -/
inductive Effect where
  | skip
  | seq (a b : Effect)
  | set0 (v : Var) (val : Expr)
  | set1 (v : Var) (i : Expr) (val : Expr)
  | set2 (v : Var) (i j : Expr) (val : Expr)
  | each (q : Param) (d : Dom) (body : Effect)
  | cond (c : Expr) (t e : Effect)

/-- A state: the value of every cell `name[i][j]` (unused indices are 0). -/
abbrev State := Var → Int → Int → Val

/-- Values of parameters and quantifier variables. -/
abbrev Env := Param → Int

def Env.upd (env : Env) (p : Param) (n : Int) : Env := fun q => if q = p then n else env q

def Val.asBool : Val → Bool
  | .b x => x
  | _ => false

def Val.asInt : Val → Int
  | .i x => x
  | _ => 0

/-- `i` is an index of domain `d`. -/
def inDom (b : Bounds) (d : Dom) (i : Int) : Bool := decide (0 ≤ i) && decide (i < (b.of d : Int))

/-- Read a one-index cell; out of domain reads the default. -/
def read1 (b : Bounds) (s : State) (v : Var) (i : Int) : Val :=
  if inDom b v.dim1 i then s v i 0 else v.default

/-- Read a two-index cell; out of domain reads the default. -/
def read2 (b : Bounds) (s : State) (v : Var) (i j : Int) : Val :=
  if inDom b v.dim1 i && inDom b v.dim2 j then s v i j else v.default

/-- `f 0 && … && f (n-1)`. -/
def allN : Nat → (Nat → Bool) → Bool
  | 0, _ => true
  | n + 1, f => allN n f && f n

/-- `f 0 || … || f (n-1)`. -/
def anyN : Nat → (Nat → Bool) → Bool
  | 0, _ => false
  | n + 1, f => anyN n f || f n

/-- The meaning of an expression in state `s` under the binding `env`. -/
def eval (b : Bounds) (s : State) (env : Env) : Expr → Val
  | .lit v => v
  | .param p => .i (env p)
  | .cell0 v => s v 0 0
  | .cell1 v i => read1 b s v (eval b s env i).asInt
  | .cell2 v i j => read2 b s v (eval b s env i).asInt (eval b s env j).asInt
  | .not a => .b (!(eval b s env a).asBool)
  | .and e1 e2 => .b ((eval b s env e1).asBool && (eval b s env e2).asBool)
  | .or e1 e2 => .b ((eval b s env e1).asBool || (eval b s env e2).asBool)
  | .eq e1 e2 => .b (decide (eval b s env e1 = eval b s env e2))
  | .ne e1 e2 => .b (!decide (eval b s env e1 = eval b s env e2))
  | .lt e1 e2 => .b (decide ((eval b s env e1).asInt < (eval b s env e2).asInt))
  | .le e1 e2 => .b (decide ((eval b s env e1).asInt ≤ (eval b s env e2).asInt))
  | .add e1 e2 => .i ((eval b s env e1).asInt + (eval b s env e2).asInt)
  | .sub e1 e2 => .i ((eval b s env e1).asInt - (eval b s env e2).asInt)
  | .ite c e1 e2 => if (eval b s env c).asBool then eval b s env e1 else eval b s env e2
  | .all q d body => .b (allN (b.of d) (fun n => (eval b s (env.upd q n) body).asBool))
  | .any q d body => .b (anyN (b.of d) (fun n => (eval b s (env.upd q n) body).asBool))

/-- Assign one cell. -/
def State.set (s : State) (v : Var) (i j : Int) (x : Val) : State :=
  fun v' i' j' => if v' = v ∧ i' = i ∧ j' = j then x else s v' i' j'

/-- Apply `f 0`, then `f 1`, …, then `f (n-1)`. -/
def forN : Nat → (Nat → State → State) → State → State
  | 0, _, s => s
  | n + 1, f, s => f n (forN n f s)

/-- The meaning of an effect: every expression is evaluated in the pre-state `pre`, assignments
are applied in order to the post-state (the last argument). Out-of-domain assignments do nothing. -/
def exec (b : Bounds) (pre : State) (env : Env) : Effect → State → State
  | .skip, post => post
  | .seq e1 e2, post => exec b pre env e2 (exec b pre env e1 post)
  | .set0 v val, post => post.set v 0 0 (eval b pre env val)
  | .set1 v i val, post =>
      let iv := (eval b pre env i).asInt
      if inDom b v.dim1 iv then post.set v iv 0 (eval b pre env val) else post
  | .set2 v i j val, post =>
      let iv := (eval b pre env i).asInt
      let jv := (eval b pre env j).asInt
      if inDom b v.dim1 iv && inDom b v.dim2 jv then post.set v iv jv (eval b pre env val) else post
  | .each q d body, post => forN (b.of d) (fun n st => exec b pre (env.upd q n) body st) post
  | .cond c t e, post => if (eval b pre env c).asBool then exec b pre env t post else exec b pre env e post

/-! ## Actions as data -/

/-- Action labels (contracts.md section 1, plus `SlcFail`). -/
inductive Label where
  | RemoveShape | CleanerRouterRemove | CleanerRouterAck | CleanerStatus | CleanerStop
  | CleanerStorage | CleanerSlcRemove | BatcherFlush | SlcApplyBatch | SlcRemoveNow | TxnArrive
  | SlcRoute | SlcResolveRegistered | SlcResolveAsk | CacheCheckOk | CacheCheckNoShape
  | CacheCheckRemoving | CacheStart | ConsumerInit | SlcBroadcast | SlcCrash | SlcFail
  | SlcRestart | ConsumerSuspend | ConsumerCrash | ConsumerSelfClean | ConsumerKill
  | CacheStartRaise | CacheStartFail | CacheCleanReturn
deriving DecidableEq

def Label.name : Label → String
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

/-- A named guard conjunct. -/
structure Guard where
  name : String
  expr : Expr

/-- What a step does to the collector, as a trace reports it: `crash` when the
ShapeLogCollector dies in this step, `ok` otherwise. -/
inductive Outcome where
  | ok | crash
deriving DecidableEq

def Outcome.name : Outcome → String
  | .ok => "ok" | .crash => "crash"

/-- An action: label, performing process (with the parameter that names its instance, e.g.
`consumer:c`; `none` for singleton processes such as `api` or `slc`), parameters with their
domains, guard conjuncts, effects, and the outcome a trace must report for it. -/
structure Action where
  label : Label
  process : String
  processParam : Option Param := none
  params : List (Param × Dom)
  guards : List Guard
  effect : Effect
  outcome : Outcome := .ok

/-- All guards evaluate to `true`. -/
def guardsOk (b : Bounds) (s : State) (env : Env) : List Guard → Bool
  | [] => true
  | g :: gs => (eval b s env g.expr).asBool && guardsOk b s env gs

/-- The names of the guards that fail. -/
def failedGuards (b : Bounds) (s : State) (env : Env) : List Guard → List String
  | [] => []
  | g :: gs => if (eval b s env g.expr).asBool then failedGuards b s env gs
               else g.name :: failedGuards b s env gs

/-- **The step function**: the interpretation of an action's data. `none` when a guard fails. -/
def step (b : Bounds) (s : State) (a : Action) (env : Env) : Option State :=
  if guardsOk b s env a.guards then some (exec b s env a.effect s) else none

/-- Every parameter of the binding lies in its domain. -/
def bindingOk (b : Bounds) (env : Env) : List (Param × Dom) → Bool
  | [] => true
  | (p, d) :: ps => inDom b d (env p) && bindingOk b env ps

/-! ### Notation for writing rules -/

def lb (x : Bool) : Expr := .lit (.b x)
def li (n : Int) : Expr := .lit (.i n)
def tt : Expr := lb true
def ff : Expr := lb false
def none' : Expr := li (-1)

def pH : Expr := .param .h
def pC : Expr := .param .c
def pK : Expr := .param .k
def pT : Expr := .param .t
def pX : Expr := .param .x

-- enum members as values
def vAbsent : Val := .e .status 0
def vPresent : Val := .e .status 1
def vTombstoned : Val := .e .status 2
def vSAbsent : Val := .e .storage 0
def vSPresent : Val := .e .storage 1
def vSCleaned : Val := .e .storage 2
def vPubNone : Val := .e .pub 0
def vPending : Val := .e .pub 1
def vNil : Val := .e .pub 2
def vConsumer : Val := .e .pub 3
def vSkipped : Val := .e .pub 4
def vUnused : Val := .e .cons 0
def vStarting : Val := .e .cons 1
def vRunning : Val := .e .cons 2
def vDeadCleanup : Val := .e .cons 3
def vDeadSuspend : Val := .e .cons 4
def vDeadCrash : Val := .e .cons 5
def vDeadKilled : Val := .e .cons 6
def vDeadShutdown : Val := .e .cons 7
def vIdle : Val := .e .pc 0
def vRouterRemove : Val := .e .pc 1
def vRouterWait : Val := .e .pc 2
def vStatus : Val := .e .pc 3
def vStop : Val := .e .pc 4
def vStorage : Val := .e .pc 5
def vSlcRemove : Val := .e .pc 6
def vDone : Val := .e .pc 7
def vAborted : Val := .e .pc 8
def vEmpty : Val := .e .mbox 0
def vE : Val := .e .mbox 1
def vB : Val := .e .mbox 2
def vEB : Val := .e .mbox 3
def vBE : Val := .e .mbox 4
def vSlcIdle : Val := .e .slc 0
def vPublishing : Val := .e .slc 1
def vDown : Val := .e .slc 2
def vScIdle : Val := .e .sc 0
def vRequested : Val := .e .sc 1
def vChecked : Val := .e .sc 2
def vCleaning : Val := .e .sc 3
def vNoCause : Val := .e .cause 0
def vSendNil : Val := .e .cause 1
def vExternal : Val := .e .cause 2
def vStartRaise : Val := .e .cause 3
def vDelivered : Val := .e .und 0
def vNoShape : Val := .e .und 1
def vNoproc : Val := .e .und 2

def L (v : Val) : Expr := .lit v

-- cells
def status (i : Expr) : Expr := .cell1 .status i
def router (i : Expr) : Expr := .cell1 .router i
def registry (i : Expr) : Expr := .cell1 .registry i
def storage (i : Expr) : Expr := .cell1 .storage i
def pendingRemove (i : Expr) : Expr := .cell1 .pendingRemove i
def batchRemove (i : Expr) : Expr := .cell1 .batchRemove i
def removeNow (i : Expr) : Expr := .cell1 .removeNow i
def pubState (i : Expr) : Expr := .cell1 .pubState i
def pubConsumer (i : Expr) : Expr := .cell1 .pubConsumer i
def touches (t i : Expr) : Expr := .cell2 .touches t i
def cons (c : Expr) : Expr := .cell1 .cons c
def owner (c : Expr) : Expr := .cell1 .owner c
def applied (c : Expr) : Expr := .cell1 .applied c
def chainHandle (k : Expr) : Expr := .cell1 .chainHandle k
def chainPc (k : Expr) : Expr := .cell1 .chainPc k
def nextConsumer : Expr := .cell0 .nextConsumer
def mbox : Expr := .cell0 .mbox
def slc : Expr := .cell0 .slc
def pubTxn : Expr := .cell0 .pubTxn
def sc : Expr := .cell0 .sc
def scHandle : Expr := .cell0 .scHandle
/-- The chain slot of ShapeCache's last `clean_shape` (read only while `sc = cleaning`). -/
def scChain : Expr := .cell0 .scChain
def nextTxn : Expr := .cell0 .nextTxn
def unacked : Expr := .cell0 .unacked
def crashes : Expr := .cell0 .crashes
def orphanDelivery : Expr := .cell0 .orphanDelivery
def undeliverable (i : Expr) : Expr := .cell1 .undeliverable i

def isE (e : Expr) (v : Val) : Expr := .eq e (L v)
def notE (e : Expr) (v : Val) : Expr := .ne e (L v)
def forallH (body : Expr) : Expr := .all .x .handle body
def existsH (body : Expr) : Expr := .any .x .handle body
def forallC (body : Expr) : Expr := .all .x .consumer body
def forallK (body : Expr) : Expr := .all .x .chain body

/-- Effect lists. -/
def seqL : List Effect → Effect
  | [] => .skip
  | [e] => e
  | e :: es => .seq e (seqL es)

/-- List append by own recursion (the engine cannot run `List.append`'s compiled form). -/
def app {α : Type} : List α → List α → List α
  | [], ys => ys
  | x :: xs, ys => x :: app xs ys

def when (c : Expr) (e : Effect) : Effect := .cond c e .skip
def eachH (body : Effect) : Effect := .each .x .handle body
def eachC (body : Effect) : Effect := .each .x .consumer body

/-- A consumer state is live (starting or running). -/
def live (c : Expr) : Expr := .or (isE c vStarting) (isE c vRunning)

/-- The handle of chain `k`. -/
def hk : Expr := chainHandle pK

def g (n : String) (e : Expr) : Guard := ⟨n, e⟩

/-! ### The rules -/

/-- How a variant's consumer starts (electric.md 5b). `recheck`: until upstream f7f6bc78c (#3998,
first in 1.4.14) `Consumer.init` re-read ShapeStatus with `{:ok, shape} = fetch_shape_by_handle`
(consumer.ex:111, after registration): a removal that landed after ShapeCache's check makes that
match raise, the start fails and `start_consumer!` raises in the collector
(consumer_registry.ex:223). `noRecheck` (HEAD): the consumer never re-reads ShapeStatus; it
starts, re-creates the shape's directory and runs a new snapshot (the orphan). FixB and FixC are
stated on HEAD's start (a modelling choice, see docs/model.md). -/
inductive ConsumerStart where
  | recheck | noRecheck
deriving DecidableEq

def ConsumerStart.name : ConsumerStart → String
  | .recheck => "recheck" | .noRecheck => "noRecheck"

/-- The consumer start of each variant: PreFix (1.2.7–1.3.2) and FixA (1.3.3–1.4.13) re-read. -/
def Variant.consumerStart : Variant → ConsumerStart
  | .PreFix | .FixA => .recheck
  | _ => .noRecheck

/-- The first step of a fresh cleaner chain: FixB and SerializedRemoval start with the request
to the collector. -/
def startPc (v : Variant) : Val :=
  if v = .FixB then vRouterRemove else if v = .SerializedRemoval then vRouterRemove else vStatus

/-- What a collector crash does (`one_for_all` restart of the shape subsystem): the collector is
down, its mailbox, the batcher, the ConsumerRegistry table, the publish in progress and the
ShapeCache request are lost, every live consumer is shut down. ShapeStatus, storage and the
replication client's un-acknowledged transaction survive; so do the chains, except in PreFix
(`chainsDieEff`). -/
def crashEff (cause : Val) : Effect := seqL [
  .set0 .slc (L vDown),
  .set0 .mbox (L vEmpty),
  .set0 .crashes (.ite (.lt crashes (li crashCap)) (.add crashes (li 1)) (li crashCap)),
  .set0 .crashCause (L cause),
  .set0 .pubTxn none',
  .set0 .sc (L vScIdle),
  .set0 .scHandle none',
  eachH (seqL [
    .set1 .pendingRemove pX ff, .set1 .batchRemove pX ff, .set1 .removeNow pX ff,
    .set1 .registry pX none', .set1 .pubState pX (L vPubNone), .set1 .pubConsumer pX none']),
  eachC (when (live (cons pX)) (.set1 .cons pX (L vDeadShutdown)))]

/-- Before upstream commit `ba6dd2c7d` (#3716, 2026-01-26; PreFix, 1.2.7-1.3.2) the cleanup
tasks ran under `CleanupTaskSupervisor`, a child of `Shapes.Supervisor` (electric.md §3.7), and the
synchronous chains ran inside ShapeCache or ExpiryManager, children too: the subsystem's
`one_for_all` restart killed every chain in progress. A killed chain is `aborted` wherever it
stood, so a chain killed after its ShapeStatus step leaves the shape's storage behind (#3759). -/
def chainsDieEff : Effect :=
  .each .x .chain (when
    (.and (notE (chainPc pX) vIdle) (.and (notE (chainPc pX) vDone) (notE (chainPc pX) vAborted)))
    (.set1 .chainPc pX (L vAborted)))

/-- PreFix's collector crash: `crashEff`, then the chains in progress die with the subsystem. -/
def crashKillingChains (cause : Val) : Effect := seqL [crashEff cause, chainsDieEff]

/-- HEAD (FixA2) records what its publish could not deliver (`ConsumerRegistry.publish` returns
`{undeliverable, delivered}`, electric.md 3.4 and 4): a handle resolved to `nil` (ShapeCache
replied `:no_shape`) is undeliverable with `{:publish, :no_shape}`, a handle resolved to a dead
pid gets a `:noproc` DOWN. Every other handle's record of this publish is `none`. Earlier
variants drop both silently and never write the cell. -/
def undeliverableEff : Effect :=
  eachH (.set1 .undeliverable pX
    (.ite (isE (pubState pX) vNil) (L vNoShape)
      (.ite (.and (isE (pubState pX) vConsumer) (.not (live (cons (pubConsumer pX)))))
        (L vNoproc) (L vDelivered))))

/-- Guard conjuncts shared by the end of a publish. -/
def publishDoneGuards : List Guard := [
  g "slc_publishing" (isE slc vPublishing),
  g "nothing_pending" (forallH (notE (pubState pX) vPending)),
  g "sc_idle" (isE sc vScIdle)]

def consActions (v : Variant) : List Action := [
  { label := .ConsumerInit, process := "consumer", processParam := some .c, params := [(.c, .consumer)],
    guards := [g "starting" (isE (cons pC) vStarting)],
    effect := seqL [.set1 .cons pC (L vRunning), .set1 .storage (owner pC) (L vSPresent)] },
  { label := .ConsumerSuspend, process := "consumer", processParam := some .c, params := [(.c, .consumer)],
    guards := [g "running" (isE (cons pC) vRunning)],
    effect := seqL [.set1 .cons pC (L vDeadSuspend),
      when (.eq (registry (owner pC)) pC) (.set1 .registry (owner pC) none')] },
  { label := .ConsumerCrash, process := "consumer", processParam := some .c, params := [(.c, .consumer), (.k, .chain)],
    guards := [g "running" (isE (cons pC) vRunning), g "chain_idle" (isE (chainPc pK) vIdle)],
    effect := seqL [.set1 .cons pC (L vDeadCrash), .set1 .chainHandle pK (owner pC),
      .set1 .chainPc pK (L (startPc v))] },
  { label := .ConsumerSelfClean, process := "consumer", processParam := some .c, params := [(.c, .consumer), (.k, .chain)],
    guards := [g "running" (isE (cons pC) vRunning), g "chain_idle" (isE (chainPc pK) vIdle)],
    effect := seqL [.set1 .cons pC (L vDeadCleanup), .set1 .chainHandle pK (owner pC),
      .set1 .chainPc pK (L (startPc v))] },
  { label := .ConsumerKill, process := "consumer", processParam := some .c, params := [(.c, .consumer)],
    guards := [g "live" (live (cons pC))],
    effect := .set1 .cons pC (L vDeadKilled) }]

def cleanerActions (v : Variant) : List Action :=
  let routerFirst : List Action := if v = .FixB then [
    { label := .CleanerRouterRemove, process := "cleaner", processParam := some .k, params := [(.k, .chain)],
      guards := [g "at_routerRemove" (isE (chainPc pK) vRouterRemove)],
      effect := seqL [.set1 .removeNow hk tt, .set1 .chainPc pK (L vRouterWait)] },
    { label := .CleanerRouterAck, process := "cleaner", processParam := some .k, params := [(.k, .chain)],
      guards := [g "at_routerWait" (isE (chainPc pK) vRouterWait),
                 g "request_processed" (isE (removeNow hk) (.b false))],
      -- if a collector restart lost the request (router rebuilt), issue it again
      effect := .set1 .chainPc pK (.ite (router hk) (L vRouterRemove) (L vStatus)) }]
    else if v = .SerializedRemoval then [
    -- the request asks the collector to tombstone the shape and drop its route (`SlcRemoveNow`)
    { label := .CleanerRouterRemove, process := "cleaner", processParam := some .k, params := [(.k, .chain)],
      guards := [g "at_routerRemove" (isE (chainPc pK) vRouterRemove)],
      effect := seqL [.set1 .removeNow hk tt, .set1 .chainPc pK (L vRouterWait)] },
    { label := .CleanerRouterAck, process := "cleaner", processParam := some .k, params := [(.k, .chain)],
      guards := [g "at_routerWait" (isE (chainPc pK) vRouterWait),
                 g "request_processed" (isE (removeNow hk) (.b false))],
      -- still present: a collector crash lost the request before it was handled; ask again
      effect := .set1 .chainPc pK (.ite (isE (status hk) vPresent) (L vRouterRemove) (L vStop)) }]
    else []
  -- SerializedRemoval has no ShapeStatus step of its own: the collector writes the tombstone
  let statusStep : List Action := if v = .SerializedRemoval then [] else [
    { label := .CleanerStatus, process := "cleaner", processParam := some .k, params := [(.k, .chain)],
      guards := [g "at_status" (isE (chainPc pK) vStatus)],
      effect := .cond (isE (status hk) vPresent)
        (seqL [.set1 .status hk (L (if v = .FixC then vTombstoned else vAbsent)),
               .set1 .chainPc pK (L vStop)])
        (.set1 .chainPc pK (L (if v = .FixA2 then vSlcRemove else vAborted))) }]
  let rest : List Action := app statusStep [
    { label := .CleanerStop, process := "cleaner", processParam := some .k, params := [(.k, .chain)],
      guards := [g "at_stop" (isE (chainPc pK) vStop)],
      effect := seqL [
        when (live (cons (registry hk))) (.set1 .cons (registry hk) (L vDeadCleanup)),
        .set1 .chainPc pK (L vStorage)] },
    { label := .CleanerStorage, process := "cleaner", processParam := some .k, params := [(.k, .chain)],
      guards := [g "at_storage" (isE (chainPc pK) vStorage)],
      effect := seqL [.set1 .storage hk (L vSCleaned),
        .set1 .chainPc pK (L (if v = .FixB then vDone else vSlcRemove))] }]
  let slcRemove : List Action := if v = .FixB then [] else [
    { label := .CleanerSlcRemove, process := "cleaner", processParam := some .k, params := [(.k, .chain)],
      guards := [g "at_slcRemove" (isE (chainPc pK) vSlcRemove)],
      -- the batcher is down while the collector is: the call exits and the chain dies
      effect := .cond (isE slc vDown) (.set1 .chainPc pK (L vAborted))
        (seqL [.set1 .pendingRemove hk tt, .set1 .chainPc pK (L vDone)]) }]
  { label := .RemoveShape, process := "api", params := [(.h, .handle), (.k, .chain)],
    guards := [g "chain_idle" (isE (chainPc pK) vIdle)],
    effect := seqL [.set1 .chainHandle pK pH, .set1 .chainPc pK (L (startPc v))] }
  :: app routerFirst (app rest slcRemove)

def batchActions (v : Variant) : List Action :=
  let common : List Action := [
    { label := .BatcherFlush, process := "batcher", params := [],
      guards := [g "slc_up" (notE slc vDown),
                 g "no_batch_in_flight" (forallH (.not (batchRemove pX))),
                 g "something_pending" (existsH (pendingRemove pX))],
      effect := seqL [
        eachH (seqL [.set1 .batchRemove pX (pendingRemove pX), .set1 .pendingRemove pX ff]),
        .set0 .mbox (.ite (isE mbox vEmpty) (L vB) (.ite (isE mbox vE) (L vEB) mbox))] },
    { label := .SlcApplyBatch, process := "slc", params := [],
      guards := [g "slc_idle" (isE slc vSlcIdle),
                 g "batch_at_head" (.or (isE mbox vB) (isE mbox vBE))],
      effect := seqL [
        eachH (when (batchRemove pX) (seqL [
          .set1 .router pX ff, .set1 .registry pX none',
          (if v = .FixC then when (isE (status pX) vTombstoned) (.set1 .status pX (L vAbsent))
           else if v = .SerializedRemoval then
             when (isE (status pX) vTombstoned) (.set1 .status pX (L vAbsent))
           else .skip),
          .set1 .batchRemove pX ff])),
        .set0 .mbox (.ite (isE mbox vB) (L vEmpty) (L vE))] }]
  if v = .FixB then app common [
    { label := .SlcRemoveNow, process := "slc", params := [(.h, .handle)],
      guards := [g "slc_idle" (isE slc vSlcIdle), g "requested" (removeNow pH)],
      effect := seqL [.set1 .router pH ff, .set1 .registry pH none', .set1 .removeNow pH ff] }]
  else if v = .SerializedRemoval then app common [
    -- one collector message: tombstone the shape, drop its route; the registry entry stays so
    -- the chain's stop finds the consumer (the final batched removal deletes it)
    { label := .SlcRemoveNow, process := "slc", params := [(.h, .handle)],
      guards := [g "slc_idle" (isE slc vSlcIdle), g "requested" (removeNow pH)],
      effect := seqL [
        when (isE (status pH) vPresent) (.set1 .status pH (L vTombstoned)),
        .set1 .router pH ff, .set1 .removeNow pH ff] }]
  else common

def publishActions (v : Variant) : List Action :=
  -- SerializedRemoval keeps the pre-fix `send(nil, …)`: its proofs show a nil never arises
  let nilCrashes : Bool := v = .PreFix || v = .FixB || v = .FixC || v = .SerializedRemoval
  -- the consumer start re-reads ShapeStatus (`Variant.consumerStart = .recheck`)
  let rechecks : Bool := v = .PreFix || v = .FixA
  [ { label := .TxnArrive, process := "replication", params := [(.t, .txn)],
      guards := [g "no_unacked" (.eq unacked none'), g "in_order" (.eq pT nextTxn),
                 g "slc_up" (notE slc vDown),
                 g "mailbox_room" (.or (isE mbox vEmpty) (isE mbox vB))],
      effect := seqL [.set0 .unacked pT, .set0 .nextTxn (.add pT (li 1)),
        .set0 .mbox (.ite (isE mbox vEmpty) (L vE) (L vBE))] },
    { label := .SlcRoute, process := "slc", params := [],
      guards := [g "slc_idle" (isE slc vSlcIdle),
                 g "event_at_head" (.or (isE mbox vE) (isE mbox vEB))]
        |> (app · (if v = .FixB then [g "no_remove_now" (forallH (.not (removeNow pX)))] else [])),
      effect := seqL [.set0 .slc (L vPublishing), .set0 .pubTxn unacked,
        .set0 .mbox (.ite (isE mbox vE) (L vEmpty) (L vB)),
        eachH (when
          (if v = .FixC then .and (router pX) (.and (touches unacked pX) (notE (status pX) vTombstoned))
           else .and (router pX) (touches unacked pX))
          (.set1 .pubState pX (L vPending)))] },
    { label := .SlcResolveRegistered, process := "slc", params := [(.h, .handle)],
      guards := [g "pending" (isE (pubState pH) vPending), g "sc_idle" (isE sc vScIdle),
                 g "registered" (.ne (registry pH) none')],
      effect := seqL [.set1 .pubState pH (L vConsumer), .set1 .pubConsumer pH (registry pH)] },
    { label := .SlcResolveAsk, process := "slc", params := [(.h, .handle)],
      guards := [g "pending" (isE (pubState pH) vPending), g "sc_idle" (isE sc vScIdle),
                 g "unregistered" (.eq (registry pH) none')],
      effect := seqL [.set0 .sc (L vRequested), .set0 .scHandle pH] },
    { label := .CacheCheckOk, process := "shapecache", params := [],
      guards := [g "requested" (isE sc vRequested), g "shape_present" (isE (status scHandle) vPresent)],
      effect := .set0 .sc (L vChecked) },
    { label := .CacheCheckNoShape, process := "shapecache", params := [],
      guards := [g "requested" (isE sc vRequested), g "shape_absent" (isE (status scHandle) vAbsent)],
      effect := seqL [.set1 .pubState scHandle (L vNil), .set0 .sc (L vScIdle), .set0 .scHandle none'] } ]
  |> (app · <| app (if v = .FixC then [
    { label := .CacheCheckRemoving, process := "shapecache", params := [],
      guards := [g "requested" (isE sc vRequested),
                 g "shape_tombstoned" (isE (status scHandle) vTombstoned)],
      effect := seqL [.set1 .pubState scHandle (L vSkipped), .set0 .sc (L vScIdle),
                      .set0 .scHandle none'] }] else []) <| app [
    { label := .CacheStart, process := "shapecache", params := [],
      guards := app [g "checked" (isE sc vChecked),
                 g "fresh_id_left" (.any .x .consumer (.eq pX nextConsumer))]
        -- with the re-read, the start succeeds only if the shape is still in ShapeStatus
        (if rechecks then [g "shape_still_present" (isE (status scHandle) vPresent)]
         else []),
      effect := seqL [.set1 .cons nextConsumer (L vStarting), .set1 .owner nextConsumer scHandle,
        .set1 .registry scHandle nextConsumer, .set1 .pubState scHandle (L vConsumer),
        .set1 .pubConsumer scHandle nextConsumer, .set0 .nextConsumer (.add nextConsumer (li 1)),
        .set0 .sc (L vScIdle), .set0 .scHandle none'] },
    { label := .SlcBroadcast, process := "slc", params := [],
      guards := app publishDoneGuards
        (if nilCrashes then [g "no_nil" (forallH (notE (pubState pX) vNil))] else []),
      effect := seqL [
        eachH (when (.and (isE (pubState pX) vConsumer) (live (cons (pubConsumer pX)))) (seqL [
          when (.lt (applied (pubConsumer pX)) pubTxn) (.set1 .applied (pubConsumer pX) pubTxn),
          when (notE (status pX) vPresent) (.set0 .orphanDelivery tt)])),
        (if v = .FixA2 then undeliverableEff else .skip),
        eachH (seqL [.set1 .pubState pX (L vPubNone), .set1 .pubConsumer pX none']),
        .set0 .slc (L vSlcIdle), .set0 .pubTxn none', .set0 .unacked none'] }]
  (app (if nilCrashes then [
    { label := .SlcCrash, process := "slc", params := [],
      guards := app publishDoneGuards [g "has_nil" (existsH (isE (pubState pX) vNil))],
      effect := if v = .PreFix then crashKillingChains vSendNil else crashEff vSendNil, outcome := .crash }] else [])
  -- the re-read in `Consumer.init` raised: the start fails, `start_consumer!` raises in the collector
  (if rechecks then [
    { label := .CacheStartRaise, process := "shapecache", params := [],
      guards := [g "checked" (isE sc vChecked), g "shape_gone" (notE (status scHandle) vPresent)],
      effect := if v = .PreFix then crashKillingChains vStartRaise else crashEff vStartRaise, outcome := .crash }] else [])))

/-- The supervisor restarts the shape subsystem: the router is rebuilt from ShapeStatus
(FixC: tombstones are dropped), the replication client re-sends its un-acknowledged transaction. -/
def restartAction (v : Variant) : Action :=
  { label := .SlcRestart, process := "supervisor", params := [],
    guards := [g "slc_down" (isE slc vDown)],
    effect := seqL [.set0 .slc (L vSlcIdle),
      eachH (seqL [
        (if v = .FixC then when (isE (status pX) vTombstoned) (.set1 .status pX (L vAbsent))
         else if v = .SerializedRemoval then
           when (isE (status pX) vTombstoned) (.set1 .status pX (L vAbsent))
         else .skip),
        .set1 .router pX (isE (status pX) vPresent)]),
      .set0 .mbox (.ite (.ne unacked none') (L vE) (L vEmpty))] }

/-- A chain hosted by ShapeCache's `clean_shape` dies with ShapeCache when the shape subsystem
restarts (`one_for_all`): it is `aborted` unless it had finished. -/
def hostedChainDiesEff : Effect :=
  when (.and (isE sc vCleaning) (notE (.cell1 .chainPc scChain) vDone))
    (.set1 .chainPc scChain (L vAborted))

/-- An external collector crash (any other exception, e.g. `start_consumer!` raising on an error
other than `:no_shape`, or a ShapeCache call timing out). In FixB it also kills the chain a
ShapeCache `clean_shape` hosts (`hostedCleanActions`). -/
def failAction (v : Variant) : Action :=
  { label := .SlcFail, process := "slc", params := [],
    guards := [g "slc_up" (notE slc vDown)],
    effect := if v = .PreFix then crashKillingChains vExternal
      else if v = .FixB then seqL [hostedChainDiesEff, crashEff vExternal] else crashEff vExternal,
    outcome := .crash }

/-- ShapeCache's own cleaner call (electric.md §3.5, `shape_cache.ex:424-457`; §5(i)): when a
consumer start fails for a reason other than `:no_shape`, `start_shape` calls `clean_shape`, a
synchronous `ShapeCleaner.remove_shape` that runs the whole chain inside the ShapeCache process,
while the collector waits for ShapeCache's reply. `CacheStartFail` starts that chain in slot `k`;
`CacheCleanReturn` is `clean_shape` returning: ShapeCache replies the error and
`start_consumer!` raises in the collector (`consumer_registry.ex:223`). Modelled for FixB, whose
chain begins by waiting for the collector (the collector → ShapeCache → cleaner → collector
cycle); in the other variants the hosted chain never waits for the collector, so the start
failure is one more external crash (`SlcFail`) and is left out (docs/model.md §5 item 1). A start
failure is a fault, so these rules come with `SlcFail` only. -/
def hostedCleanActions (v : Variant) : List Action := [
  { label := .CacheStartFail, process := "shapecache", params := [(.k, .chain)],
    guards := [g "checked" (isE sc vChecked), g "chain_idle" (isE (chainPc pK) vIdle)],
    effect := seqL [.set1 .chainHandle pK scHandle, .set1 .chainPc pK (L (startPc v)),
      .set0 .sc (L vCleaning), .set0 .scChain pK] },
  { label := .CacheCleanReturn, process := "shapecache", params := [],
    guards := [g "cleaning" (isE sc vCleaning),
               g "chain_finished" (.or (isE (.cell1 .chainPc scChain) vDone)
                                       (isE (.cell1 .chainPc scChain) vAborted))],
    effect := crashEff vExternal, outcome := .crash }]

/-- The rules of a variant. With `faults = false` the external collector crash `SlcFail` is
left out (the collector then only crashes by sending to `nil`), and with it FixB's consumer-start
failure (`hostedCleanActions`). -/
def rules (v : Variant) (faults : Bool := true) : List Action :=
  app (cleanerActions v) (app (batchActions v) (app (publishActions v)
    (app (consActions v) (if faults then
      app (if v = .FixB then hostedCleanActions v else []) [failAction v, restartAction v]
      else [restartAction v]))))

/-! ### Initial states -/

/-- The conjuncts an initial state satisfies: a freshly (re)started shape subsystem whose
ShapeStatus restored some shapes; no consumer has started yet (they start lazily), nothing is in
flight. `touches` is scenario data and is left free. -/
def initConds : List Guard := [
  g "status_not_tombstoned" (forallH (notE (status pX) vTombstoned)),
  g "router_is_status" (forallH (.eq (router pX) (isE (status pX) vPresent))),
  g "no_registry" (forallH (.eq (registry pX) none')),
  g "storage_follows_status" (forallH (.eq (storage pX)
      (.ite (isE (status pX) vPresent) (L vSPresent) (L vSAbsent)))),
  g "no_pending_remove" (forallH (.not (pendingRemove pX))),
  g "no_batch" (forallH (.not (batchRemove pX))),
  g "no_remove_now" (forallH (.not (removeNow pX))),
  g "no_publish" (forallH (isE (pubState pX) vPubNone)),
  g "no_pub_consumer" (forallH (.eq (pubConsumer pX) none')),
  g "consumers_unused" (forallC (isE (cons pX) vUnused)),
  g "no_owner" (forallC (.eq (owner pX) none')),
  g "nothing_applied" (forallC (.eq (applied pX) none')),
  g "next_consumer_zero" (.eq nextConsumer (li 0)),
  g "chains_idle" (forallK (isE (chainPc pX) vIdle)),
  g "chains_no_handle" (forallK (.eq (chainHandle pX) none')),
  g "mbox_empty" (isE mbox vEmpty),
  g "slc_idle" (isE slc vSlcIdle),
  g "no_pub_txn" (.eq pubTxn none'),
  g "sc_idle" (isE sc vScIdle),
  g "no_sc_handle" (.eq scHandle none'),
  g "next_txn_zero" (.eq nextTxn (li 0)),
  g "no_unacked" (.eq unacked none'),
  g "no_crashes" (.eq crashes (li 0)),
  g "no_crash_cause" (isE (.cell0 .crashCause) vNoCause),
  g "no_orphan_delivery" (.not orphanDelivery),
  g "no_undeliverable" (forallH (isE (undeliverable pX) vDelivered))]

/-- `s` satisfies every initial conjunct. -/
def initOk (b : Bounds) (s : State) : Bool := guardsOk b s (fun _ => 0) initConds

/-- The fresh-system state: every cell at its default. -/
def defaults : State := fun v _ _ => v.default

/-- The reproduction recipe, generalised to any bounds: every handle is a restored shape (status
present, router true, no registry entry, storage present) and every transaction touches every
handle. For `b1` this is the recipe: one restored shape, one chain slot, one transaction. -/
def restored : State := fun v i j =>
  match v with
  | .status => vPresent
  | .router => .b true
  | .storage => vSPresent
  | .touches => .b true
  | _ => defaults v i j

/-! ### Invariants and theorem names attached to the export -/

/-- The collector never crashed by sending to `nil`. -/
def noNilCrash : Expr := notE (.cell0 .crashCause) vSendNil

/-- The collector never crashed through `start_consumer!` (the consumer's start raised). -/
def noStartCrash : Expr := notE (.cell0 .crashCause) vStartRaise

/-- The race window is closed: a routed shape is in ShapeStatus. -/
def noWindow : Expr := forallH (.or (.not (router pX)) (isE (status pX) vPresent))

/-- No live consumer ever received an event while its shape's status was not `present`. -/
def noOrphanDelivery : Expr := .not orphanDelivery

/-! ### Theorem names attached to the export (defined in `ElectricRace/Thm/Model.lean`) -/

/-- Invariants the variant's rules satisfy, with the theorems proving them. -/
def invariantsFor : Variant → List (String × Expr × List String)
  | .PreFix => []
  | .FixA => [("noNilCrash", noNilCrash, ["ElectricRace.fixA_noNilCrash"])]
  | .FixA2 => [("noNilCrash", noNilCrash, ["ElectricRace.fixA2_noNilCrash"]),
               ("noStartCrash", noStartCrash, ["ElectricRace.fixA2_noStartCrash"])]
  | .FixB => [("noStartCrash", noStartCrash, ["ElectricRace.fixB_noStartCrash"])]
  | .FixC => [("noNilCrash", noNilCrash, ["ElectricRace.fixC_noNilCrash_allBounds"]),
              ("noStartCrash", noStartCrash, ["ElectricRace.fixC_noStartCrash"]),
              ("noWindow", forallH (.or (.not (router pX)) (notE (status pX) vAbsent)),
               ["ElectricRace.fixC_noWindow_allBounds"])]
  | .SerializedRemoval => [
      ("noNilCrash", noNilCrash, ["ElectricRace.serializedRemoval_noNilCrash_allBounds"]),
      ("noStartCrash", noStartCrash, ["ElectricRace.serializedRemoval_noStartCrash"]),
      ("noWindow", noWindow, ["ElectricRace.serializedRemoval_noWindow_allBounds"]),
      ("noOrphanDelivery", noOrphanDelivery,
       ["ElectricRace.serializedRemoval_noOrphanDelivery_allBounds"])]

/-- Prefix every name. -/
def prefixAll (p : String) : List String → List String
  | [] => []
  | n :: ns => (p ++ n) :: prefixAll p ns

/-- Theorems that constrain an action of a variant: the variant's safety theorems constrain
every action; witness theorems name the actions their schedules turn on. -/
def theoremsFor (v : Variant) (l : Label) : List String :=
  let pre : String := "ElectricRace."
  let safety : List String := match v with
    | .FixA => ["fixA_noNilCrash"]
    | .FixA2 => ["fixA2_noNilCrash"]
    | .FixB => match l with
      -- the fault rules: the fault-free theorems do not cover them
      | .SlcFail | .CacheStartFail | .CacheCleanReturn => ["waitsOn_acyclic"]
      | _ => ["waitsOn_acyclic", "fixB_noFault_invariant_allBounds", "fixB_noFault_noNilCrash_allBounds",
          "fixB_noFault_noWindow_allBounds", "fixB_noFault_noOrphanDelivery_allBounds"]
    | .FixC => ["fixC_noNilCrash_allBounds", "fixC_noWindow_allBounds"]
    | .SerializedRemoval => ["serializedRemoval_noNilCrash_allBounds",
        "serializedRemoval_noWindow_allBounds", "serializedRemoval_noOrphanDelivery_allBounds"]
    | _ => []
  let vp : String := match v with
    | .PreFix => "preFix" | .FixA => "fixA" | .FixA2 => "fixA2" | .FixB => "fixB" | .FixC => "fixC"
    | .SerializedRemoval => "serializedRemoval"
  let specific : List String := match l, v with
    | .SlcCrash, .PreFix => ["preFix_crash_reachable"]
    | .SlcCrash, .FixB => ["fixB_nilCrash_after_fault"]
    | .SlcResolveRegistered, .PreFix => ["preFix_registered_dead_consumer_noproc"]
    | .CacheCheckNoShape, .PreFix => ["preFix_crash_reachable"]
    | .CacheCheckNoShape, .FixA => ["fixA_recipe_survives"]
    | .CacheCheckNoShape, .FixA2 => ["fixA2_recipe_survives"]
    | .SlcBroadcast, .FixA => ["fixA_recipe_survives"]
    | .SlcBroadcast, .FixA2 => ["fixA2_recipe_survives", "fixA2_records_no_shape", "fixA2_records_noproc"]
    | .CacheStart, .FixB => []
    | .CacheStart, .SerializedRemoval => []
    | .CacheStart, .PreFix => ["preFix_orphan_reachable"]
    | .CacheStart, .FixA => ["fixA_orphan_reachable"]
    | .CacheStart, _ => [vp ++ "_orphan_reachable", vp ++ "_quiescent_orphan"]
    | .CacheStartRaise, _ => [vp ++ "_startCrash_reachable", "crash_keeps_unacked"]
    | .CleanerStatus, .PreFix => ["preFix_window_reachable", "preFix_startCrash_reachable"]
    | .CleanerStatus, .FixA => ["fixA_window_reachable", "fixA_startCrash_reachable"]
    | .SlcApplyBatch, .FixB => []
    | .SlcApplyBatch, .SerializedRemoval => []
    | .SlcApplyBatch, .PreFix => []
    | .SlcApplyBatch, .FixA => []
    | .SlcApplyBatch, _ => [vp ++ "_quiescent_orphan"]
    | .CleanerStatus, .FixB => ["fixB_window_after_fault"]
    | .CacheStartFail, .FixB => ["fixB_deadlock_shapeCache_clean"]
    | .CleanerRouterRemove, .FixB => ["fixB_deadlock_shapeCache_clean"]
    | .CleanerStop, .FixB => ["fixB_quiescent_orphan"]
    | .SlcRemoveNow, .FixB => ["fixB_quiescent_orphan"]
    | .CleanerStatus, .FixC => []
    | .CleanerStatus, _ => [vp ++ "_window_reachable"]
    | .CleanerRouterAck, .FixB => ["fixB_window_after_fault"]
    | .SlcFail, .FixB => ["fixB_window_after_fault", "crash_keeps_unacked"]
    | .SlcFail, _ => ["crash_keeps_unacked"]
    | .SlcCrash, _ => ["crash_keeps_unacked"]
    | .SlcRestart, .FixB => ["restart_redelivers_unacked", "fixB_window_after_fault"]
    | .SlcRestart, _ => ["restart_redelivers_unacked"]
    | .TxnArrive, _ => ["crash_keeps_unacked"]
    | _, _ => []
  prefixAll pre (app specific safety)

end

/-! ## Export (runs when this file is checked) -/

open Lean (Json)

private def jnum (n : Int) : Json := Json.num ⟨n, 0⟩

private def nthName : List String → Nat → String
  | [], _ => "?"
  | x :: _, 0 => x
  | _ :: xs, n + 1 => nthName xs n

private def valJson : Val → Json
  | .b x => Json.bool x
  | .i n => jnum n
  | .e t n => Json.str (nthName t.names n)

/-- A literal in a rule expression: enum members carry their enum type, so a reader cannot
compare members of different enums that happen to share a name (`"absent"` is both a
ShapeStatus and a storage value). -/
private def litJson : Val → Json
  | .e t n => Json.mkObj [("lit", Json.str (nthName t.names n)), ("enum", Json.str t.name)]
  | v => Json.mkObj [("lit", valJson v)]

private def strArr (xs : List String) : Json :=
  Json.arr (xs.foldl (fun acc x => acc.push (Json.str x)) #[])

private def opJ (op : String) (args : Array Json) : Json :=
  Json.mkObj [("op", Json.str op), ("args", Json.arr args)]

mutual
private partial def exprJson : Expr → Json
  | .lit v => litJson v
  | .param p => Json.mkObj [("param", Json.str p.name)]
  | .cell0 v => Json.mkObj [("cell", Json.str v.name), ("idx", Json.arr #[])]
  | .cell1 v i => Json.mkObj [("cell", Json.str v.name), ("idx", Json.arr #[exprJson i])]
  | .cell2 v i j => Json.mkObj [("cell", Json.str v.name), ("idx", Json.arr #[exprJson i, exprJson j])]
  | .not a => opJ "not" #[exprJson a]
  | .and a c => opJ "and" (andArgs c (andArgs a #[]))
  | .or a c => opJ "or" (orArgs c (orArgs a #[]))
  | .eq a c => opJ "eq" #[exprJson a, exprJson c]
  | .ne a c => opJ "ne" #[exprJson a, exprJson c]
  | .lt a c => opJ "lt" #[exprJson a, exprJson c]
  | .le a c => opJ "le" #[exprJson a, exprJson c]
  | .add a c => opJ "add" #[exprJson a, exprJson c]
  | .sub a c => opJ "sub" #[exprJson a, exprJson c]
  | .ite c a e => opJ "ite" #[exprJson c, exprJson a, exprJson e]
  | .all q d body => Json.mkObj [("all", Json.str q.name), ("domain", Json.str d.name), ("body", exprJson body)]
  | .any q d body => Json.mkObj [("any", Json.str q.name), ("domain", Json.str d.name), ("body", exprJson body)]
/-- nested conjunctions become one n-ary `and` -/
private partial def andArgs : Expr → Array Json → Array Json
  | .and a c, acc => andArgs c (andArgs a acc)
  | e, acc => acc.push (exprJson e)
private partial def orArgs : Expr → Array Json → Array Json
  | .or a c, acc => orArgs c (orArgs a acc)
  | e, acc => acc.push (exprJson e)
end

private def idxJson (xs : List Expr) : Json :=
  Json.arr (xs.foldl (fun acc x => acc.push (exprJson x)) #[])

/-- Effects flattened into the contract's effect lists. -/
private partial def effJson : Effect → Array Json → Array Json
  | .skip, acc => acc
  | .seq a c, acc => effJson c (effJson a acc)
  | .set0 v val, acc => acc.push (Json.mkObj [("set", Json.str v.name), ("idx", idxJson []), ("value", exprJson val)])
  | .set1 v i val, acc => acc.push (Json.mkObj [("set", Json.str v.name), ("idx", idxJson [i]), ("value", exprJson val)])
  | .set2 v i j val, acc => acc.push (Json.mkObj [("set", Json.str v.name), ("idx", idxJson [i, j]), ("value", exprJson val)])
  | .each q d body, acc => acc.push (Json.mkObj [("each", Json.str q.name), ("domain", Json.str d.name),
      ("do", Json.arr (effJson body #[]))])
  | .cond c t e, acc => acc.push (Json.mkObj [("if", exprJson c), ("then", Json.arr (effJson t #[])),
      ("else", Json.arr (effJson e #[]))])

private def namedJson (gs : List Guard) : Json :=
  Json.arr (gs.foldl (fun acc x => acc.push (Json.mkObj [("name", Json.str x.name), ("expr", exprJson x.expr)])) #[])

private def actionJson (v : Variant) (a : Action) : Json :=
  Json.mkObj [
    ("name", Json.str a.label.name), ("process", Json.str a.process),
    ("processParam", match a.processParam with
      | some p => Json.str p.name
      | none => Json.null),
    ("outcome", Json.str a.outcome.name),
    ("params", Json.arr (a.params.foldl (fun acc pd =>
        acc.push (Json.mkObj [("name", Json.str pd.1.name), ("domain", Json.str pd.2.name)])) #[])),
    ("guards", namedJson a.guards),
    ("effects", Json.arr (effJson a.effect #[])),
    ("theorems", strArr (theoremsFor v a.label))]

private def tyJson : Ty → Json
  | .bool => Json.mkObj [("bool", Json.bool true)]
  | .int lo hi => Json.mkObj [("int", Json.arr #[jnum lo, jnum hi])]
  | .enum t => Json.mkObj [("enum", strArr t.names), ("enumType", Json.str t.name)]

private def varJson (b : Bounds) (v : Var) : Json :=
  Json.mkObj [("name", Json.str v.name),
    ("index", Json.arr (v.dims.foldl (fun acc d => acc.push (Json.str d.name)) #[])),
    ("type", tyJson (v.ty b)), ("default", valJson v.default)]

private def boundsJson (b : Bounds) : Json :=
  Json.mkObj [("H", jnum b.H), ("C", jnum b.C), ("K", jnum b.K), ("T", jnum b.T)]

private def rulesJson (v : Variant) (b : Bounds) : Json :=
  Json.mkObj [
    ("format", Json.str "electric-race-rules/2"),
    ("variant", Json.str v.name),
    ("consumerStart", Json.str v.consumerStart.name),
    ("bounds", boundsJson b),
    ("domains", Json.mkObj [("handle", Json.str "H"), ("consumer", Json.str "C"),
                            ("chain", Json.str "K"), ("txn", Json.str "T")]),
    ("variables", Json.arr (allVars.foldl (fun acc x => acc.push (varJson b x)) #[])),
    ("init", namedJson initConds),
    ("actions", Json.arr ((rules v).foldl (fun acc a => acc.push (actionJson v a)) #[])),
    ("invariants", Json.arr ((invariantsFor v).foldl (fun acc x =>
        acc.push (Json.mkObj [("name", Json.str x.1), ("expr", exprJson x.2.1),
                              ("theorems", strArr x.2.2)])) #[]))]

/-! ### The reachable transition table -/

private def Var.idx : Var → Nat
  | .status => 0 | .router => 1 | .registry => 2 | .storage => 3 | .pendingRemove => 4
  | .batchRemove => 5 | .removeNow => 6 | .pubState => 7 | .pubConsumer => 8 | .touches => 9
  | .cons => 10 | .owner => 11 | .applied => 12 | .nextConsumer => 13 | .chainHandle => 14
  | .chainPc => 15 | .mbox => 16 | .slc => 17 | .pubTxn => 18 | .sc => 19 | .scHandle => 20
  | .nextTxn => 21 | .unacked => 22 | .crashes => 23 | .crashCause => 24 | .orphanDelivery => 25
  | .undeliverable => 26 | .scChain => 27

private def rangeL (n : Nat) : List Nat :=
  let rec go : Nat → List Nat → List Nat
    | 0, acc => acc
    | k + 1, acc => go k (k :: acc)
  go n []

/-- Every cell of the bounds, in export order. -/
private def cellsOf (b : Bounds) : Array (Var × Nat × Nat) := Id.run do
  let mut out : Array (Var × Nat × Nat) := #[]
  for v in allVars do
    match v.dims with
    | [] => out := out.push (v, 0, 0)
    | [d] => for i in rangeL (b.of d) do out := out.push (v, i, 0)
    | d1 :: d2 :: _ =>
      for i in rangeL (b.of d1) do
        for j in rangeL (b.of d2) do out := out.push (v, i, j)
  return out

private def cellKey (c : Var × Nat × Nat) : String :=
  match c.1.dims with
  | [] => c.1.name
  | [_] => c.1.name ++ "[" ++ toString c.2.1 ++ "]"
  | _ => c.1.name ++ "[" ++ toString c.2.1 ++ "][" ++ toString c.2.2 ++ "]"

/-- Offset of each variable's first cell. -/
private def offsets (b : Bounds) : Array Nat := Id.run do
  let mut out : Array Nat := #[]
  let mut n := 0
  for v in allVars do
    out := out.push n
    match v.dims with
    | [] => n := n + 1
    | [d] => n := n + b.of d
    | d1 :: d2 :: _ => n := n + b.of d1 * b.of d2
  return out

/-- Row length of a variable's cells: the second domain's size for `touches`, 1 otherwise. (Not
`b.of v.dim2`, which defaults to `H` for one-index variables: harmless at `b1`, wrong at `H = 2`,
found by the walks.) -/
private def stride (b : Bounds) (v : Var) : Nat :=
  match v.dims with
  | _ :: d :: _ => b.of d
  | _ => 1

private def pos (b : Bounds) (offs : Array Nat) (v : Var) (i j : Int) : Nat :=
  offs[v.idx]! + i.toNat * stride b v + j.toNat

private def ofArr (b : Bounds) (offs : Array Nat) (arr : Array Val) : State :=
  fun v i j => arr[pos b offs v i j]!

private def toArr (cells : Array (Var × Nat × Nat)) (s : State) : Array Val := Id.run do
  let mut out : Array Val := #[]
  for k in rangeL cells.size do
    let c := cells[k]!
    out := out.push (s c.1 c.2.1 c.2.2)
  return out

private def code : Val → Nat
  | .b x => if x then 1 else 0
  | .i n => (n + 1).toNat
  | .e _ n => n

private def keyOf (arr : Array Val) : Nat := Id.run do
  let mut k := 0
  for i in rangeL arr.size do
    k := k * 64 + code arr[i]!
  return k

private inductive Tree where
  | leaf
  | node (l : Tree) (k : Nat) (v : Nat) (r : Tree)

private def Tree.find : Tree → Nat → Option Nat
  | .leaf, _ => none
  | .node l k v r, x => if x < k then l.find x else if k < x then r.find x else some v

private def Tree.insert : Tree → Nat → Nat → Tree
  | .leaf, x, y => .node .leaf x y .leaf
  | .node l k v r, x, y =>
    if x < k then .node (l.insert x y) k v r else if k < x then .node l k v (r.insert x y)
    else .node l k y r

/-- All parameter bindings of an action, in lexicographic order. -/
private def consEach (pn : Param × Nat) : List (List (Param × Nat)) → List (List (Param × Nat))
  | [] => []
  | r :: rs => (pn :: r) :: consEach pn rs

private def bindingsFor (p : Param) (rest : List (List (Param × Nat))) : List Nat → List (List (Param × Nat))
  | [] => []
  | n :: ns => app (consEach (p, n) rest) (bindingsFor p rest ns)

private def bindings (b : Bounds) : List (Param × Dom) → List (List (Param × Nat))
  | [] => [[]]
  | (p, d) :: ps => bindingsFor p (bindings b ps) (rangeL (b.of d))

private def envOf : List (Param × Nat) → Env
  | [] => fun _ => 0
  | (p, n) :: ps => (envOf ps).upd p n

private def paramsList : List (Param × Nat) → List (String × Json)
  | [] => []
  | pn :: ps => (pn.1.name, jnum pn.2) :: paramsList ps

private def paramsJson (bs : List (Param × Nat)) : Json := Json.mkObj (paramsList bs)

private structure Explore where
  states : Array (Array Val)
  tree : Tree
  trans : Array Json

private partial def explore (b : Bounds) (acts : List Action) (cells : Array (Var × Nat × Nat))
    (offs : Array Nat) (i : Nat) (st : Explore) : Explore :=
  if h : i < st.states.size then
    let s := ofArr b offs st.states[i]
    let st := acts.foldl (fun st a =>
      (bindings b a.params).foldl (fun st bs =>
        let env := envOf bs
        match failedGuards b s env a.guards with
        | [] =>
          let arr := toArr cells (exec b s env a.effect s)
          let key := keyOf arr
          let (j, st) := match st.tree.find key with
            | some j => (j, st)
            | none => (st.states.size, { st with states := st.states.push arr,
                                                 tree := st.tree.insert key st.states.size })
          { st with trans := st.trans.push (Json.mkObj [("from", jnum i),
              ("action", Json.str a.label.name), ("params", paramsJson bs), ("to", jnum j)]) }
        | fs =>
          { st with trans := st.trans.push (Json.mkObj [("from", jnum i),
              ("action", Json.str a.label.name), ("params", paramsJson bs), ("failed", strArr fs)]) })
        st) st
    explore b acts cells offs (i + 1) st
  else st

private def stateJson (cells : Array (Var × Nat × Nat)) (arr : Array Val) : Json := Id.run do
  let mut kvs : List (String × Json) := []
  for k in rangeL cells.size do
    kvs := (cellKey cells[k]!, valJson arr[k]!) :: kvs
  return Json.mkObj kvs

private def tableJson (v : Variant) (b : Bounds) (init : State) : Json × Nat × Nat := Id.run do
  let cells := cellsOf b
  let offs := offsets b
  let a0 := toArr cells init
  let st := explore b (rules v) cells offs 0 { states := #[a0], tree := Tree.leaf.insert (keyOf a0) 0, trans := #[] }
  let mut ss : Array Json := #[]
  for k in rangeL st.states.size do
    ss := ss.push (stateJson cells st.states[k]!)
  let doc := Json.mkObj [("format", Json.str "electric-race-table/1"), ("variant", Json.str v.name),
    ("bounds", boundsJson b), ("init", jnum 0), ("states", Json.arr ss), ("transitions", Json.arr st.trans)]
  return (doc, st.states.size, st.trans.size)

/-! ### Random walks at larger bounds (the differential test beyond `b1`)

At `H = C = K = T = 2` the reachable table is too large to enumerate here, so the export walks
the rules at random instead: from each of three initial classes, at every state of the walk it
records, for EVERY action and binding in canonical order (rules order, bindings as `bindings`
lists them), which guard conjuncts fail (a bit mask over the action's guards, 0 = enabled) and,
for every enabled one, the cells its successor changes; then it follows one enabled step chosen
by a fixed linear congruential generator. The TypeScript interpreter and the implementation
are compared with this record step by step (`test/lean/walks.test.ts`). -/

/-- The walks' bounds. -/
def b2all : Bounds := ⟨2, 2, 2, 2⟩

/-- The walks' initial classes (each satisfies `initConds`; `touches[t][h]` is free):
0 both shapes restored, every transaction touches both; 1 shape 0 restored and shape 1 absent,
transaction 0 touches shape 0 only, transaction 1 both; 2 both restored, transaction 0 touches
shape 1 only and transaction 1 shape 0 only. -/
def walkInit (k : Nat) : State := fun v i j =>
  match k, v with
  | 0, _ => restored v i j
  | 1, .status => if i == 0 then vPresent else vAbsent
  | 1, .router => .b (i == 0)
  | 1, .storage => if i == 0 then vSPresent else vSAbsent
  | 1, .touches => .b (i == 1 || j == 0)
  | 1, _ => defaults v i j
  | _, .touches => .b (i != j)
  | _, _ => restored v i j

private def lcg (x : Nat) : Nat := (x * 1103515245 + 12345) % 2147483648

private def memS (x : String) : List String → Bool
  | [] => false
  | y :: ys => x == y || memS x ys

/-- Bit `n` set for every guard (the `n`-th of the action's list) whose name failed. -/
private def maskOf (failed : List String) : List Guard → Nat → Nat
  | [], _ => 0
  | g :: gs, bit => (if memS g.name failed then 2 ^ bit else 0) + maskOf failed gs (bit + 1)

/-- The cells the successor changes, flat: cell position, value code, cell position, ... -/
private def diffJson (a0 a1 : Array Val) : Json := Id.run do
  let mut out : Array Json := #[]
  for k in rangeL a0.size do
    if a0[k]! != a1[k]! then
      out := out.push (jnum k)
      out := out.push (jnum (code a1[k]!))
  return Json.arr out

private structure WalkStep where
  masks : Array Json
  diffs : Array Json
  nexts : Array (Array Val)
  /-- positions in `nexts` the walk may follow -/
  choosable : Array Nat

/-- How often the walk may follow a candidate (weight of a uniform pick; every candidate is
recorded and compared whatever its weight). Removals only with the chain slot equal to the
handle (`RemoveShape h k`, `h = k`), as the scenarios' removal lists do, so that the
implementation can follow the same walk; removals and collector crashes at an eighth of the
weight of other steps, so that walks get past them to consumers that run, crash and clean up
and to a second transaction for a registered consumer. FixB's failed consumer start
(`CacheStartFail`) is recorded and compared but never followed: after it only `SlcFail` can move
(the hosted chain deadlocks), and following it would change every later pick; the `b1` table has
every state after it. -/
private def followWeight (a : Action) (bs : List (Param × Nat)) : Nat :=
  match a.label, bs with
  | .RemoveShape, [(_, h), (_, k)] => if h == k then 1 else 0
  | .SlcFail, _ => 1
  | .SlcCrash, _ => 1
  | .CacheStartRaise, _ => 1
  | .CacheStartFail, _ => 0
  | _, _ => 8

private def pushN (arr : Array Nat) (x : Nat) : Nat → Array Nat
  | 0 => arr
  | n + 1 => pushN (arr.push x) x n

/-- Every candidate of state `s`, in canonical order. -/
private def candidatesAt (b : Bounds) (acts : List Action) (cells : Array (Var × Nat × Nat))
    (s : State) (a0 : Array Val) : WalkStep :=
  acts.foldl (fun st a =>
    (bindings b a.params).foldl (fun st bs =>
      let env := envOf bs
      match failedGuards b s env a.guards with
      | [] =>
        let a1 := toArr cells (exec b s env a.effect s)
        { st with masks := st.masks.push (jnum 0), diffs := st.diffs.push (diffJson a0 a1),
                  nexts := st.nexts.push a1,
                  choosable := pushN st.choosable st.nexts.size (followWeight a bs) }
      | fs => { st with masks := st.masks.push (jnum (maskOf fs a.guards 0)) })
      st) { masks := #[], diffs := #[], nexts := #[], choosable := #[] }

/-- A walk of at most `len` steps from `s`; stops early when nothing it may follow is enabled
(`"c": -1`). -/
private def walk (b : Bounds) (acts : List Action) (cells : Array (Var × Nat × Nat))
    (offs : Array Nat) : Nat → Array Val → Nat → Array Json → Array Json × Nat
  | 0, _, seed, acc => (acc, seed)
  | len + 1, arr, seed, acc =>
    let c := candidatesAt b acts cells (ofArr b offs arr) arr
    if c.choosable.size = 0 then
      (acc.push (Json.mkObj [("m", Json.arr c.masks), ("d", Json.arr c.diffs), ("c", jnum (-1))]), seed)
    else
      let seed' := lcg seed
      let pick := c.choosable[(seed' / 65536) % c.choosable.size]!
      let next := if h : pick < c.nexts.size then c.nexts[pick] else arr
      walk b acts cells offs len next seed'
        (acc.push (Json.mkObj [("m", Json.arr c.masks), ("d", Json.arr c.diffs), ("c", jnum pick)]))

private def codesJson (arr : Array Val) : Json := Id.run do
  let mut out : Array Json := #[]
  for k in rangeL arr.size do
    out := out.push (jnum (code arr[k]!))
  return Json.arr out

/-- `n` walks of `len` steps for variant `v` at bounds `b`, walk `w` from class `w % 3`. -/
private def walksJson (v : Variant) (b : Bounds) (n len : Nat) : Json × Nat := Id.run do
  let cells := cellsOf b
  let offs := offsets b
  let mut ws : Array Json := #[]
  let mut seed := 20261201
  let mut total := 0
  for w in rangeL n do
    let s0 := walkInit (w % 3)
    let (steps, seed') := walk b (rules v) cells offs len (toArr cells s0) seed #[]
    seed := seed'
    total := total + steps.size
    ws := ws.push (Json.mkObj [("class", jnum (w % 3)), ("init", codesJson (toArr cells s0)),
      ("steps", Json.arr steps)])
  let mut cellNames : Array Json := #[]
  for k in rangeL cells.size do
    cellNames := cellNames.push (Json.str (cellKey cells[k]!))
  let doc := Json.mkObj [("format", Json.str "electric-race-walks/1"), ("variant", Json.str v.name),
    ("bounds", boundsJson b), ("cells", Json.arr cellNames), ("walks", Json.arr ws)]
  return (doc, total)

private def allVariants : List Variant := [.PreFix, .FixA, .FixA2, .FixB, .FixC, .SerializedRemoval]

/-- One variant's export: its files (path, contents) and a log line. -/
private abbrev VariantExport := List (String × String) × String

/-- One variant's export: its rules, its table at `b1` and its walks at `b2all`, as file
contents, with a log line. Pure, so that the variants can be computed in parallel tasks. -/
private def variantFiles (v : Variant) : VariantExport :=
  let (doc, n, m) := tableJson v b1 restored
  let (wdoc, steps) := walksJson v b2all 24 30
  ([("build/rules/" ++ v.name ++ ".json", (rulesJson v b1).compress ++ "\n"),
    ("build/rules/" ++ v.name ++ ".table.json", doc.compress ++ "\n"),
    ("build/rules/" ++ v.name ++ ".walks.json", wdoc.compress ++ "\n")],
   v.name ++ ": " ++ toString n ++ " states, " ++ toString m ++ " transitions; " ++
     toString steps ++ " walk steps at H=C=K=T=2")

/-- One task per variant, run on the engine's worker threads. On this project's 2-core machine
the export took 153 s alone against 195 s computed one variant after another: the tasks share
two cores, so the gain is bounded by the core count, not by the longest variant. -/
private def spawnAll : List Variant → List (Task VariantExport)
  | [] => []
  | v :: vs => Task.spawn (fun _ => variantFiles v) :: spawnAll vs

private def writeFiles : List (String × String) → IO Unit
  | [] => pure ()
  | (path, text) :: rest => do IO.FS.writeFile path text; writeFiles rest

private def writeAll : List (Task VariantExport) → IO Unit
  | [] => pure ()
  | t :: ts => do
    let (files, line) := t.get
    writeFiles files
    IO.println line
    writeAll ts

private def exportAll : IO Unit := do
  IO.FS.createDirAll "build/rules"
  writeAll (spawnAll allVariants)

#eval exportAll

end ElectricRace
