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

/**
 * The values of `source`, ending with an `AbortError` as soon as `signal` aborts. One abort
 * listener serves the whole read, failing the wait in progress (a stream's events each pass
 * through here: a listener added and removed per value cost more than the value).
 */
export async function* readUntilAborted<T>(
  source: AsyncIterable<T>,
  signal: AbortSignal,
): AsyncGenerator<T> {
  if (signal.aborted) throw new AbortError({ cause: signal.reason });
  const iterator = source[Symbol.asyncIterator]();
  let failWait: ((error: unknown) => void) | undefined;
  const onAbort = () => failWait?.(new AbortError({ cause: signal.reason }));
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    while (true) {
      if (signal.aborted) throw new AbortError({ cause: signal.reason });
      const next = await new Promise<IteratorResult<T>>((resolve, reject) => {
        failWait = reject;
        iterator.next().then(resolve, reject);
      });
      failWait = undefined;
      if (next.done) return;
      yield next.value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    // The reader may be parked waiting for the next value: its return is queued and settles
    // (possibly with the source's failure) on its own.
    iterator.return?.()?.catch(() => {});
  }
}
