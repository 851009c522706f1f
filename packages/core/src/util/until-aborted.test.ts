import { getEventListeners } from 'node:events';
import { AbortError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { readUntilAborted, untilAborted } from './until-aborted.js';

// A source that yields `values`, then waits forever, and says whether it was closed.
function parkedSource(values: number[]) {
  const state = { closed: false };
  const source: AsyncIterable<number> = {
    [Symbol.asyncIterator]() {
      let index = 0;
      return {
        next: () =>
          index < values.length
            ? Promise.resolve({ done: false, value: values[index++]! })
            : new Promise<IteratorResult<number>>(() => {}),
        return: async () => {
          state.closed = true;
          return { done: true, value: undefined };
        },
      };
    },
  };
  return { source, state };
}

describe('readUntilAborted', () => {
  it('should read every value, then end with an AbortError while waiting for the next, and close the source', async () => {
    const controller = new AbortController();
    const { source, state } = parkedSource([1, 2]);
    const read: number[] = [];
    const reading = (async () => {
      for await (const value of readUntilAborted(source, controller.signal)) read.push(value);
    })();
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort('stop');
    await expect(reading).rejects.toSatisfy(AbortError.isInstance);
    expect(read).toEqual([1, 2]);
    expect(state.closed).toBe(true);
  });

  it('should listen to the signal once for the whole read, and not after it', async () => {
    const controller = new AbortController();
    async function* three() {
      yield* [1, 2, 3];
    }
    const listeners: number[] = [];
    for await (const _value of readUntilAborted(three(), controller.signal)) {
      listeners.push(getEventListeners(controller.signal, 'abort').length);
    }
    expect(listeners).toEqual([1, 1, 1]);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('should end at once with an AbortError on a signal aborted before the read', async () => {
    const { source } = parkedSource([1]);
    const read = readUntilAborted(source, AbortSignal.abort());
    await expect(read.next()).rejects.toSatisfy(AbortError.isInstance);
  });
});

describe('untilAborted', () => {
  it('should give the promise, or an AbortError once the signal aborts', async () => {
    expect(await untilAborted(Promise.resolve(1), new AbortController().signal)).toBe(1);
    await expect(untilAborted(new Promise(() => {}), AbortSignal.timeout(5))).rejects.toSatisfy(
      AbortError.isInstance,
    );
  });
});
