import { describe, expect, it } from 'vitest';
import { AbortError } from './abort-error.js';
import { APICallError, isRetryableStatus } from './api-call-error.js';
import { InvalidArgumentError } from './invalid-argument-error.js';
import { KaguraError } from './kagura-error.js';

describe('KaguraError.isInstance', () => {
  it('should recognise subclasses by marker, not by prototype', () => {
    const error = new APICallError({ provider: 'openai', message: 'boom', statusCode: 429 });
    expect(KaguraError.isInstance(error)).toBe(true);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(AbortError.isInstance(error)).toBe(false);
    // A copy from a duplicated install has another prototype but the same Symbol.for marker.
    const foreign = Object.assign(Object.create(Error.prototype), {
      [Symbol.for('kagura.error')]: true,
      [Symbol.for('kagura.error.api-call')]: true,
    });
    expect(APICallError.isInstance(foreign)).toBe(true);
    expect(KaguraError.isInstance(new Error('plain'))).toBe(false);
    expect(KaguraError.isInstance(null)).toBe(false);
  });

  it('should keep the cause and structured fields', () => {
    const cause = new Error('socket hang up');
    const error = new APICallError({ provider: 'anthropic', message: 'network', cause });
    expect(error.cause).toBe(cause);
    expect(error.statusCode).toBeUndefined();
    expect(error.isRetryable).toBe(true);
    const invalid = new InvalidArgumentError({
      argument: 'temperature',
      value: 9,
      message: 'too hot',
    });
    expect(invalid.message).toBe('Invalid temperature: too hot');
    expect(invalid.value).toBe(9);
  });
});

describe('isRetryableStatus', () => {
  it('should retry timeouts, conflicts, rate limits and server errors only', () => {
    expect([408, 409, 429, 500, 503, 529].map(isRetryableStatus)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([400, 401, 403, 404, 422].map(isRetryableStatus)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
