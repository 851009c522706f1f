import { InvalidArgumentError } from '@kagura-ts/core';
import { describe, expect, it } from 'vitest';
import { decideRoute } from './decide-route.js';
import type { RegisteredAgent } from './registered-agent.js';
import type { RouteChoice, RouteStrategy } from './route-strategy.js';

const agent = (name: string): RegisteredAgent => ({
  name,
  description: undefined,
  intents: [],
  keywords: [],
  kind: 'function',
});

function options(choice: RouteChoice | undefined, fallback?: string) {
  const strategy: RouteStrategy = { name: 'fixed', decide: () => choice };
  return {
    strategy,
    agents: [agent('a'), agent('b')],
    threshold: 0.5,
    fallback,
    messages: [],
    abortSignal: undefined,
  };
}

describe('decideRoute', () => {
  it('should choose the agent when its confidence reaches the threshold', async () => {
    expect(await decideRoute('q', options({ agent: 'b', confidence: 0.5 }))).toEqual({
      agent: 'b',
      confidence: 0.5,
      strategy: 'fixed',
      fallback: false,
      scores: { b: 0.5 },
      query: 'q',
    });
  });

  it('should choose the fallback below the threshold, keeping the confidence and scores', async () => {
    const choice = { agent: 'b', confidence: 0.2, scores: { a: 0.1, b: 0.2 } };
    expect(await decideRoute('q', options(choice, 'a'))).toMatchObject({
      agent: 'a',
      confidence: 0.2,
      fallback: true,
      scores: { a: 0.1, b: 0.2 },
    });
  });

  it('should never choose a choice without an agent, even at threshold 0', async () => {
    const decision = decideRoute('q', { ...options({ confidence: 0 }), threshold: 0 });
    await expect(decision).rejects.toMatchObject({ reason: 'below-threshold', best: undefined });
  });

  it('should refuse a fallback that is not registered, when it is needed', async () => {
    const decision = decideRoute('q', options(undefined, 'c'));
    await expect(decision).rejects.toThrow(InvalidArgumentError);
    await expect(decision).rejects.toThrow("'c' is not a registered agent. Candidates: a, b.");
  });

  it('should say so when there are no agents, without asking the strategy', async () => {
    let asked = false;
    const strategy: RouteStrategy = {
      name: 'never',
      decide: () => {
        asked = true;
        return undefined;
      },
    };
    const decision = decideRoute('q', { ...options(undefined), strategy, agents: [] });
    await expect(decision).rejects.toMatchObject({ name: 'NoRouteError', reason: 'no-agents' });
    expect(asked).toBe(false);
  });
});
