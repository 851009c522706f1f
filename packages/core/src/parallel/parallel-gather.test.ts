import { AbortError, InvalidArgumentError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { parallelGather, type Task } from './parallel-gather.js';
import { deferred, flush, untilAborted } from './test-helpers.js';

describe('parallelGather', () => {
  it('should return results in argument order, from promises and functions mixed', async () => {
    const slow = deferred<number>();
    const result = parallelGather(
      () => slow.promise,
      Promise.resolve('two'),
      async () => ({ three: 3 }),
    );
    slow.resolve(1);
    const [one, two, three]: [number, string, { three: number }] = await result;
    expect([one, two, three]).toEqual([1, 'two', { three: 3 }]);
  });

  it('should type results as a tuple in both forms', async () => {
    const [count, name]: [number, string] = await parallelGather(
      async () => 1,
      Promise.resolve('a'),
    );
    const [flag, list]: [boolean, number[]] = await parallelGather(
      [async () => true, Promise.resolve([1, 2])],
      { concurrency: 1 },
    );
    const [ok, failed]: [PromiseSettledResult<number>, PromiseSettledResult<string>] =
      await parallelGather([async () => 2, Promise.reject<string>(new Error('no'))], {
        settle: true,
      });
    // @ts-expect-error: the first result is a number, not a string.
    const [wrong]: [string] = await parallelGather(async () => 1);
    const none: [] = await parallelGather();
    const many: number[] = await parallelGather(
      Array.from({ length: 3 }, (_, index) => async () => index),
    );
    expect([count, name, flag, list, ok.status, failed.status, wrong, none, many]).toEqual([
      1,
      'a',
      true,
      [1, 2],
      'fulfilled',
      'rejected',
      1,
      [],
      [0, 1, 2],
    ]);
  });

  it('should reject with the first error and abort the signal of the other tasks', async () => {
    const failure = new Error('weather service down');
    const signals: AbortSignal[] = [];
    const result = parallelGather(
      ({ abortSignal: signal }) => {
        signals.push(signal);
        return untilAborted(signal);
      },
      () => Promise.reject(failure),
    );
    await expect(result).rejects.toBe(failure);
    expect(signals[0]!.aborted).toBe(true);
    expect((signals[0]!.reason as AbortError).cause).toBe(failure);
  });

  it('should limit function tasks with concurrency in the array form', async () => {
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const tasks: Task<void>[] = gates.map((gate, index) => () => {
      started.push(index);
      return gate.promise;
    });
    const result = parallelGather(tasks, { concurrency: 1 });
    expect(started).toEqual([0]);
    gates[0]!.resolve();
    await flush();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    gates[2]!.resolve();
    expect(await result).toEqual([undefined, undefined, undefined]);
  });

  it('should return every outcome with settle: true', async () => {
    const failure = new Error('no');
    const outcomes = await parallelGather([() => Promise.reject(failure), async () => 'yes'], {
      settle: true,
    });
    expect(outcomes).toEqual([
      { status: 'rejected', reason: failure },
      { status: 'fulfilled', value: 'yes' },
    ]);
  });

  it('should reject with an AbortError when the caller aborts, or has aborted', async () => {
    const controller = new AbortController();
    let signal: AbortSignal | undefined;
    const result = parallelGather(
      [
        (context) => {
          signal = context.abortSignal;
          return untilAborted(context.abortSignal);
        },
      ],
      { abortSignal: controller.signal },
    );
    controller.abort('bye');
    await expect(result).rejects.toSatisfy(
      (error) => AbortError.isInstance(error) && error.cause === 'bye',
    );
    expect(signal?.aborted).toBe(true);
    let calls = 0;
    await expect(
      parallelGather([() => calls++], { abortSignal: AbortSignal.abort() }),
    ).rejects.toThrow(AbortError);
    expect(calls).toBe(0);
  });

  it('should reject bad concurrency and mixed forms before running a task', async () => {
    let calls = 0;
    await expect(parallelGather([() => calls++], { concurrency: 0 })).rejects.toThrow(
      'Invalid concurrency: expected a positive integer or Infinity, got 0.',
    );
    const mixed = parallelGather as unknown as (...args: unknown[]) => Promise<unknown>;
    await expect(mixed([() => calls++], () => calls++)).rejects.toThrow(InvalidArgumentError);
    await expect(mixed([() => calls++], {}, () => calls++)).rejects.toThrow(
      'Invalid options: parallelGather takes either tasks as arguments',
    );
    expect(calls).toBe(0);
  });

  it('should return [] for no tasks', async () => {
    expect(await parallelGather()).toEqual([]);
    expect(await parallelGather([], { concurrency: 2 })).toEqual([]);
  });

  it('should leave no unhandled rejection from promises that fail late or never get a slot', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const failure = new Error('first');
      const late = deferred<number>();
      const waiting = deferred<number>();
      const result = parallelGather(
        [() => Promise.reject(failure), late.promise, waiting.promise],
        { concurrency: 2 },
      );
      // Rejects while waiting for a slot: nothing but the early handler has seen it yet.
      waiting.reject(new Error('waiting'));
      await expect(result).rejects.toBe(failure);
      late.reject(new Error('late'));
      await flush();
      await flush();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
