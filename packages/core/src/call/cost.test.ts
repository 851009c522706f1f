import { describe, expect, it } from 'vitest';
import { addCosts, costOfCall } from './cost.js';
import { defaultModelPrices, findModelPrice } from './model-prices.js';

const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000, cachedInputTokens: 500_000 };

describe('costOfCall', () => {
  it('should bill a miss at list prices, cached input at the cached rate', () => {
    // gpt-4o-mini: 0.15 input, 0.075 cached input, 0.6 output per million tokens.
    const cost = costOfCall(
      findModelPrice(defaultModelPrices, 'openai', 'gpt-4o-mini'),
      usage,
      'miss',
    );
    expect(cost.usd).toBeCloseTo(0.5 * 0.15 + 0.5 * 0.075 + 0.6, 12);
    expect(cost).toMatchObject({ savedUsd: 0, priced: true });
  });

  it('should bill nothing for a hit or a coalesced call, and count what it saved', () => {
    for (const status of ['hit', 'coalesced'] as const) {
      const price = findModelPrice(defaultModelPrices, 'openai', 'gpt-4o-mini-2024-07-18');
      const cost = costOfCall(price, usage, status);
      expect(cost.usd).toBe(0);
      expect(cost.savedUsd).toBeCloseTo(0.7125, 12);
    }
  });

  it('should say when the model has no price', () => {
    expect(
      costOfCall(findModelPrice(defaultModelPrices, 'ollama', 'llama3.2'), usage, 'miss'),
    ).toEqual({
      usd: 0,
      savedUsd: 0,
      priced: false,
    });
  });
});

describe('addCosts', () => {
  it("should add a tool loop's turns, priced only if every turn was", () => {
    expect(
      addCosts([
        { usd: 1, savedUsd: 0, priced: true },
        { usd: 0, savedUsd: 2, priced: true },
      ]),
    ).toEqual({ usd: 1, savedUsd: 2, priced: true });
    expect(
      addCosts([
        { usd: 1, savedUsd: 0, priced: true },
        { usd: 0, savedUsd: 0, priced: false },
      ]).priced,
    ).toBe(false);
    expect(addCosts([]).priced).toBe(false);
  });
});
