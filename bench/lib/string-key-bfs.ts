// The explorer's previous design, kept here only as the benchmark's baseline: breadth-first
// search that remembers every state as its `stateKey()` string in a Set and keeps the whole
// frontier as live System objects.
import { System } from "../../src/impl/system.ts";
import type { SystemInit } from "../../src/impl/system.ts";

export interface StringBfsResult {
  readonly states: number;
  readonly transitions: number;
  readonly complete: boolean;
}

export function stringKeyBfs(init: SystemInit, maxStates: number): StringBfsResult {
  const root = System.create(init);
  const seen = new Set<string>([root.stateKey()]);
  const parents: number[] = [-1];
  let frontier: System[] = [root];
  let transitions = 0;
  while (frontier.length > 0) {
    const next: System[] = [];
    for (const sys of frontier) {
      for (const a of sys.enabled()) {
        const child = sys.clone();
        child.apply(a);
        transitions++;
        const key = child.stateKey();
        if (seen.has(key)) continue;
        if (seen.size >= maxStates) return { states: seen.size, transitions, complete: false };
        seen.add(key);
        parents.push(0);
        next.push(child);
      }
    }
    frontier = next;
  }
  return { states: seen.size, transitions, complete: true };
}
