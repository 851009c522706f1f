import { InvalidArgumentError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { validateRetryOptions, validateTimeoutOptions } from './validate-resilience-options.js';

function refusal(check: () => void): InvalidArgumentError {
  try {
    check();
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidArgumentError');
}

describe('validateRetryOptions', () => {
  it.each([
    [{ maxRetries: -1 }, 'retry.maxRetries', 'got -1'],
    [{ maxRetries: Number.NaN }, 'retry.maxRetries', 'got NaN'],
    [{ maxRetries: '3' }, 'retry.maxRetries', "got the string '3'"],
    [{ maxRetries: 1.5 }, 'retry.maxRetries', 'got 1.5'],
    [{ baseDelayMs: -5 }, 'retry.baseDelayMs', 'got -5'],
    [{ maxDelayMs: Number.POSITIVE_INFINITY }, 'retry.maxDelayMs', 'got Infinity'],
  ])('should refuse %j, naming the field and the value', (retry, argument, shown) => {
    const error = refusal(() => validateRetryOptions(retry as object));
    expect(error.argument).toBe(argument);
    expect(error.message).toContain(shown);
  });

  it('should accept the defaults and no retries', () => {
    expect(() => validateRetryOptions({ maxRetries: 0, baseDelayMs: 0 })).not.toThrow();
    expect(() => validateRetryOptions({ maxRetries: 2, baseDelayMs: 500 })).not.toThrow();
    expect(() => validateRetryOptions(undefined)).not.toThrow();
  });
});

describe('validateTimeoutOptions', () => {
  it.each([
    [{ totalMs: -1 }, 'timeout.totalMs', 'got -1'],
    [{ totalMs: Number.NaN }, 'timeout.totalMs', 'got NaN'],
    [{ totalMs: 0 }, 'timeout.totalMs', 'got 0'],
    [{ totalMs: '5000' }, 'timeout.totalMs', "got the string '5000'"],
    [{ firstTokenMs: Number.NaN }, 'timeout.firstTokenMs', 'got NaN'],
    [{ betweenDeltasMs: 2 ** 31 }, 'timeout.betweenDeltasMs', 'at most 2147483647'],
  ])('should refuse %j, naming the field and the value', (timeout, argument, shown) => {
    const error = refusal(() => validateTimeoutOptions(timeout as object));
    expect(error.argument).toBe(argument);
    expect(error.message).toContain(shown);
  });

  it('should refuse a timeout that is not an options object', () => {
    expect(refusal(() => validateTimeoutOptions(5000 as unknown as object)).argument).toBe(
      'timeout',
    );
  });
});
