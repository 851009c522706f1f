import { AbortError, InvalidArgumentError, type Message } from '@kagura-ts/core';
import { NoRouteError } from './no-route-error.js';
import type { RegisteredAgent } from './registered-agent.js';
import type { RouteDecision } from './route-decision.js';
import type { RouteChoice, RouteStrategy } from './route-strategy.js';

/** Options of {@link decideRoute}. */
export interface DecideRouteOptions {
  /** The strategy that chooses. */
  strategy: RouteStrategy;
  /** The registered agents, in registration order. */
  agents: readonly RegisteredAgent[];
  /** The least confidence for the strategy's choice to stand. */
  threshold: number;
  /** The agent chosen when the choice does not stand or the strategy fails. */
  fallback: string | undefined;
  /** Earlier turns, for the strategy. */
  messages: readonly Message[];
  /** Cancels the strategy. */
  abortSignal: AbortSignal | undefined;
}

/**
 * A router's decision for `query`: the strategy's choice, then the threshold and the fallback,
 * as {@link RouteStrategy} describes.
 * @throws {NoRouteError} when there are no agents, or nothing stands and there is no fallback.
 * @throws what the strategy threw, when there is no fallback or the decision was cancelled.
 * @throws {InvalidArgumentError} when the fallback is needed but is not a registered agent.
 */
export async function decideRoute(
  query: string,
  options: DecideRouteOptions,
): Promise<RouteDecision> {
  const { strategy, threshold, fallback, abortSignal } = options;
  const candidates = options.agents.map((agent) => agent.name);
  if (candidates.length === 0) {
    throw new NoRouteError({ reason: 'no-agents', query, candidates });
  }
  let choice: RouteChoice | undefined;
  try {
    choice = await strategy.decide(query, {
      agents: options.agents,
      messages: options.messages,
      abortSignal,
    });
    checkChoice(choice, strategy.name, query, candidates);
  } catch (error) {
    // A configured fallback answers when the strategy cannot (a 503 after the last retry, an
    // unusable answer); a cancelled call stays cancelled.
    if (fallback === undefined || AbortError.isInstance(error) || abortSignal?.aborted) {
      throw error;
    }
    checkFallback(fallback, candidates);
    return {
      agent: fallback,
      confidence: 0,
      strategy: strategy.name,
      fallback: true,
      classifierError: error,
      scores: {},
      query,
    };
  }
  const agent = choice?.agent;
  const confidence = choice?.confidence ?? 0;
  const scores = choice?.scores ?? (agent === undefined ? {} : { [agent]: confidence });
  const decision = { confidence, strategy: strategy.name, scores, query };
  if (agent !== undefined && confidence >= threshold) {
    return { ...decision, agent, fallback: false };
  }
  if (fallback !== undefined) {
    checkFallback(fallback, candidates);
    return { ...decision, agent: fallback, fallback: true };
  }
  throw new NoRouteError({
    reason: 'below-threshold',
    query,
    candidates,
    best: agent === undefined ? undefined : { agent, confidence },
    threshold,
  });
}

// A strategy's choice must name a registered agent, with a confidence from 0 to 1.
function checkChoice(
  choice: RouteChoice | undefined,
  strategy: string,
  query: string,
  candidates: readonly string[],
): void {
  if (choice === undefined) return;
  if (typeof choice !== 'object' || choice === null) {
    throw new InvalidArgumentError({
      argument: `strategy '${strategy}'`,
      value: choice,
      message: `its decide() returned ${String(choice)}, not { agent, confidence } or undefined.`,
    });
  }
  const { agent, confidence } = choice;
  if (agent !== undefined && !candidates.includes(agent)) {
    throw new NoRouteError({
      reason: 'unknown-agent',
      query,
      candidates,
      requested: String(agent),
      requestedBy: `the strategy '${strategy}'`,
    });
  }
  if (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1)) {
    throw new InvalidArgumentError({
      argument: `strategy '${strategy}'`,
      value: choice,
      message: `its decide() returned the confidence ${String(confidence)}, not a number from 0 to 1.`,
    });
  }
}

function checkFallback(fallback: string, candidates: readonly string[]): void {
  if (candidates.includes(fallback)) return;
  throw new InvalidArgumentError({
    argument: 'fallback',
    value: fallback,
    message: `'${fallback}' is not a registered agent. Candidates: ${candidates.join(', ')}. Register it, or name one of these.`,
  });
}
