// The process that performs an action, as traces name it (docs/contracts.md section 1): the
// rule declares the process and the parameter naming its instance, so `ConsumerCrash {c:2,k:0}`
// is performed by `consumer:2` and nothing else, `RemoveShape` by `api` and nothing else.
import type { ActionRule } from "../contract/rules/types.ts";
import type { TraceParams } from "../contract/trace/types.ts";

/** The trace name of the process; undefined when the instance parameter is not bound. */
export function processName(rule: Pick<ActionRule, "process" | "processParam">, params: TraceParams): string | undefined {
  if (rule.processParam === null) return rule.process;
  const v = params[rule.processParam];
  return v === undefined ? undefined : `${rule.process}:${v}`;
}
