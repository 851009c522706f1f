import { AbortError } from '@kagura-ts/provider';
import { validateConcurrency } from './validate-concurrency.js';

/**
 * Options of one {@link Limiter.run} call.
 * @example
 * ```ts
 * await limiter.run(() => callLLM(prompt), { abortSignal: AbortSignal.timeout(10_000) });
 * ```
 */
export interface LimiterRunOptions {
  /**
   * Takes the task out of the queue if it aborts while waiting: `run` rejects with an
   * `AbortError` (its `cause` the signal's reason) and the function never runs. A task already
   * running is not interrupted by the limiter; pass the same signal into the function for that.
   * @example
   * ```ts
   * await limiter.run(() => fetch(url, { signal: abortSignal }), { abortSignal });
   * ```
   */
  abortSignal?: AbortSignal;
}

/**
 * A semaphore: runs functions with at most `concurrency` of them in flight, first come first
 * served. Made by {@link createLimiter}.
 * @example
 * ```ts
 * const limiter: Limiter = createLimiter(4);
 * console.log(limiter.activeCount, limiter.pendingCount);
 * ```
 */
export interface Limiter {
  /** How many functions may run at once. */
  readonly concurrency: number;
  /** How many functions are running now. */
  readonly activeCount: number;
  /** How many functions wait for a free slot. */
  readonly pendingCount: number;
  /**
   * Runs `fn` now if a slot is free and nobody is waiting, otherwise after the functions queued
   * before it. Resolves or rejects as `fn` does; the slot is freed when `fn` settles.
   */
  run<T>(fn: () => T | PromiseLike<T>, options?: LimiterRunOptions): Promise<Awaited<T>>;
}

/**
 * Creates a FIFO-fair semaphore, p-limit style, e.g. for a per-provider limit on requests in
 * flight. `concurrency` is a positive integer or `Infinity`; anything else is an
 * `InvalidArgumentError`.
 *
 * @param concurrency How many functions may run at once.
 * @example
 * ```ts
 * const limiter = createLimiter(2);
 * const replies = await Promise.all(
 *   prompts.map((prompt) => limiter.run(() => callLLM(prompt, { abortSignal }), { abortSignal })),
 * );
 * ```
 */
export function createLimiter(concurrency: number): Limiter {
  const limit = validateConcurrency(concurrency);
  // A Set iterates in insertion order and deletes in O(1): a FIFO queue that aborted waiters leave.
  const queue = new Set<() => void>();
  let active = 0;

  const startNext = (): void => {
    while (active < limit) {
      const first = queue.values().next();
      if (first.done) return;
      queue.delete(first.value);
      first.value();
    }
  };

  return {
    concurrency: limit,
    get activeCount() {
      return active;
    },
    get pendingCount() {
      return queue.size;
    },
    run<T>(fn: () => T | PromiseLike<T>, { abortSignal: signal }: LimiterRunOptions = {}) {
      return new Promise<Awaited<T>>((resolve, reject) => {
        if (signal?.aborted) {
          reject(new AbortError({ cause: signal.reason }));
          return;
        }
        const finish = (): void => {
          active -= 1;
          startNext();
        };
        const start = (): void => {
          signal?.removeEventListener('abort', onAbort);
          active += 1;
          let result: T | PromiseLike<T>;
          try {
            result = fn();
          } catch (error) {
            result = Promise.reject(error);
          }
          Promise.resolve(result).then(
            (value) => {
              finish();
              resolve(value);
            },
            (error: unknown) => {
              finish();
              reject(error);
            },
          );
        };
        const onAbort = (): void => {
          queue.delete(start);
          reject(new AbortError({ cause: signal?.reason }));
        };
        // Nobody overtakes a waiter, even when a slot is momentarily free.
        if (active < limit && queue.size === 0) {
          start();
        } else {
          queue.add(start);
          signal?.addEventListener('abort', onAbort, { once: true });
        }
      });
    },
  };
}
