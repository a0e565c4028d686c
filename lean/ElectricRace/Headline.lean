module

/-!
# Headline theorems

The prover runner reads `headlineTheorems` (one fully qualified name per entry) to audit axioms.
The comment after each name says which variant it is about and whether it is a safety proof
(inductive invariant over all interleavings) or a witness (explicit schedule).
-/

namespace ElectricRace

@[expose] public section

/-- The headline theorems, fully qualified. -/
def headlineTheorems : List String := [
  -- ShapeRemovalRaceSimple: the bug analysis's four claims (single shape, PreFix order vs Fix B order)
  "ShapeRemovalRaceSimple.initial_safe",
  "ShapeRemovalRaceSimple.window_after_status_and_stop",
  "ShapeRemovalRaceSimple.txn_in_window_crashes",
  "ShapeRemovalRaceSimple.routerFirst_safe_every_step",
  -- PreFix: witnesses
  "ElectricRace.preFix_crash_reachable",
  "ElectricRace.preFix_window_reachable",
  "ElectricRace.preFix_registered_dead_consumer_noproc",
  "ElectricRace.preFix_orphan_reachable",
  "ElectricRace.preFix_quiescent_orphan",
  -- FixA: safety (all bounds) and witnesses
  "ElectricRace.fixA_noNilCrash",
  "ElectricRace.fixA_window_reachable",
  "ElectricRace.fixA_recipe_survives",
  "ElectricRace.fixA_orphan_reachable",
  "ElectricRace.fixA_quiescent_orphan",
  -- FixA2 (HEAD): safety (all bounds) and witnesses
  "ElectricRace.fixA2_noNilCrash",
  "ElectricRace.fixA2_window_reachable",
  "ElectricRace.fixA2_recipe_survives",
  "ElectricRace.fixA2_orphan_reachable",
  "ElectricRace.fixA2_quiescent_orphan",
  "ElectricRace.fixA2_records_no_shape",
  "ElectricRace.fixA2_records_noproc",
  -- FixB: witnesses after an external collector crash, deadlock freedom
  "ElectricRace.fixB_window_after_fault",
  "ElectricRace.fixB_nilCrash_after_fault",
  "ElectricRace.fixB_noDeadlock",
  "ElectricRace.fixB_quiescent_orphan",
  -- FixB without external collector crashes: safety (inductive invariant, bounds b1)
  "ElectricRace.fixB_noFault_invariant",
  "ElectricRace.fixB_noFault_safe",
  -- FixC: safety (inductive invariant, bounds b1, external crashes included) and witnesses
  "ElectricRace.fixC_noNilCrash",
  "ElectricRace.fixC_noWindow",
  "ElectricRace.fixC_orphan_reachable",
  "ElectricRace.fixC_quiescent_orphan",
  -- every variant: no transaction lost
  "ElectricRace.crash_keeps_unacked",
  "ElectricRace.restart_redelivers_unacked",
  -- the simple model is a projection of the full one
  "ElectricRace.projection_recipe",
  "ElectricRace.projection_crash_agrees",
  "ElectricRace.projection_stop_keeps_registry",
  -- every variant: the exported rules are well typed and their declarations right
  "ElectricRace.rules_wellTyped",
  "ElectricRace.rules_declarations_ok",
  -- only HEAD records undeliverable handles
  "ElectricRace.earlier_variants_never_record"]

end

end ElectricRace
