// Helpers shared by the parallel helpers' tests (not part of the package's API).

/** A promise with its resolve and reject functions, to settle tasks in a chosen order. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run before the test looks again. */
export const flush = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** A task that, like `fetch`, rejects with the signal's reason when it is cancelled. */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
