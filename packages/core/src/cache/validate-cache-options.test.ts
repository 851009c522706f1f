import { InvalidArgumentError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { LLMCache } from './llm-cache.js';

describe('LLMCache options', () => {
  it.each([
    ['storeTimeoutMs', Number.POSITIVE_INFINITY],
    ['storeTimeoutMs', 2 ** 31],
    ['storeTimeoutMs', 0],
    ['storeTimeoutMs', '50'],
    ['ttl', -1],
    ['ttl', Number.NaN],
  ])('should refuse %s: %s when the cache is created', (field, value) => {
    let caught: unknown;
    try {
      new LLMCache({ [field]: value });
    } catch (error) {
      caught = error;
    }
    expect(InvalidArgumentError.isInstance(caught)).toBe(true);
    expect((caught as InvalidArgumentError).argument).toBe(`cache.${field}`);
  });

  it('should accept the defaults and a long but valid budget', () => {
    expect(() => new LLMCache({ storeTimeoutMs: 2 ** 31 - 1, ttl: 0 })).not.toThrow();
  });
});
