import { AbortError } from '@kagura-ts/provider';

/**
 * `promise`, or an `AbortError` as soon as `signal` aborts (the promise itself goes on, and a
 * failure of it is observed, so it is never an unhandled rejection).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(new AbortError({ cause: signal.reason }));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortError({ cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The values of `source`, ending with an `AbortError` as soon as `signal` aborts. */
export async function* readUntilAborted<T>(
  source: AsyncIterable<T>,
  signal: AbortSignal,
): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  try {
    while (true) {
      const next = await untilAborted(iterator.next(), signal);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // The reader may be parked waiting for the next value: its return is queued and settles
    // (possibly with the source's failure) on its own.
    iterator.return?.()?.catch(() => {});
  }
}
