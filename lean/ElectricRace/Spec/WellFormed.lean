module

public import ElectricRace.Spec.Model

/-!
# Well-formed rules: what makes the export impossible to misread

`eval` in `Spec/Model.lean` is total: a comparison of a ShapeStatus value with a storage value,
or of a boolean with an integer, is simply `false` in Lean. An interpreter that reads the
exported JSON with untagged values could make such a comparison `true` (both enums have a member
called `"absent"`). This file defines the static checks that rule out the question altogether:

* `Expr.kind`, `Effect.wellTyped`: every expression has one value kind (bool, int, or one
  named enum); comparisons and assignments only join equal kinds; cells are read with as many
  integer indices as they have dimensions; every parameter is bound by the action or by a
  quantifier; every enum literal is a member of its enum.
* `Action.declOk`: the parameter that names the performing process instance is one of the
  action's parameters, and the declared outcome is `crash` exactly when the effect can take
  the collector down (`slc := down`).

The theorems that the real rules pass these checks are in `ElectricRace/Thm/WellFormed.lean`.
Integer ranges (`{"int": [lo, hi]}`) depend on the bounds and are not part of the kind.
-/

namespace ElectricRace

@[expose] public section

/-- The kind of a value: what an interpreter must keep apart. Unlike `Ty`, it does not depend
on the bounds. -/
inductive Kind where
  | bool
  | int
  | enum (t : EnumTy)
deriving DecidableEq

/-- Kind equality as a function (the bundled engine cannot compile the derived instance on
`Option Kind`, so these definitions avoid `decide` on options). -/
def Kind.eqb : Kind → Kind → Bool
  | .bool, .bool => true
  | .int, .int => true
  | .enum a, .enum b => decide (a = b)
  | _, _ => false

/-- The expression's kind is `k`. -/
def optIs (o : Option Kind) (k : Kind) : Bool :=
  match o with
  | some x => x.eqb k
  | none => false

def Ty.kind : Ty → Kind
  | .bool => .bool
  | .int _ _ => .int
  | .enum t => .enum t

/-- The kind of every cell of a variable (`(v.ty b).kind` for every `b`, see `Var.kind_ty`). -/
def Var.kind (v : Var) : Kind := (v.ty b1).kind

/-- Own length (keeps these definitions evaluable by the bundled engine as well). -/
def lenL {α : Type} : List α → Nat
  | [] => 0
  | _ :: xs => lenL xs + 1

/-- The kind of a literal; `none` for an enum position outside its enum. -/
def Val.kind : Val → Option Kind
  | .b _ => some .bool
  | .i _ => some .int
  | .e t n => if n < lenL t.names then some (.enum t) else none

def memP (p : Param) : List Param → Bool
  | [] => false
  | q :: qs => decide (p = q) || memP p qs

/-- Both sides have kind `k`. -/
def both (k : Kind) (a b : Option Kind) : Bool := optIs a k && optIs b k

/-- The kind of an expression in a scope of bound parameters; `none` when it is ill-typed. -/
def Expr.kind (sc : List Param) : Expr → Option Kind
  | .lit v => v.kind
  | .param p => if memP p sc then some .int else none
  | .cell0 v => if lenL v.dims = 0 then some v.kind else none
  | .cell1 v i => if lenL v.dims = 1 && optIs (i.kind sc) .int then some v.kind else none
  | .cell2 v i j =>
      if lenL v.dims = 2 && both .int (i.kind sc) (j.kind sc) then some v.kind else none
  | .not a => if optIs (a.kind sc) .bool then some .bool else none
  | .and a b => if both .bool (a.kind sc) (b.kind sc) then some .bool else none
  | .or a b => if both .bool (a.kind sc) (b.kind sc) then some .bool else none
  | .eq a b =>
      match a.kind sc, b.kind sc with
      | some x, some y => if x.eqb y then some .bool else none
      | _, _ => none
  | .ne a b =>
      match a.kind sc, b.kind sc with
      | some x, some y => if x.eqb y then some .bool else none
      | _, _ => none
  | .lt a b => if both .int (a.kind sc) (b.kind sc) then some .bool else none
  | .le a b => if both .int (a.kind sc) (b.kind sc) then some .bool else none
  | .add a b => if both .int (a.kind sc) (b.kind sc) then some .int else none
  | .sub a b => if both .int (a.kind sc) (b.kind sc) then some .int else none
  | .ite c a b =>
      if optIs (c.kind sc) .bool then
        match a.kind sc, b.kind sc with
        | some x, some y => if x.eqb y then some x else none
        | _, _ => none
      else none
  | .all q _ body => if optIs (body.kind (q :: sc)) .bool then some .bool else none
  | .any q _ body => if optIs (body.kind (q :: sc)) .bool then some .bool else none

/-- A boolean expression (a guard, an init conjunct, an invariant, a condition). -/
def Expr.isBool (sc : List Param) (e : Expr) : Bool := optIs (e.kind sc) .bool

/-- Every assignment writes a value of the cell's kind at as many integer indices as the
variable has dimensions; every condition is boolean. -/
def Effect.wellTyped (sc : List Param) : Effect → Bool
  | .skip => true
  | .seq a b => a.wellTyped sc && b.wellTyped sc
  | .set0 v val => lenL v.dims = 0 && optIs (val.kind sc) v.kind
  | .set1 v i val =>
      lenL v.dims = 1 && optIs (i.kind sc) .int && optIs (val.kind sc) v.kind
  | .set2 v i j val =>
      lenL v.dims = 2 && both .int (i.kind sc) (j.kind sc) && optIs (val.kind sc) v.kind
  | .each q _ body => body.wellTyped (q :: sc)
  | .cond c t e => c.isBool sc && t.wellTyped sc && e.wellTyped sc

def paramNames : List (Param × Dom) → List Param
  | [] => []
  | (p, _) :: ps => p :: paramNames ps

def guardsBool (sc : List Param) : List Guard → Bool
  | [] => true
  | g :: gs => g.expr.isBool sc && guardsBool sc gs

/-- An action is well typed: its guards are boolean and its effect well typed, in the scope of
its own parameters. -/
def Action.wellTyped (a : Action) : Bool :=
  guardsBool (paramNames a.params) a.guards && a.effect.wellTyped (paramNames a.params)

def invariantsBool : List (String × Expr × List String) → Bool
  | [] => true
  | i :: is => i.2.1.isBool [] && invariantsBool is

/-- `f` holds for every action (own recursion: the engine cannot compile `List.all`). -/
def allActs (f : Action → Bool) : List Action → Bool
  | [] => true
  | a :: as => f a && allActs f as

/-- **Every rule expression of a variant is well typed**: the actions, the init conjuncts and
the invariants attached to the export. -/
def rulesWellTyped (v : Variant) : Bool :=
  allActs Action.wellTyped (rules v) && guardsBool [] initConds && invariantsBool (invariantsFor v)

/-- The effect can assign `slc := down` (anywhere, under any condition). -/
def Effect.canDownSlc : Effect → Bool
  | .skip => false
  | .seq a b => a.canDownSlc || b.canDownSlc
  | .set0 v (.lit x) => decide (v = .slc) && decide (x = vDown)
  | .set0 _ _ | .set1 _ _ _ | .set2 _ _ _ _ => false
  | .each _ _ body => body.canDownSlc
  | .cond _ t e => t.canDownSlc || e.canDownSlc

/-- The effect never writes `slc` except with literals (so `canDownSlc` sees every write). -/
def Effect.slcLiteral : Effect → Bool
  | .skip => true
  | .seq a b => a.slcLiteral && b.slcLiteral
  | .set0 _ (.lit _) => true
  | .set0 v _ => !decide (v = .slc)
  | .set1 v _ _ | .set2 v _ _ _ => !decide (v = .slc)
  | .each _ _ body => body.slcLiteral
  | .cond _ t e => t.slcLiteral && e.slcLiteral

/-- The declarations the checker relies on: the process instance parameter is a parameter of
the action, and the declared outcome is `crash` exactly for the actions whose effect takes the
collector down. -/
def Action.declOk (a : Action) : Bool :=
  (match a.processParam with
   | some p => memP p (paramNames a.params)
   | none => true) &&
  a.effect.slcLiteral &&
  (decide (a.outcome = .crash) == a.effect.canDownSlc)

def rulesDeclOk (v : Variant) : Bool := allActs Action.declOk (rules v)

end

end ElectricRace
