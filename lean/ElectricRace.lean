module

public import ElectricRace.Spec.Model
public import ElectricRace.Spec.Reach
public import ElectricRace.Spec.Properties
public import ElectricRace.Thm.Model
public import ElectricRace.Thm.Witnesses
public import ElectricRace.Thm.Orphan
public import ElectricRace.Thm.Projection
public import ElectricRace.Thm.FixB
public import ElectricRace.Thm.FixC
public import ElectricRace.Spec.WellFormed
public import ElectricRace.Thm.WellFormed
public import ElectricRace.Thm.Undeliverable
public import ElectricRace.Thm.Progress
public import ElectricRace.Lemmas.Quant
public import ElectricRace.Lemmas.Frame
public import ElectricRace.Lemmas.Each
public import ElectricRace.Lemmas.EachCell
public import ElectricRace.Lemmas.Exec
public import ElectricRace.Lemmas.Induct
public import ElectricRace.Lemmas.Labels
public import ElectricRace.Spec.FixCInv
public import ElectricRace.Thm.FixCAll
public import ElectricRace.Spec.FixBInv
public import ElectricRace.Thm.FixBAll
public import ElectricRace.Thm.StartCrash
public import ElectricRace.Verdicts
