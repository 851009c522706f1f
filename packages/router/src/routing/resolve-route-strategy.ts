import { InvalidArgumentError } from '@kagura-ts/core';
import { createKeywordStrategy } from './create-keyword-strategy.js';
import { createLLMStrategy, type LLMStrategyOptions } from './create-llm-strategy.js';
import type { RouteStrategy, RouteStrategyName } from './route-strategy.js';

const usage = "Use 'keyword', 'llm', or an object { name, decide(query, context) }.";

/**
 * The strategy a `strategy` option names: a built-in one for `'keyword'` or `'llm'` (the latter
 * calling with `llm`'s client, model, cache and instructions), or the strategy object itself.
 * @throws {InvalidArgumentError} for anything else, naming what is wrong with it.
 */
export function resolveRouteStrategy(
  strategy: RouteStrategy | RouteStrategyName,
  llm: LLMStrategyOptions = {},
): RouteStrategy {
  if (strategy === 'keyword') return createKeywordStrategy();
  if (strategy === 'llm') return createLLMStrategy(llm);
  const invalid = (message: string) =>
    new InvalidArgumentError({ argument: 'strategy', value: strategy, message });
  if (typeof strategy !== 'object' || strategy === null) {
    throw invalid(`${describe(strategy)} is not a strategy. ${usage}`);
  }
  const candidate = strategy as Partial<RouteStrategy>;
  if (typeof candidate.decide !== 'function') {
    throw invalid(`the strategy object has no decide(query, context) method. ${usage}`);
  }
  if (typeof candidate.name !== 'string' || candidate.name === '') {
    throw invalid(
      'the strategy object has no name. Give it a name (a non-empty string): it is reported in decisions and traces.',
    );
  }
  return strategy;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  return typeof value === 'function' ? 'A function' : String(value);
}
