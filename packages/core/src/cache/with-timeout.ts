import { KaguraError } from '../errors/kagura-error.js';

/**
 * Settles like `operation`, or rejects once `milliseconds` have passed. A late rejection of
 * `operation` is absorbed, so it never becomes an unhandled rejection.
 */
export function withTimeout<T>(operation: Promise<T>, milliseconds: number): Promise<T> {
  operation.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new KaguraError({
            name: 'StoreTimeoutError',
            message: `The cache store did not answer within ${milliseconds} ms; treated as a miss.`,
          }),
        ),
      milliseconds,
    );
    timer.unref();
  });
  return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
}
