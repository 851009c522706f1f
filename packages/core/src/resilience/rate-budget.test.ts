import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortError } from '../errors/abort-error.js';
import { RateBudget } from './rate-budget.js';

describe('RateBudget', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('should allow a minute of budget at once, then refill continuously, in order', async () => {
    const budget = new RateBudget(60);
    for (let index = 0; index < 60; index += 1) await budget.take(1);
    const order: number[] = [];
    const first = budget.take(1).then(() => order.push(1));
    const second = budget.take(2).then(() => order.push(2));
    await vi.advanceTimersByTimeAsync(999);
    expect(order).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await first;
    expect(order).toEqual([1]);
    await vi.advanceTimersByTimeAsync(2000);
    await second;
    expect(order).toEqual([1, 2]);
  });

  it('should settle reservations with what was really used', async () => {
    const budget = new RateBudget(1000);
    await budget.take(1000);
    budget.adjust(-500);
    let done = false;
    const next = budget.take(400).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    await next;
    expect(done).toBe(true);
  });

  it('should leave the queue when the waiter aborts', async () => {
    const budget = new RateBudget(1);
    await budget.take(1);
    const controller = new AbortController();
    const waiting = budget.take(1, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toSatisfy(AbortError.isInstance);
  });
});
