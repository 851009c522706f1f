import type { RouteStrategy } from './route-strategy.js';
import { scoreKeywords } from './score-keywords.js';

/**
 * The `'keyword'` strategy: scores each agent's intents (2 points) and keywords (1 point) found
 * in the query, with no LLM call (see {@link scoreKeywords}). The best agent is the one with the
 * highest score, the first registered on a tie; a query that matches no agent has no best agent,
 * so it is never routed by keywords whatever the threshold. `scores` holds every agent's
 * confidence.
 *
 * @example
 * ```ts
 * const router = new AgentRouter({ strategy: createKeywordStrategy() }); // as strategy: 'keyword'
 * ```
 */
export function createKeywordStrategy(): RouteStrategy {
  return {
    name: 'keyword',
    decide(query, { agents }) {
      const scored = scoreKeywords(query, agents);
      if (scored.length === 0) return undefined;
      const top = scored.reduce((winner, entry) => (entry.score > winner.score ? entry : winner));
      return {
        agent: top.score > 0 ? top.agent : undefined,
        confidence: top.confidence,
        scores: Object.fromEntries(scored.map((entry) => [entry.agent, entry.confidence])),
      };
    },
  };
}
