import type { CacheControl, Client } from '@kagura-ts/core';
import { classifyWithLLM } from './classify-with-llm.js';
import type { RouteStrategy } from './route-strategy.js';

/** Options for {@link createLLMStrategy}. */
export interface LLMStrategyOptions {
  /**
   * The strategy's name, in decisions and traces.
   * @default 'llm'
   */
  name?: string;
  /**
   * The client for the classification call.
   * @default the default client, when the query is routed
   */
  client?: Client | undefined;
  /**
   * The classifying model.
   * @default the client's model
   * @example 'openai:gpt-4o-mini'
   */
  model?: string | undefined;
  /**
   * Cache controls for the classification call.
   * @default the client's cache settings (on: the same query is a hit)
   */
  cache?: CacheControl | undefined;
  /**
   * Instructions for the classifier, placed before the list of agents.
   * @default "Choose the one agent best suited to handle the user's message, and say how confident you are ..."
   */
  instructions?: string | undefined;
}

/**
 * The `'llm'` strategy: one structured-output call whose system prompt lists the agents (name,
 * description, intents) and whose reply is `{ agent, confidence }`, `agent` one of the names.
 * The call goes through the client's response cache, so the same query to the same agents is a
 * hit. A failed call, or a reply naming no registered agent (a `NoRouteError`), rejects: the
 * router's fallback then answers, with the error in `classifierError`.
 *
 * @example
 * ```ts
 * const router = new AgentRouter({
 *   strategy: createLLMStrategy({ model: 'openai:gpt-4o-mini', cache: false }),
 * });
 * ```
 */
export function createLLMStrategy(options: LLMStrategyOptions = {}): RouteStrategy {
  const { name = 'llm', ...classify } = options;
  return {
    name,
    decide: (query, { agents, abortSignal }) =>
      classifyWithLLM(query, agents, { ...classify, abortSignal }),
  };
}
