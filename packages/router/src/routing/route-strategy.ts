import type { Message } from '@kagura-ts/core';
import type { RegisteredAgent } from './registered-agent.js';

/**
 * The built-in strategies by name, a shorthand wherever a strategy is asked for: `'keyword'` is
 * `createKeywordStrategy()`, `'llm'` is `createLLMStrategy()` with the router's `client`,
 * `model`, `cache` and `instructions`.
 */
export type RouteStrategyName = 'keyword' | 'llm';

/** What a {@link RouteStrategy} is given besides the query. */
export interface RouteStrategyContext {
  /** The registered agents, in registration order: names, descriptions, intents and keywords. */
  agents: readonly RegisteredAgent[];
  /**
   * The earlier turns given to `route` or `run` (the built-in strategies do not read them).
   * Empty when none were given.
   */
  messages: readonly Message[];
  /** Aborts when the caller no longer wants the decision: pass it on to any model call. */
  abortSignal: AbortSignal | undefined;
}

/**
 * What a strategy chose: the best agent and how confident it is. The router then applies its
 * threshold and fallback, so a strategy never chooses the fallback itself.
 *
 * @example
 * ```ts
 * const choice: RouteChoice = { agent: 'translate', confidence: 0.9 };
 * ```
 */
export interface RouteChoice {
  /**
   * The best agent's registered name. Absent when no agent matched at all: then none is chosen
   * whatever the threshold (the fallback, if any, answers).
   */
  agent?: string | undefined;
  /** How confident the strategy is in `agent`, from 0 to 1. Compared with the threshold. */
  confidence: number;
  /**
   * Each agent's confidence by name, reported in the decision's `scores`.
   * @default { [agent]: confidence } (`{}` without an agent)
   */
  scores?: Readonly<Record<string, number>> | undefined;
}

/**
 * How a router chooses an agent for a query. `createKeywordStrategy()` (`'keyword'`) and
 * `createLLMStrategy()` (`'llm'`) implement it; so can your own. The router calls `decide` once
 * per query, inside its `route` span, then applies the threshold and the fallback:
 *
 * - a choice whose confidence reaches the threshold is chosen;
 * - a choice below it, one without an agent, or no choice at all (`undefined`) chooses the
 *   fallback agent, or is a `NoRouteError` (`'below-threshold'`) without one;
 * - a `decide` that throws (or names an agent that is not registered) chooses the fallback with
 *   `classifierError` set to the error, or rejects with the error without one. A cancelled
 *   decision (an `AbortError`, or an aborted signal) is never answered by the fallback.
 *
 * The strategy's `name` is the decision's `strategy` and the span's `kagura.route.strategy`.
 *
 * @example
 * ```ts
 * const byLength: RouteStrategy = {
 *   name: 'length',
 *   decide: (query) => ({ agent: query.length > 200 ? 'summarise' : 'chat', confidence: 1 }),
 * };
 * const router = new AgentRouter({ strategy: byLength });
 * ```
 */
export interface RouteStrategy {
  /** The strategy's name, in decisions and traces. @example 'keyword' */
  readonly name: string;
  /**
   * Chooses the best agent for `query` among `context.agents`, or says that none fits
   * (`undefined`). May answer synchronously.
   */
  decide(
    query: string,
    context: RouteStrategyContext,
  ): RouteChoice | undefined | PromiseLike<RouteChoice | undefined>;
}
