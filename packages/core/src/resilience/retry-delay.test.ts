import { APICallError, InvalidArgumentError, TimeoutError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { retryDelay } from './retry-delay.js';

const status = (
  statusCode: number,
  extra: Partial<ConstructorParameters<typeof APICallError>[0]> = {},
) => new APICallError({ provider: 'openai', message: 'x', statusCode, ...extra });

describe('retryDelay', () => {
  it('should back off exponentially with full jitter, capped', () => {
    expect(retryDelay(status(500), 0, {}, () => 0.999)).toBe(499);
    expect(retryDelay(status(500), 1, {}, () => 0.5)).toBe(500);
    expect(retryDelay(status(503), 1, { maxRetries: 5 }, () => 0)).toBe(0);
    expect(retryDelay(status(500), 4, { maxRetries: 9, maxDelayMs: 3000 }, () => 0.999)).toBe(2997);
  });

  it('should honour retry-after up to the cap, and give up beyond it', () => {
    expect(retryDelay(status(429, { retryAfterMs: 2000 }), 0)).toBe(2000);
    expect(retryDelay(status(429, { retryAfterMs: 120_000 }), 0)).toBeUndefined();
    expect(
      retryDelay(status(429, { retryAfterMs: 120_000 }), 0, { maxRetryAfterMs: 180_000 }),
    ).toBe(120_000);
  });

  it('should retry 408, 409, 429, 5xx and network errors, and nothing else', () => {
    for (const code of [408, 409, 429, 500, 502, 503, 529])
      expect(retryDelay(status(code), 0)).toBeTypeOf('number');
    for (const code of [400, 401, 403, 404, 422])
      expect(retryDelay(status(code), 0)).toBeUndefined();
    expect(
      retryDelay(new APICallError({ provider: 'openai', message: 'ECONNRESET' }), 0),
    ).toBeTypeOf('number');
    expect(
      retryDelay(status(429, { code: 'insufficient_quota', isRetryable: false }), 0),
    ).toBeUndefined();
    expect(
      retryDelay(new InvalidArgumentError({ argument: 'x', value: 1, message: 'no' }), 0),
    ).toBeUndefined();
    expect(retryDelay(new Error('plain'), 0)).toBeUndefined();
  });

  it('should stop after maxRetries', () => {
    expect(retryDelay(status(500), 1, { maxRetries: 2 })).toBeTypeOf('number');
    expect(retryDelay(status(500), 2, { maxRetries: 2 })).toBeUndefined();
    expect(retryDelay(status(500), 0, { maxRetries: 0 })).toBeUndefined();
  });

  it('should retry a stalled first token but not a spent total budget', () => {
    const firstToken = new TimeoutError({ timeout: 'first-token', ms: 100, provider: 'openai' });
    const total = new TimeoutError({ timeout: 'total', ms: 100, provider: 'openai' });
    expect(retryDelay(firstToken, 0)).toBeTypeOf('number');
    expect(retryDelay(total, 0)).toBeUndefined();
  });
});
