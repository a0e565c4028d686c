// Test helpers: build small systems and drive them by action label.
import type { Action, ActionLabel, ActionParams, Variant } from "../../src/contract/vocabulary.ts";
import { System } from "../../src/impl/system.ts";
import type { ShapeInit, SystemInit } from "../../src/impl/system.ts";

export const restoredNoConsumer: ShapeInit = { h: 0, status: "present", router: true, storage: "present", consumer: null };
export const withRunningConsumer: ShapeInit = { h: 0, status: "present", router: true, storage: "present", consumer: { state: "running", registered: true } };

export function recipeInit(variant: Variant, over: Partial<SystemInit> = {}): SystemInit {
  return {
    variant, bounds: { H: 1, C: 1, K: 1, T: 1 }, shapes: [restoredNoConsumer], touches: [[true]],
    removals: [{ h: 0, k: 0 }], env: { suspend: false, crash: false, selfClean: false, kill: false }, ...over,
  };
}

export function enabledLabels(sys: System): ActionLabel[] {
  return sys.enabled().map((a) => a.label);
}

/** Apply the enabled action with this label (and these params, if given); fail loudly if none. */
export function step(sys: System, label: ActionLabel, params?: ActionParams): Action {
  const a = sys.enabled().find((e) => e.label === label && (params === undefined || Object.entries(params).every(([k, v]) => e.params[k as keyof ActionParams] === v)));
  if (a === undefined) throw new Error(`${label} not enabled; enabled: ${enabledLabels(sys).join(", ")}`);
  sys.apply(a);
  return a;
}

export function steps(sys: System, labels: readonly ActionLabel[]): void {
  for (const l of labels) step(sys, l);
}

export function cell(sys: System, key: string): unknown {
  return sys.project().get(key);
}

export function make(init: SystemInit): System {
  return System.create(init);
}
