import { AbortError } from '@kagura-ts/provider';
import { currentAbortSignal } from '../util/with-abort-signal.js';
import type { ParallelOptions, TaskContext } from './parallel-options.js';
import { TaskPool } from './task-pool.js';

/**
 * The engine of `parallelMap`, without its span: `parallelMap` and `parallelGather` run it
 * inside theirs, and a turn's tool calls run through it directly, so that their
 * `execute_tool` spans sit under the agent's or the caller's span. `concurrency` is validated.
 * Tasks start in the caller's async context, so they see the span active at this call.
 */
export function runParallelMap<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  fn: (item: T, index: number, context: TaskContext) => R | PromiseLike<R>,
  concurrency: number,
  options: ParallelOptions,
): Promise<Awaited<R>[] | PromiseSettledResult<Awaited<R>>[]> {
  const settle = options.settle ?? false;
  return new Promise((resolve, reject) => {
    const results: (Awaited<R> | PromiseSettledResult<Awaited<R>>)[] = [];
    const pool = new TaskPool<T, Awaited<R>>({
      items,
      fn: fn as (item: T, index: number, context: TaskContext) => PromiseLike<Awaited<R>>,
      concurrency,
      signals: [options.abortSignal, currentAbortSignal()],
      onSettled(index, outcome) {
        if (outcome.status === 'rejected' && !settle) {
          pool.stop(
            new AbortError({ message: 'Cancelled: another task failed.', cause: outcome.reason }),
          );
          reject(outcome.reason);
          return;
        }
        results[index] = settle ? outcome : (outcome as PromiseFulfilledResult<Awaited<R>>).value;
        pool.release();
      },
      onEnd: () => resolve(results as Awaited<R>[] | PromiseSettledResult<Awaited<R>>[]),
      onFail: reject,
    });
    pool.start();
  });
}
