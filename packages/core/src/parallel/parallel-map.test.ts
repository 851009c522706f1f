import { AbortError, InvalidArgumentError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { currentAbortSignal, withAbortSignal } from '../util/with-abort-signal.js';
import { parallelMap } from './parallel-map.js';
import { deferred, flush, untilAborted } from './test-helpers.js';

// A source that counts how many items were pulled and whether it was closed.
function countingSource(length = Number.POSITIVE_INFINITY) {
  const source = { pulls: 0, closed: false, async: true };
  async function* items() {
    try {
      for (let index = 0; index < length; index++) {
        source.pulls += 1;
        yield index;
      }
    } finally {
      source.closed = true;
    }
  }
  return { source, items: items() };
}

describe('parallelMap', () => {
  it('should keep the input order whatever order tasks finish in', async () => {
    const gates = ['a', 'b', 'c', 'd'].map(() => deferred<string>());
    const result = parallelMap(gates, (gate) => gate.promise);
    gates[3]!.resolve('d');
    gates[1]!.resolve('b');
    gates[0]!.resolve('a');
    gates[2]!.resolve('c');
    const values: string[] = await result;
    expect(values).toEqual(['a', 'b', 'c', 'd']);
  });

  it('should run at most concurrency tasks at once, and reach that many', async () => {
    const gates = Array.from({ length: 10 }, () => deferred());
    let running = 0;
    let peak = 0;
    const result = parallelMap(
      gates,
      async (gate) => {
        running += 1;
        peak = Math.max(peak, running);
        await gate.promise;
        running -= 1;
      },
      { concurrency: 3 },
    );
    await flush();
    expect(running).toBe(3);
    for (const gate of gates) {
      gate.resolve();
      await flush();
      expect(running).toBeLessThanOrEqual(3);
    }
    await result;
    expect(peak).toBe(3);
  });

  it('should give fn the item, its index and a signal', async () => {
    const seen: unknown[] = [];
    await parallelMap(new Set(['x', 'y']), (item, index, { abortSignal: signal }) => {
      seen.push([item, index, signal instanceof AbortSignal && !signal.aborted]);
    });
    expect(seen).toEqual([
      ['x', 0, true],
      ['y', 1, true],
    ]);
  });

  it('should reject with the first error, cancel running tasks and start no more', async () => {
    const gates = Array.from({ length: 5 }, () => deferred());
    const started: number[] = [];
    const signals: AbortSignal[] = [];
    const failure = new Error('document 0 is corrupt');
    const result = parallelMap(
      gates,
      (gate, index, { abortSignal: signal }) => {
        started.push(index);
        signals.push(signal);
        return gate.promise;
      },
      { concurrency: 2 },
    );
    gates[0]!.reject(failure);
    await expect(result).rejects.toBe(failure);
    expect(started).toEqual([0, 1]);
    const signal = signals[1]!;
    expect(signal.aborted).toBe(true);
    expect(AbortError.isInstance(signal.reason)).toBe(true);
    expect((signal.reason as AbortError).cause).toBe(failure);
    gates[1]!.resolve();
    await flush();
    expect(started).toEqual([0, 1]);
  });

  it('should run each task with its signal as the ambient signal', async () => {
    const failure = new Error('boom');
    const ambient: (AbortSignal | undefined)[] = [];
    const result = parallelMap([0, 1], async (item, index, { abortSignal: signal }) => {
      ambient.push(currentAbortSignal());
      expect(currentAbortSignal()).toBe(signal);
      if (item === 0) throw failure;
      return untilAborted(signal);
    });
    await expect(result).rejects.toBe(failure);
    // An agent method called inside the task, with no signal parameter, is cancelled too.
    expect(ambient.map((signal) => signal?.aborted)).toEqual([true, true]);
  });

  it('should be cancelled by the ambient signal it was called in', async () => {
    const controller = new AbortController();
    let calls = 0;
    const result = withAbortSignal(controller.signal, () =>
      parallelMap([0, 1], (item, index, { abortSignal: signal }) => {
        calls += 1;
        return untilAborted(signal);
      }),
    );
    controller.abort('outer task cancelled');
    await expect(result).rejects.toSatisfy(
      (error) => AbortError.isInstance(error) && error.cause === 'outer task cancelled',
    );
    expect(calls).toBe(2);
  });

  it('should treat a synchronous throw from fn as that task failing', async () => {
    const failure = new Error('sync');
    const result = parallelMap([1, 2], (item) => {
      if (item === 2) throw failure;
      return item;
    });
    await expect(result).rejects.toBe(failure);
  });

  it('should return every outcome in order with settle: true', async () => {
    const failure = new Error('odd');
    const outcomes: PromiseSettledResult<number>[] = await parallelMap(
      [1, 2, 3],
      async (item) => {
        if (item % 2 === 1) throw failure;
        return item * 10;
      },
      { settle: true, concurrency: 2 },
    );
    expect(outcomes).toEqual([
      { status: 'rejected', reason: failure },
      { status: 'fulfilled', value: 20 },
      { status: 'rejected', reason: failure },
    ]);
  });

  it('should reject at once with an AbortError when the caller aborts mid-run', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const signals: AbortSignal[] = [];
    const result = parallelMap(
      [0, 1, 2, 3],
      (item, index, { abortSignal: signal }) => {
        started.push(index);
        signals.push(signal);
        // Never settles by itself: the call must not wait for it.
        return new Promise<void>(() => {});
      },
      { concurrency: 2, abortSignal: controller.signal },
    );
    await flush();
    const reason = new Error('user cancelled');
    controller.abort(reason);
    await expect(result).rejects.toSatisfy(
      (error) => AbortError.isInstance(error) && error.cause === reason,
    );
    expect(signals.map((signal) => signal.aborted)).toEqual([true, true]);
    expect(signals[0]!.reason).toBe(reason);
    await flush();
    expect(started).toEqual([0, 1]);
  });

  it('should reject before reading or starting anything when the signal is already aborted', async () => {
    const { source, items } = countingSource();
    let calls = 0;
    const result = parallelMap(items, () => calls++, {
      abortSignal: AbortSignal.abort('too late'),
    });
    await expect(result).rejects.toSatisfy(
      (error) => AbortError.isInstance(error) && error.cause === 'too late',
    );
    expect(calls).toBe(0);
    expect(source.pulls).toBe(0);
  });

  it.each([
    [0, 'got 0.'],
    [-1, 'got -1.'],
    [Number.NaN, 'got NaN.'],
    [1.5, 'got 1.5.'],
    ['2', 'got the string "2".'],
    [null, 'got null.'],
  ])('should reject concurrency %s, naming it, before any item runs', async (value, named) => {
    const { source, items } = countingSource();
    let calls = 0;
    const result = parallelMap(items, () => calls++, { concurrency: value as number });
    await expect(result).rejects.toThrow(InvalidArgumentError);
    await expect(result).rejects.toThrow(named);
    expect(calls).toBe(0);
    expect(source.pulls).toBe(0);
  });

  it('should return [] for empty input', async () => {
    const empty = countingSource(0);
    expect(await parallelMap([], () => 1)).toEqual([]);
    expect(await parallelMap(new Map(), () => 1, { concurrency: 2 })).toEqual([]);
    expect(await parallelMap(empty.items, () => 1, { concurrency: 2 })).toEqual([]);
  });

  it('should pull no more items from an async iterable than can run', async () => {
    const { source, items } = countingSource(5);
    const gates = Array.from({ length: 5 }, () => deferred<number>());
    const result = parallelMap(items, (item) => gates[item]!.promise, { concurrency: 2 });
    await flush();
    expect(source.pulls).toBe(2);
    gates[1]!.resolve(1);
    await flush();
    expect(source.pulls).toBe(3);
    gates[0]!.resolve(0);
    await flush();
    expect(source.pulls).toBe(4);
    for (const [index, gate] of gates.entries()) gate.resolve(index);
    expect(await result).toEqual([0, 1, 2, 3, 4]);
    expect(source.pulls).toBe(5);
  });

  it('should pull a synchronous iterable lazily too', async () => {
    let pulls = 0;
    function* items() {
      for (let index = 0; index < 4; index++) {
        pulls += 1;
        yield index;
      }
    }
    const gates = Array.from({ length: 4 }, () => deferred<number>());
    const result = parallelMap(items(), (item) => gates[item]!.promise, { concurrency: 1 });
    expect(pulls).toBe(1);
    gates[0]!.resolve(0);
    await flush();
    expect(pulls).toBe(2);
    for (const [index, gate] of gates.entries()) gate.resolve(index);
    expect(await result).toEqual([0, 1, 2, 3]);
  });

  it('should stop reading and close the source on failure and on abort', async () => {
    const failing = countingSource();
    const failure = new Error('boom');
    const gates = Array.from({ length: 3 }, () => deferred());
    const failed = parallelMap(failing.items, (item) => gates[item]!.promise, { concurrency: 3 });
    await flush();
    expect(failing.source.pulls).toBe(3);
    gates[0]!.reject(failure);
    await expect(failed).rejects.toBe(failure);
    await flush();
    expect(failing.source.closed).toBe(true);
    expect(failing.source.pulls).toBe(3);

    const aborted = countingSource();
    const controller = new AbortController();
    const result = parallelMap(
      aborted.items,
      (_item, _index, { abortSignal: signal }) => untilAborted(signal),
      {
        concurrency: 2,
        abortSignal: controller.signal,
      },
    );
    await flush();
    controller.abort();
    await expect(result).rejects.toThrow(AbortError);
    await flush();
    expect(aborted.source.closed).toBe(true);
    expect(aborted.source.pulls).toBe(2);
  });

  it('should close the source only once a read in flight has landed', async () => {
    const read = deferred<IteratorResult<number>>();
    let calls = 0;
    let returns = 0;
    const items: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => read.promise,
        return: async () => {
          returns += 1;
          return { done: true, value: undefined };
        },
      }),
    };
    const controller = new AbortController();
    const result = parallelMap(items, () => calls++, { abortSignal: controller.signal });
    controller.abort();
    await expect(result).rejects.toThrow(AbortError);
    expect(returns).toBe(0);
    read.resolve({ done: false, value: 1 });
    await flush();
    expect([returns, calls]).toEqual([1, 0]);
  });

  it('should reject with the error of a source that fails while being read', async () => {
    const failure = new Error('disk gone');
    const signals: AbortSignal[] = [];
    async function* items() {
      yield 1;
      throw failure;
    }
    const result = parallelMap(items(), (item, index, { abortSignal: signal }) => {
      signals.push(signal);
      return untilAborted(signal);
    });
    await expect(result).rejects.toBe(failure);
    expect(signals[0]!.aborted).toBe(true);
  });

  it('should reject items that are not iterable', async () => {
    await expect(parallelMap(42 as unknown as number[], () => 1)).rejects.toThrow(
      'Invalid items: expected an array, an iterable or an async iterable, got 42.',
    );
  });

  it('should leave no unhandled rejection when cancelled tasks fail late', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const gates = Array.from({ length: 6 }, () => deferred());
      const failure = new Error('first');
      const result = parallelMap(
        gates,
        (gate, index, { abortSignal: signal }) => (index < 3 ? gate.promise : untilAborted(signal)),
        { concurrency: 6 },
      );
      gates[0]!.reject(failure);
      await expect(result).rejects.toBe(failure);
      gates[1]!.reject(new Error('late 1'));
      gates[2]!.reject(new Error('late 2'));
      await flush();
      await flush();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
