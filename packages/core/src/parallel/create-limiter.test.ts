import { AbortError, InvalidArgumentError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { createLimiter } from './create-limiter.js';
import { deferred, flush } from './test-helpers.js';

describe('createLimiter', () => {
  it('should run at most concurrency functions at once, and reach that many', async () => {
    const limiter = createLimiter(2);
    const gates = Array.from({ length: 5 }, () => deferred<number>());
    let running = 0;
    let peak = 0;
    const results = gates.map((gate) =>
      limiter.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        const value = await gate.promise;
        running -= 1;
        return value;
      }),
    );
    expect(limiter.activeCount).toBe(2);
    expect(limiter.pendingCount).toBe(3);
    for (const [index, gate] of gates.entries()) {
      gate.resolve(index * 10);
      await flush();
      expect(running).toBeLessThanOrEqual(2);
    }
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40]);
    expect(peak).toBe(2);
    expect(limiter.activeCount).toBe(0);
    expect(limiter.pendingCount).toBe(0);
  });

  it('should start waiting functions first come, first served', async () => {
    const limiter = createLimiter(1);
    const gate = deferred();
    const started: string[] = [];
    const first = limiter.run(() => gate.promise);
    const rest = ['b', 'c', 'd'].map((name) => limiter.run(() => started.push(name)));
    gate.resolve();
    await Promise.all([first, ...rest]);
    expect(started).toEqual(['b', 'c', 'd']);
  });

  it('should take an aborted waiter out of the queue without running it', async () => {
    const limiter = createLimiter(1);
    const gate = deferred();
    const controller = new AbortController();
    let ran = false;
    const blocker = limiter.run(() => gate.promise);
    const waiter = limiter.run(
      () => {
        ran = true;
      },
      { abortSignal: controller.signal },
    );
    const next = limiter.run(() => 'next');
    expect(limiter.pendingCount).toBe(2);
    const reason = new Error('user left');
    controller.abort(reason);
    await expect(waiter).rejects.toSatisfy(
      (error) => AbortError.isInstance(error) && error.cause === reason,
    );
    expect(limiter.pendingCount).toBe(1);
    gate.resolve();
    await blocker;
    expect(await next).toBe('next');
    expect(ran).toBe(false);
  });

  it('should reject at once for an already-aborted signal, without running', async () => {
    const limiter = createLimiter(3);
    let ran = false;
    const run = limiter.run(
      () => {
        ran = true;
      },
      { abortSignal: AbortSignal.abort('gone') },
    );
    await expect(run).rejects.toSatisfy(
      (error) => AbortError.isInstance(error) && error.cause === 'gone',
    );
    expect(ran).toBe(false);
    expect(limiter.activeCount).toBe(0);
  });

  it('should free the slot when a function throws or rejects', async () => {
    const limiter = createLimiter(1);
    const thrown = limiter.run(() => {
      throw new Error('sync');
    });
    const rejected = limiter.run(() => Promise.reject(new Error('async')));
    const after = limiter.run(() => 'after');
    await expect(thrown).rejects.toThrow('sync');
    await expect(rejected).rejects.toThrow('async');
    expect(await after).toBe('after');
    expect(limiter.activeCount).toBe(0);
  });

  it('should not limit with Infinity', () => {
    const limiter = createLimiter(Number.POSITIVE_INFINITY);
    const gate = deferred();
    for (let index = 0; index < 100; index++) limiter.run(() => gate.promise);
    expect(limiter.activeCount).toBe(100);
    expect(limiter.pendingCount).toBe(0);
    gate.resolve();
  });

  it.each([
    [0, 'got 0'],
    [-1, 'got -1'],
    [Number.NaN, 'got NaN'],
    [1.5, 'got 1.5'],
    ['4', 'got the string "4"'],
  ])('should refuse concurrency %s, naming it', (value, named) => {
    expect(() => createLimiter(value as number)).toThrow(named);
    expect(() => createLimiter(value as number)).toThrow(InvalidArgumentError);
  });
});
