import { describe, expect, it } from 'vitest';
import {
  costOf,
  defaultModelPrices,
  findModelPrice,
  promptCacheSavingsOf,
} from './model-prices.js';

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

  it('should bill prompt-cache writes at the write rate, and hour-long ones at theirs', () => {
    // Claude Haiku 4.5: $1 input, $0.10 read, $1.25 5-minute write, $2 hour-long write.
    const price = defaultModelPrices['claude-haiku-4-5'];
    const usage = {
      inputTokens: 4_000_000,
      outputTokens: 0,
      cachedInputTokens: 1_000_000,
      cacheWriteInputTokens: 2_000_000,
      cacheWrite1hInputTokens: 500_000,
    };
    // 1M fresh at 1 + 1M read at 0.1 + 1.5M 5-minute writes at 1.25 + 0.5M hour-long at 2.
    expect(costOf(usage, price)).toBeCloseTo(1 + 0.1 + 1.875 + 1);
    // A price without write rates bills writes as input.
    expect(costOf(usage, { input: 1, cachedInput: 0.1, output: 5 })).toBeCloseTo(3 + 0.1);
  });

  it('should never bill more prompt tokens than the prompt has', () => {
    const price = { input: 1, cachedInput: 0.1, cacheWriteInput: 1.25, output: 0 };
    const odd = {
      inputTokens: 1_000_000,
      outputTokens: 0,
      cachedInputTokens: 800_000,
      cacheWriteInputTokens: 800_000,
    };
    expect(costOf(odd, price)).toBeCloseTo(0.08 + 0.25);
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

describe('promptCacheSavingsOf', () => {
  const claude = {
    input: 3,
    cachedInput: 0.3,
    cacheWriteInput: 3.75,
    cacheWriteInput1h: 6,
    output: 15,
  };

  it('should count the read discount less the write premium, by ttl', () => {
    const read = { inputTokens: 1_000_000, outputTokens: 0, cachedInputTokens: 1_000_000 };
    expect(promptCacheSavingsOf(read, claude)).toBeCloseTo(2.7);
    const wrote = {
      inputTokens: 1_000_000,
      outputTokens: 0,
      cachedInputTokens: 0,
      cacheWriteInputTokens: 1_000_000,
    };
    expect(promptCacheSavingsOf(wrote, claude)).toBeCloseTo(-0.75);
    const hour = { ...wrote, cacheWrite1hInputTokens: 1_000_000 };
    expect(promptCacheSavingsOf(hour, claude)).toBeCloseTo(-3);
  });

  it('should agree with costOf: the uncached cost less the saving is the cost', () => {
    const usage = {
      inputTokens: 6000,
      outputTokens: 40,
      cachedInputTokens: 4000,
      cacheWriteInputTokens: 1500,
    };
    const uncached = costOf({ inputTokens: 6000, outputTokens: 40, cachedInputTokens: 0 }, claude);
    expect(uncached - promptCacheSavingsOf(usage, claude)).toBeCloseTo(costOf(usage, claude), 12);
    expect(promptCacheSavingsOf(usage, undefined)).toBe(0);
  });
});
