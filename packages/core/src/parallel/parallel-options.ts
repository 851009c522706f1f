/**
 * What a task receives besides its input, so that it can be cancelled.
 * @example
 * ```ts
 * await parallelMap(urls, (url, index, { abortSignal }) => fetch(url, { signal: abortSignal }));
 * ```
 */
export interface TaskContext {
  /**
   * Aborts when the task's result is no longer wanted: another task failed (fail-fast), the
   * caller's `abortSignal` aborted, or the reader stopped iterating. The task also runs inside it as
   * the ambient signal (`withAbortSignal`), so Kagura calls and agents it makes are cancelled
   * with it; pass it on by hand to `fetch` or anything else that can stop early.
   */
  abortSignal: AbortSignal;
}

/**
 * Options of {@link parallelMap} and {@link parallelGather}.
 * @example
 * ```ts
 * const options: ParallelOptions = { concurrency: 4, abortSignal: controller.signal, settle: true };
 * ```
 */
export interface ParallelOptions {
  /**
   * How many tasks may run at once: a positive integer, or `Infinity` for no limit. Anything else
   * (0, a negative number, `NaN`, a fraction, a non-number) is an `InvalidArgumentError`, raised
   * before any task runs.
   * @default Infinity
   * @example
   * ```ts
   * await parallelMap(documents, summarise, { concurrency: 4 });
   * ```
   */
  concurrency?: number;
  /**
   * Cancels the whole call: the call rejects at once with an `AbortError` whose `cause` is the
   * signal's reason, the signal given to each running task aborts, and nothing more starts. An
   * already-aborted signal rejects before any task starts. A call made inside `withAbortSignal`
   * is cancelled by that ambient signal the same way.
   * @example
   * ```ts
   * await parallelMap(urls, download, { abortSignal: AbortSignal.timeout(30_000) });
   * ```
   */
  abortSignal?: AbortSignal;
  /**
   * `false` fails fast: the first task error rejects the call with that error, unwrapped, and the
   * other tasks are cancelled through their signal. `true` waits for every task and returns each
   * outcome, in order, as `{ status: 'fulfilled', value }` or `{ status: 'rejected', reason }`
   * (like `Promise.allSettled`); the call then never rejects for a task's error.
   * @default false
   * @example
   * ```ts
   * const outcomes = await parallelMap(urls, download, { settle: true });
   * const failed = outcomes.filter((outcome) => outcome.status === 'rejected');
   * ```
   */
  settle?: boolean;
}
