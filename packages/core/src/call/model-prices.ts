import type { Usage } from '@kagura-ts/provider';

/** A model's list price in US dollars per million tokens. */
export interface ModelPrice {
  /** Prompt tokens. */
  input: number;
  /** Prompt tokens served from the provider's prompt cache. @default input */
  cachedInput?: number;
  /** Prompt tokens written to the provider's prompt cache (Anthropic: 5-minute writes). @default input */
  cacheWriteInput?: number;
  /** Prompt tokens written to the prompt cache for an hour (Anthropic `ttl: '1h'`). @default cacheWriteInput */
  cacheWriteInput1h?: number;
  /** Generated tokens. */
  output: number;
}

/**
 * List prices of common models, per million tokens, keyed by model id. They are what the cost
 * figures in cache stats use; override or extend them with the `prices` cache option (prices
 * change, and a table in a library is always a little out of date).
 */
export const defaultModelPrices: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
  // Anthropic: cache reads at 0.1x the input rate, writes at 1.25x (5 minutes) or 2x (an hour).
  'claude-haiku-4-5': {
    input: 1,
    cachedInput: 0.1,
    cacheWriteInput: 1.25,
    cacheWriteInput1h: 2,
    output: 5,
  },
  'claude-sonnet-4-6': {
    input: 3,
    cachedInput: 0.3,
    cacheWriteInput: 3.75,
    cacheWriteInput1h: 6,
    output: 15,
  },
  // Deprecated by Anthropic (end of life 2026-11-30); kept to price what it still answers.
  'claude-sonnet-4-5': {
    input: 3,
    cachedInput: 0.3,
    cacheWriteInput: 3.75,
    cacheWriteInput1h: 6,
    output: 15,
  },
  'claude-opus-4-6': {
    input: 5,
    cachedInput: 0.5,
    cacheWriteInput: 6.25,
    cacheWriteInput1h: 10,
    output: 25,
  },
  'claude-opus-4-5': {
    input: 5,
    cachedInput: 0.5,
    cacheWriteInput: 6.25,
    cacheWriteInput1h: 10,
    output: 25,
  },
  'claude-opus-4-1': {
    input: 15,
    cachedInput: 1.5,
    cacheWriteInput: 18.75,
    cacheWriteInput1h: 30,
    output: 75,
  },
};

/**
 * What a call with this usage costs at this price, in US dollars. Prompt tokens read from the
 * provider's prompt cache are billed at the cached rate, those written to it at the write rate
 * (the hour-long ones at theirs), the rest of the prompt at the input rate.
 */
export function costOf(usage: Usage, price: ModelPrice | undefined): number {
  if (price === undefined) return 0;
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const written = Math.min(usage.cacheWriteInputTokens ?? 0, usage.inputTokens - cached);
  const writtenForAnHour = Math.min(usage.cacheWrite1hInputTokens ?? 0, written);
  const fresh = usage.inputTokens - cached - written;
  const writeRate = price.cacheWriteInput ?? price.input;
  const prompt =
    fresh * price.input +
    cached * (price.cachedInput ?? price.input) +
    (written - writtenForAnHour) * writeRate +
    writtenForAnHour * (price.cacheWriteInput1h ?? writeRate);
  return (prompt + usage.outputTokens * price.output) / 1_000_000;
}

/**
 * What the provider's prompt cache saved a call, in US dollars, against sending its whole prompt
 * uncached: the discount on the tokens it read, less the premium on the tokens it wrote (so a
 * call that only wrote costs a little more, and its saving is negative). 0 without a price.
 */
export function promptCacheSavingsOf(usage: Usage, price: ModelPrice | undefined): number {
  if (price === undefined) return 0;
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const written = Math.min(usage.cacheWriteInputTokens ?? 0, usage.inputTokens - cached);
  const writtenForAnHour = Math.min(usage.cacheWrite1hInputTokens ?? 0, written);
  const writeRate = price.cacheWriteInput ?? price.input;
  const saved =
    cached * (price.input - (price.cachedInput ?? price.input)) -
    (written - writtenForAnHour) * (writeRate - price.input) -
    writtenForAnHour * ((price.cacheWriteInput1h ?? writeRate) - price.input);
  return saved / 1_000_000;
}

/** Finds a model's price: by `provider:model`, then by model id, then by the id less a date suffix. */
export function findModelPrice(
  prices: Readonly<Record<string, ModelPrice>>,
  provider: string,
  model: string,
): ModelPrice | undefined {
  return (
    prices[`${provider}:${model}`] ??
    prices[model] ??
    // Dated snapshots ('gpt-4o-mini-2024-07-18', 'claude-haiku-4-5-20251001') cost what their alias does.
    prices[model.replace(/-\d{4}-?\d{2}-?\d{2}$/, '')]
  );
}
