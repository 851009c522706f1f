import { matchesRequest } from './matches-request.js';
import type { SimulatorRequestInfo } from './simulator-request-info.js';
import type { SimulatorRule } from './simulator-rule.js';

/** The simulator's rules, with how many uses each has left. */
export interface RuleList {
  /** Returns the first matching rule that is not used up, and counts one use of it. */
  take(request: SimulatorRequestInfo): SimulatorRule | undefined;
  /** Adds a rule after the others. */
  add(rule: SimulatorRule): void;
  /** Back to the initial rules, each with its full `times`. */
  reset(): void;
}

/** Creates a {@link RuleList} starting with `initial`. */
export function createRuleList(initial: readonly SimulatorRule[]): RuleList {
  let entries: Array<{ rule: SimulatorRule; remaining: number }> = [];
  const reset = (): void => {
    entries = initial.map((rule) => ({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY }));
  };
  reset();
  return {
    take(request) {
      for (const entry of entries) {
        if (entry.remaining <= 0 || !matchesRequest(entry.rule.match, request)) continue;
        entry.remaining--;
        return entry.rule;
      }
      return undefined;
    },
    add(rule) {
      entries.push({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
    },
    reset,
  };
}
