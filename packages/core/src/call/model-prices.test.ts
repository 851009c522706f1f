import { describe, expect, it } from 'vitest';
import { costOf, defaultModelPrices, findModelPrice } from './model-prices.js';

describe('costOf', () => {
  it('should bill cached prompt tokens at the cached rate', () => {
    const price = { input: 1, cachedInput: 0.1, output: 5 };
    expect(costOf({ inputTokens: 1_000_000, outputTokens: 0, cachedInputTokens: 0 }, price)).toBe(
      1,
    );
    expect(
      costOf(
        { inputTokens: 1_000_000, outputTokens: 1_000_000, cachedInputTokens: 500_000 },
        price,
      ),
    ).toBeCloseTo(5.55);
    expect(costOf({ inputTokens: 10, outputTokens: 10, cachedInputTokens: 0 }, undefined)).toBe(0);
  });
});

describe('findModelPrice', () => {
  it('should find by provider:model, by id, and by the id less a date suffix', () => {
    const prices = { ...defaultModelPrices, 'ollama:llama3.2': { input: 0, output: 0 } };
    expect(findModelPrice(prices, 'ollama', 'llama3.2')).toEqual({ input: 0, output: 0 });
    expect(findModelPrice(prices, 'openai', 'gpt-4o-mini')?.input).toBe(0.15);
    expect(findModelPrice(prices, 'openai', 'gpt-4o-mini-2024-07-18')?.input).toBe(0.15);
    expect(findModelPrice(prices, 'anthropic', 'claude-haiku-4-5-20251001')?.output).toBe(5);
    expect(findModelPrice(prices, 'openai', 'unknown-model')).toBeUndefined();
  });
});
