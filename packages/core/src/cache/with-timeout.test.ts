import { describe, expect, it } from 'vitest';
import { type StoreActivity, withTimeout } from './with-timeout.js';

/** Keeps the event loop busy, as a burst of calls does. */
function block(milliseconds: number): void {
  const until = performance.now() + milliseconds;
  while (performance.now() < until) {
    // busy
  }
}

/** Runs `run` from a check-phase callback, so that the next loop turn meets timers first. */
function fromCheckPhase<T>(run: () => Promise<T>): Promise<T> {
  return new Promise<Promise<T>>((resolve) => setImmediate(() => resolve(run()))).then(
    (promise) => promise,
  );
}

const never = () => new Promise<never>(() => {});

describe('withTimeout', () => {
  it('should resolve with the operation when it answers in time', async () => {
    await expect(withTimeout(Promise.resolve('answer'), 50)).resolves.toBe('answer');
  });

  it('should reject an operation that never settles, on an idle loop', async () => {
    await expect(withTimeout(never(), 20)).rejects.toMatchObject({ name: 'StoreTimeoutError' });
  });

  it('should let an answer that arrived while the loop was busy land first', async () => {
    // The answer is ready (an I/O callback queued) before the timer is looked at, but the loop
    // was busy past the budget: that is the caller's lag, not a slow store.
    const result = fromCheckPhase(() => {
      const answer = new Promise<string>((resolve) => setImmediate(() => resolve('answer')));
      const guarded = withTimeout(answer, 20);
      block(60);
      return guarded;
    });
    await expect(result).resolves.toBe('answer');
  });

  it('should give one more window when its timer fired late', async () => {
    const result = fromCheckPhase(() => {
      const answer = new Promise<string>((resolve) => setTimeout(() => resolve('answer'), 70));
      const guarded = withTimeout(answer, 20);
      block(60);
      return guarded;
    });
    await expect(result).resolves.toBe('answer');
  });

  it('should wait while the store keeps answering other operations', async () => {
    const activity = { lastAnsweredAt: performance.now(), pendingOperations: 2 };
    const answering = setInterval(() => {
      activity.lastAnsweredAt = performance.now();
    }, 5);
    try {
      const answer = new Promise<string>((resolve) => setTimeout(() => resolve('answer'), 150));
      await expect(withTimeout(answer, 20, { activity })).resolves.toBe('answer');
    } finally {
      clearInterval(answering);
    }
  });

  it('should reject when the store has been silent too long, even with others pending', async () => {
    const activity: StoreActivity = { lastAnsweredAt: performance.now(), pendingOperations: 5 };
    await expect(withTimeout(never(), 20, { activity })).rejects.toMatchObject({
      name: 'StoreTimeoutError',
    });
  });

  it('should reject by maxWaitMs a store that answers others but never this one', async () => {
    const activity = { lastAnsweredAt: performance.now(), pendingOperations: 2 };
    const answering = setInterval(() => {
      activity.lastAnsweredAt = performance.now();
    }, 5);
    try {
      await expect(withTimeout(never(), 20, { activity, maxWaitMs: 100 })).rejects.toMatchObject({
        name: 'StoreTimeoutError',
      });
    } finally {
      clearInterval(answering);
    }
  });

  it('should absorb a late rejection of the operation', async () => {
    const late = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('late')), 40));
    await expect(withTimeout(late, 10)).rejects.toMatchObject({ name: 'StoreTimeoutError' });
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
});
