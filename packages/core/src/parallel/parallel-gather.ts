import { InvalidArgumentError } from '@kagura-ts/provider';
import type { ParallelOptions, TaskContext } from './parallel-options.js';
import { runParallelMap } from './run-parallel-map.js';
import { traceParallel } from './trace-parallel.js';
import { validateConcurrency } from './validate-concurrency.js';

/**
 * A task for {@link parallelGather}: a promise already running, or a function that starts the
 * work when called and receives `{ abortSignal }` so it can be cancelled.
 * @example
 * ```ts
 * const task: Task<string> = ({ abortSignal }) => callLLM('Hi', { abortSignal }).then((r) => r.text);
 * ```
 */
export type Task<T = unknown> = PromiseLike<T> | ((context: TaskContext) => T | PromiseLike<T>);

/**
 * What a {@link Task} resolves to.
 * @example
 * ```ts
 * type Count = TaskResult<() => Promise<number>>; // number
 * ```
 */
export type TaskResult<TASK> = TASK extends (context: TaskContext) => infer R
  ? Awaited<R>
  : Awaited<TASK>;

/**
 * The results of a tuple of tasks, as a tuple.
 * @example
 * ```ts
 * type Both = TaskResults<[() => Promise<number>, Promise<string>]>; // [number, string]
 * ```
 */
export type TaskResults<TASKS extends readonly unknown[]> = {
  -readonly [K in keyof TASKS]: TaskResult<TASKS[K]>;
};

/**
 * The outcomes of a tuple of tasks with `settle: true`, as a tuple.
 * @example
 * ```ts
 * type Both = SettledTaskResults<[Promise<number>]>; // [PromiseSettledResult<number>]
 * ```
 */
export type SettledTaskResults<TASKS extends readonly unknown[]> = {
  -readonly [K in keyof TASKS]: PromiseSettledResult<TaskResult<TASKS[K]>>;
};

/**
 * Runs tasks concurrently and returns their results in argument order, typed as a tuple.
 * Tasks are promises or functions; a function receives `{ abortSignal }`, which aborts when its result
 * is no longer wanted. Two forms:
 *
 * - `parallelGather(taskA, taskB, ...)`: every task at once, fail-fast.
 * - `parallelGather([taskA, taskB, ...], { concurrency, abortSignal, settle })`: an array and options,
 *   as for {@link parallelMap}. `concurrency` (default `Infinity`) limits how many function
 *   tasks run at once; a promise is already running, it holds a slot until it settles.
 *
 * Fails fast by default: the first error rejects, unwrapped, and the signals of the function
 * tasks still running abort. A promise cannot be cancelled, but its late failure is observed, never
 * an unhandled rejection. With `settle: true` every outcome is returned, like `Promise.allSettled`.
 *
 * Each call is one INTERNAL `parallel_gather` span (see `parallelMap`); the function tasks run
 * inside it, so their calls are its children.
 *
 * @example
 * ```ts
 * const [profile, orders] = await parallelGather(
 *   ({ abortSignal }) => fetchProfile(userId, abortSignal),
 *   ({ abortSignal }) => fetchOrders(userId, abortSignal),
 * );
 * const [summary, tags] = await parallelGather([summarise(text), tag(text)], { settle: true });
 * ```
 */
export function parallelGather<const TASKS extends readonly Task[]>(
  tasks: TASKS,
  options: ParallelOptions & { settle: true },
): Promise<SettledTaskResults<TASKS>>;
export function parallelGather<const TASKS extends readonly Task[]>(
  tasks: TASKS,
  options?: ParallelOptions & { settle?: false },
): Promise<TaskResults<TASKS>>;
export function parallelGather<const TASKS extends readonly Task[]>(
  tasks: TASKS,
  options: ParallelOptions,
): Promise<TaskResults<TASKS> | SettledTaskResults<TASKS>>;
export function parallelGather<TASKS extends Task[]>(...tasks: TASKS): Promise<TaskResults<TASKS>>;
export function parallelGather(...args: unknown[]): Promise<unknown> {
  // An array is never a task, so an array first means the options form.
  const arrayForm = Array.isArray(args[0]);
  const tasks: unknown[] = arrayForm ? (args[0] as unknown[]) : args;
  const options = arrayForm ? (args[1] ?? {}) : {};
  for (const task of tasks) {
    // A promise is already running and may reject before it gets a slot, or after a failure
    // ended the call: mark it handled now. Thenables are left alone, as `then` may start work.
    if (task instanceof Promise) task.then(undefined, ignore);
  }
  if (arrayForm && (typeof options !== 'object' || isThenable(options) || args.length > 2)) {
    return Promise.reject(
      new InvalidArgumentError({
        argument: 'options',
        value: options,
        message:
          'parallelGather takes either tasks as arguments, or an array of tasks and an options ' +
          'object; put every task in the array.',
      }),
    );
  }
  return gather(tasks, options as ParallelOptions);
}

// One `parallel_gather` span around the run; a promise task is already running, so only the
// function tasks start inside it.
async function gather(tasks: unknown[], options: ParallelOptions): Promise<unknown> {
  const concurrency = validateConcurrency(
    options.concurrency === undefined ? Number.POSITIVE_INFINITY : options.concurrency,
  );
  return traceParallel('parallel_gather', tasks, concurrency, () =>
    runParallelMap(tasks, runTask, concurrency, options),
  );
}

function runTask(task: unknown, _index: number, context: TaskContext): unknown {
  return typeof task === 'function' ? task(context) : task;
}

function isThenable(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function ignore(): void {}
