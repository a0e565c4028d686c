// What every step group shares: how a group offers its enabled actions, and the plain result.
import type { Action, ActionParams, Outcome } from "../../contract/vocabulary.ts";

export interface StepResult {
  readonly outcome: Outcome;
}

export const OK: StepResult = { outcome: "ok" };
export const CRASH: StepResult = { outcome: "crash" };

/** Offer one enabled action (one scheduling choice). */
export type Offer = (label: Action["label"], process: string, params?: ActionParams) => void;

/** A parameter the scheduler must have bound; its absence is a scheduler bug. */
export function param(a: Action, name: keyof ActionParams): number {
  const v = a.params[name];
  if (v === undefined) throw new Error(`${a.label}: missing parameter ${name}`);
  return v;
}
