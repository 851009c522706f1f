import { AbortError, InvalidArgumentError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { type IndexedResult, parallelMapUnordered } from './parallel-map-unordered.js';
import { deferred, flush, untilAborted } from './test-helpers.js';

// A source that counts how many items were pulled and whether it was closed.
function countingSource(length = Number.POSITIVE_INFINITY) {
  const source = { pulls: 0, closed: false };
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

describe('parallelMapUnordered', () => {
  it('should yield each result as it completes, before the others complete', async () => {
    const gates = ['a', 'b', 'c', 'd'].map(() => deferred<string>());
    const order = [2, 0, 3, 1];
    const seen: IndexedResult<string>[] = [];
    const results = parallelMapUnordered(gates, (gate) => gate.promise);
    gates[order[0]!]!.resolve('first');
    for await (const result of results) {
      seen.push(result);
      // Only the tasks resolved so far may have finished: the next one is still pending.
      const next = order[seen.length];
      if (next !== undefined) gates[next]!.resolve(`after ${seen.length}`);
    }
    expect(seen).toEqual([
      { index: 2, value: 'first' },
      { index: 0, value: 'after 1' },
      { index: 3, value: 'after 2' },
      { index: 1, value: 'after 3' },
    ]);
  });

  it('should yield the first completion while every other task is still running', async () => {
    const gates = [deferred<number>(), deferred<number>(), deferred<number>()];
    const results = parallelMapUnordered(gates, (gate) => gate.promise);
    const first = results.next();
    gates[1]!.resolve(11);
    expect(await first).toEqual({ done: false, value: { index: 1, value: 11 } });
    gates[0]!.resolve(10);
    gates[2]!.resolve(12);
    const rest: number[] = [];
    for await (const { index } of results) rest.push(index);
    expect(rest.sort()).toEqual([0, 2]);
  });

  it('should start nothing until iteration begins', async () => {
    const { source, items } = countingSource(3);
    let calls = 0;
    const results = parallelMapUnordered(items, () => calls++);
    await flush();
    expect([calls, source.pulls]).toEqual([0, 0]);
    const values: number[] = [];
    for await (const { value } of results) values.push(value);
    expect(values.sort()).toEqual([0, 1, 2]);
  });

  it('should cancel the rest when the reader breaks out', async () => {
    const { source, items } = countingSource();
    const started: number[] = [];
    const signals: AbortSignal[] = [];
    const results = parallelMapUnordered(
      items,
      (item, index, { abortSignal: signal }) => {
        started.push(index);
        signals.push(signal);
        return index === 1 ? Promise.resolve('quick') : untilAborted(signal);
      },
      { concurrency: 3 },
    );
    for await (const result of results) {
      expect(result).toEqual({ index: 1, value: 'quick' });
      break;
    }
    expect(signals[0]!.aborted).toBe(true);
    expect(AbortError.isInstance(signals[0]!.reason)).toBe(true);
    expect(source.closed).toBe(true);
    const startedAtBreak = [...started];
    await flush();
    expect(started).toEqual(startedAtBreak);
    expect(started.length).toBeLessThanOrEqual(4);
  });

  it('should hold back new work while results wait to be read', async () => {
    const { source, items } = countingSource(10);
    const results = parallelMapUnordered(items, (item) => item, { concurrency: 2 });
    expect(await results.next()).toEqual({ done: false, value: { index: 0, value: 0 } });
    await flush();
    // One result read, at most two more finished or running: the reader sets the pace.
    expect(source.pulls).toBe(3);
    await results.return();
    expect(source.closed).toBe(true);
  });

  it('should throw the first error after the results that completed before it', async () => {
    const gates = ['a', 'b', 'c', 'd'].map(() => deferred<string>());
    const signals: AbortSignal[] = [];
    const failure = new Error('b failed');
    const results = parallelMapUnordered(gates, (gate, index, { abortSignal: signal }) => {
      signals.push(signal);
      return gate.promise;
    });
    const first = results.next();
    gates[0]!.resolve('a');
    expect(await first).toEqual({ done: false, value: { index: 0, value: 'a' } });
    gates[3]!.resolve('d');
    await flush();
    gates[1]!.reject(failure);
    await flush();
    expect(signals[2]!.aborted).toBe(true);
    expect(await results.next()).toEqual({ done: false, value: { index: 3, value: 'd' } });
    await expect(results.next()).rejects.toBe(failure);
    expect(await results.next()).toEqual({ done: true, value: undefined });
  });

  it('should throw an AbortError at the next read when the caller aborts', async () => {
    const controller = new AbortController();
    const signals: AbortSignal[] = [];
    const results = parallelMapUnordered(
      [0, 1, 2],
      (item, index, { abortSignal: signal }) => {
        signals.push(signal);
        return index === 0 ? item : untilAborted(signal);
      },
      { abortSignal: controller.signal },
    );
    expect(await results.next()).toEqual({ done: false, value: { index: 0, value: 0 } });
    const pending = results.next();
    controller.abort('stop');
    await expect(pending).rejects.toSatisfy(
      (error) => AbortError.isInstance(error) && error.cause === 'stop',
    );
    expect(signals.every((signal) => signal.aborted)).toBe(true);
  });

  it('should throw before starting anything when the signal is already aborted', async () => {
    const { source, items } = countingSource();
    let calls = 0;
    const results = parallelMapUnordered(items, () => calls++, {
      abortSignal: AbortSignal.abort(),
    });
    await expect(results.next()).rejects.toThrow(AbortError);
    expect([calls, source.pulls]).toEqual([0, 0]);
  });

  it.each([0, -3, Number.NaN, 2.5, 'many'])(
    'should throw for concurrency %s, naming it, from the call',
    (value) => {
      let calls = 0;
      expect(() =>
        parallelMapUnordered([1], () => calls++, { concurrency: value as number }),
      ).toThrow(InvalidArgumentError);
      expect(() =>
        parallelMapUnordered([1], () => calls++, { concurrency: value as number }),
      ).toThrow(`got ${typeof value === 'string' ? `the string "${value}"` : String(value)}.`);
      expect(calls).toBe(0);
    },
  );

  it('should end at once for empty input', async () => {
    expect(await parallelMapUnordered([], () => 1).next()).toEqual({
      done: true,
      value: undefined,
    });
    expect(await parallelMapUnordered(countingSource(0).items, () => 1).next()).toEqual({
      done: true,
      value: undefined,
    });
  });
});
