import type { ParallelOptions, TaskContext } from './parallel-options.js';
import { runParallelMap } from './run-parallel-map.js';
import { traceParallel } from './trace-parallel.js';
import { validateConcurrency } from './validate-concurrency.js';

/**
 * Runs `fn` over every item, at most `concurrency` at a time, and returns the results in input
 * order. Items may be any iterable or async iterable; they are read lazily, never more than
 * needed to keep `concurrency` tasks running, and reading stops (the iterator's `return()`) on
 * failure or abort.
 *
 * Fails fast by default: the first error rejects the call, unwrapped, the other running tasks
 * are cancelled through the `abortSignal` in their context, and no further item starts. With
 * `settle: true` every outcome is returned instead, like `Promise.allSettled`.
 *
 * Each call is one INTERNAL `parallel_map` span (attributes `kagura.parallel.items` and
 * `kagura.parallel.concurrency`, failed when the call rejects) with every task running inside
 * it, so the model calls and agents of the tasks are its children. Without an OpenTelemetry
 * SDK the span is a no-op.
 *
 * @param items The inputs: an array, any iterable, or an async iterable.
 * @param fn The work for one item; receives the item, its index, and `{ abortSignal }`.
 * @param options `concurrency` (default `Infinity`), `abortSignal` and `settle`.
 * @example
 * ```ts
 * const summaries = await parallelMap(
 *   documents,
 *   (document, index, { abortSignal }) => summarise({ document }, { abortSignal }),
 *   { concurrency: 4 },
 * );
 * ```
 */
export function parallelMap<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  fn: (item: T, index: number, context: TaskContext) => R | PromiseLike<R>,
  options: ParallelOptions & { settle: true },
): Promise<PromiseSettledResult<Awaited<R>>[]>;
export function parallelMap<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  fn: (item: T, index: number, context: TaskContext) => R | PromiseLike<R>,
  options?: ParallelOptions & { settle?: false },
): Promise<Awaited<R>[]>;
export function parallelMap<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  fn: (item: T, index: number, context: TaskContext) => R | PromiseLike<R>,
  options?: ParallelOptions,
): Promise<Awaited<R>[] | PromiseSettledResult<Awaited<R>>[]>;
export async function parallelMap<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  fn: (item: T, index: number, context: TaskContext) => R | PromiseLike<R>,
  options: ParallelOptions = {},
): Promise<Awaited<R>[] | PromiseSettledResult<Awaited<R>>[]> {
  const concurrency = validateConcurrency(
    options.concurrency === undefined ? Number.POSITIVE_INFINITY : options.concurrency,
  );
  return traceParallel('parallel_map', items, concurrency, () =>
    runParallelMap(items, fn, concurrency, options),
  );
}
