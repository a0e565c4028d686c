module

public import ElectricRace.Spec.WellFormed

/-!
# The exported rules are well formed

The kernel checks (`decide +kernel`) that every variant's rules pass the static checks of
`ElectricRace/Spec/WellFormed.lean`. The checker's loader re-checks the same properties on the
JSON it reads, so a document that Lean would call ill-typed is refused before any trace is
replayed against it.
-/

namespace ElectricRace

/-- A variable's kind is the same at every bound: the typing below holds for all bounds. -/
public theorem Var.kind_ty (v : Var) (b : Bounds) : (v.ty b).kind = v.kind := by
  cases v <;> rfl

/-- **The rules of every variant are well typed (all bounds).** Every guard, init conjunct and
exported invariant is boolean; every comparison joins values of one kind (bool, int or one named
enum; a ShapeStatus `absent` is never compared with a storage `absent`); every assignment writes
a value of the cell's kind; every cell is read and written with as many integer indices as it has
dimensions; every parameter is bound; every enum literal is a member of its enum. So a reader that
keeps values tagged with their kind, as the TypeScript checker does, evaluates the exported
expressions exactly as Lean's `eval` does: no cross-kind comparison exists that Lean would make
false and another reader true. Integer ranges are not part of the kind. -/
public theorem rules_wellTyped : ∀ v : Variant, rulesWellTyped v = true := by
  intro v; cases v <;> decide +kernel

/-- **The declarations the checker relies on are right, every variant.** Each action that names
a process instance (`consumer:c`, `cleaner:k`) names it by one of its own parameters, and an
action is declared with outcome `crash` exactly when its effect can set `slc := down` (every
write to `slc` is a literal, so none is missed): `SlcCrash` and `SlcFail`. A trace therefore
reports a collector crash on exactly the steps the rules say. -/
public theorem rules_declarations_ok : ∀ v : Variant, rulesDeclOk v = true := by
  intro v; cases v <;> decide +kernel

end ElectricRace
