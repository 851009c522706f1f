import { AbortError } from '@kagura-ts/provider';
import { type Context, context } from '@opentelemetry/api';
import { currentAbortSignal } from '../util/with-abort-signal.js';
import type { ParallelOptions, TaskContext } from './parallel-options.js';
import { TaskPool } from './task-pool.js';
import { countItems, startParallelSpan } from './trace-parallel.js';
import { validateConcurrency } from './validate-concurrency.js';

/**
 * One result of {@link parallelMapUnordered}: the item's position in the input, and its value.
 * @example
 * ```ts
 * const first: IndexedResult<string> = { index: 3, value: 'the fourth item finished first' };
 * ```
 */
export interface IndexedResult<R> {
  /** The item's position in the input, from 0. */
  index: number;
  /** What `fn` returned for the item. */
  value: R;
}

/**
 * Options of {@link parallelMapUnordered}: `concurrency` (default `Infinity`) and `abortSignal`, as
 * for `parallelMap`. There is no `settle`: the first error ends the iteration.
 * @example
 * ```ts
 * const options: ParallelMapUnorderedOptions = { concurrency: 8, abortSignal: controller.signal };
 * ```
 */
export type ParallelMapUnorderedOptions = Omit<ParallelOptions, 'settle'>;

/**
 * Runs `fn` over every item, at most `concurrency` at a time, and yields each result as soon as
 * it completes, with the item's index. Nothing starts until iteration begins.
 *
 * A result waiting to be read keeps its concurrency slot, so a slow reader holds back new work
 * instead of piling up results. Leaving the loop early (`break`, `return`, a throw) cancels the
 * rest: the running tasks' signals abort, nothing more starts, and the source is closed.
 *
 * Fails fast: after a task's error, the other tasks are cancelled, the results that completed
 * before it are still yielded, then the error is thrown, unwrapped. Aborting `abortSignal` throws an
 * `AbortError` at the next read. An invalid `concurrency` throws at once, from this call.
 *
 * The iteration is one INTERNAL `parallel_map_unordered` span (see `parallelMap`), a child of
 * the span active at this call; it starts with the first read and ends when the iteration
 * does, failed if it throws. Every task runs inside it.
 *
 * @param items The inputs: an array, any iterable, or an async iterable, read lazily.
 * @param fn The work for one item; receives the item, its index, and `{ abortSignal }`.
 * @param options `concurrency` (default `Infinity`) and `abortSignal`.
 * @example
 * ```ts
 * for await (const { index, value } of parallelMapUnordered(urls, download, { concurrency: 8 })) {
 *   console.log(`${urls[index]} done: ${value.length} bytes`);
 * }
 * ```
 */
export function parallelMapUnordered<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  fn: (item: T, index: number, context: TaskContext) => R | PromiseLike<R>,
  options: ParallelMapUnorderedOptions = {},
): AsyncGenerator<IndexedResult<Awaited<R>>, void, undefined> {
  const concurrency = validateConcurrency(
    options.concurrency === undefined ? Number.POSITIVE_INFINITY : options.concurrency,
  );
  return iterate(
    items,
    fn as (item: T, index: number, context: TaskContext) => PromiseLike<Awaited<R>>,
    concurrency,
    // Read now: the iteration may begin in another async context.
    [options.abortSignal, currentAbortSignal()],
    context.active(),
  );
}

async function* iterate<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  fn: (item: T, index: number, context: TaskContext) => PromiseLike<R>,
  concurrency: number,
  signals: readonly (AbortSignal | undefined)[],
  parent: Context,
): AsyncGenerator<IndexedResult<R>, void, undefined> {
  // The span starts with the iteration, as a child of the span active at the call.
  const operation = context.with(parent, () =>
    startParallelSpan('parallel_map_unordered', items, concurrency),
  );
  // Later tasks start from the reader's `next()`, in the reader's context: each one enters the
  // span itself. Nothing to enter when nothing records.
  const task = operation.span.isRecording()
    ? (item: T, index: number, taskContext: TaskContext) =>
        operation.run(() => fn(item, index, taskContext))
    : fn;
  let count = 0;
  const ready: IndexedResult<R>[] = [];
  // An abort or an unreadable source is thrown at once; a task's error after the results that
  // completed before it, which keeps completion order.
  let failure: { error: unknown } | undefined;
  let taskFailure: { error: unknown } | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const pool = new TaskPool<T, R>({
    items,
    fn: task,
    concurrency,
    signals,
    onSettled(index, outcome) {
      if (outcome.status === 'fulfilled') {
        count += 1;
        ready.push({ index, value: outcome.value });
      } else {
        taskFailure = { error: outcome.reason };
        pool.stop(
          new AbortError({ message: 'Cancelled: another task failed.', cause: outcome.reason }),
        );
      }
      notify();
    },
    onEnd() {
      ended = true;
      notify();
    },
    onFail(error) {
      failure = { error };
      notify();
    },
  });
  try {
    pool.start();
    while (true) {
      if (failure !== undefined) throw failure.error;
      const next = ready.shift();
      if (next !== undefined) {
        pool.release();
        yield next;
        continue;
      }
      if (taskFailure !== undefined) throw taskFailure.error;
      if (ended) {
        countItems(operation, items, count);
        return;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } catch (error) {
    operation.end(error);
    throw error;
  } finally {
    // Reached without an end when the reader left early: cancel what is still running.
    pool.stop(new AbortError({ message: 'Cancelled: the reader stopped before the end.' }));
    operation.end();
  }
}
