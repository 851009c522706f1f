import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

describe('CircuitBreaker', () => {
  it('should open after consecutive failures, then allow one trial after the cooldown', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000, now: () => now });
    expect(breaker.recordFailure()).toBe(false);
    breaker.recordSuccess();
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.allow()).toBe(true);
    expect(breaker.recordFailure()).toBe(true);
    expect(breaker.state).toBe('open');
    expect(breaker.allow()).toBe(false);
    now = 1000;
    expect(breaker.state).toBe('half-open');
    expect(breaker.allow()).toBe(true);
    expect(breaker.allow()).toBe(false);
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    now = 2000;
    expect(breaker.allow()).toBe(true);
    expect(breaker.recordSuccess()).toBe(true);
    expect(breaker.state).toBe('closed');
  });
});
