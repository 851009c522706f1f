import { AbortError, InvalidArgumentError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { currentAbortSignal, withAbortSignal } from '../util/with-abort-signal.js';
import type { TaskContext } from './parallel-options.js';
import { TaskPool, type TaskPoolOptions } from './task-pool.js';
import { deferred, flush } from './test-helpers.js';

// The one place the tests read the task's signal from its context.
const taskSignal = (context: TaskContext): AbortSignal => context.abortSignal;

interface Task<T> {
  item: T;
  index: number;
  signal: AbortSignal;
  resolve: (value: string) => void;
  reject: (reason: unknown) => void;
}

// A pool whose tasks each wait for the test to settle them, and that records what it reports.
// With `autoRelease`, each settled task's slot is released at once, as `parallelMap` does.
function poolOf<T>(
  items: Iterable<T> | AsyncIterable<T>,
  options: {
    concurrency?: number;
    signals?: TaskPoolOptions<T, string>['signals'];
    autoRelease?: boolean;
  } = {},
) {
  const tasks: Array<Task<T>> = [];
  const settled: Array<[number, PromiseSettledResult<string>]> = [];
  const failures: unknown[] = [];
  const state = { ended: 0, running: 0, peak: 0 };
  const pool: TaskPool<T, string> = new TaskPool<T, string>({
    items,
    concurrency: options.concurrency ?? 2,
    signals: options.signals ?? [],
    fn: (item, index, context) => {
      const task = deferred<string>();
      tasks.push({ item, index, signal: taskSignal(context), ...task });
      state.running += 1;
      state.peak = Math.max(state.peak, state.running);
      return task.promise.finally(() => {
        state.running -= 1;
      });
    },
    onSettled: (index, outcome) => {
      settled.push([index, outcome]);
      if (options.autoRelease) pool.release();
    },
    onEnd: () => {
      state.ended += 1;
    },
    onFail: (error) => failures.push(error),
  });
  return { pool, tasks, settled, failures, state };
}

// A synchronous source that counts its reads and its closes, and can be told to throw.
function countingIterator(length = Number.POSITIVE_INFINITY) {
  const source = { pulls: 0, returns: 0, throwOnPull: undefined as unknown };
  const iterator: IterableIterator<number> = {
    next: () => {
      if (source.throwOnPull !== undefined) throw source.throwOnPull;
      if (source.pulls >= length) return { done: true, value: undefined };
      source.pulls += 1;
      return { done: false, value: source.pulls - 1 };
    },
    return: () => {
      source.returns += 1;
      return { done: true, value: undefined };
    },
    [Symbol.iterator]: () => iterator,
  };
  return { source, items: iterator };
}

// An asynchronous source whose every read waits for the test to answer it.
function pendingAsyncIterator() {
  const reads: Array<ReturnType<typeof deferred<IteratorResult<number>>>> = [];
  const source = { returns: 0 };
  const iterator: AsyncIterableIterator<number> = {
    next: () => {
      const read = deferred<IteratorResult<number>>();
      reads.push(read);
      return read.promise;
    },
    return: async () => {
      source.returns += 1;
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return { source, reads, items: iterator };
}

describe('TaskPool', () => {
  describe('start', () => {
    it('should run at most concurrency tasks at once, and reach that many', async () => {
      const { pool, tasks, settled, state } = poolOf(countingIterator(10).items, {
        concurrency: 3,
        autoRelease: true,
      });
      pool.start();
      // Settle the newest task first, so that slots free up out of order.
      while (settled.length < 10) {
        expect(state.running).toBeLessThanOrEqual(3);
        const open = tasks.filter((task) => !settled.some(([index]) => index === task.index));
        open.at(-1)!.resolve(`done ${open.at(-1)!.index}`);
        await flush();
      }
      expect(state.peak).toBe(3);
      expect(tasks.map((task) => task.item)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(state.ended).toBe(1);
    });

    it('should read a synchronous source only as far as there are free slots', async () => {
      const { source, items } = countingIterator();
      const { pool, tasks } = poolOf(items, { concurrency: 2, autoRelease: true });
      pool.start();
      expect(source.pulls).toBe(2);
      await flush();
      expect(source.pulls).toBe(2);
      tasks[0]!.resolve('a');
      await flush();
      expect(source.pulls).toBe(3);
      pool.stop(new Error('enough'));
    });

    it('should read an asynchronous source one item at a time, only as far as there are free slots', async () => {
      const { reads, items } = pendingAsyncIterator();
      const { pool, tasks } = poolOf(items, { concurrency: 2, autoRelease: true });
      pool.start();
      // No second read while the first is pending.
      expect(reads).toHaveLength(1);
      reads[0]!.resolve({ done: false, value: 10 });
      await flush();
      expect(reads).toHaveLength(2);
      reads[1]!.resolve({ done: false, value: 11 });
      await flush();
      expect(tasks.map((task) => task.item)).toEqual([10, 11]);
      // Both slots are taken: nothing more is read until one frees.
      expect(reads).toHaveLength(2);
      tasks[1]!.resolve('b');
      await flush();
      expect(reads).toHaveLength(3);
      pool.stop(new Error('enough'));
    });

    it("should fail at once with an AbortError, reading nothing, when the caller's signal has already aborted", () => {
      const { source, items } = countingIterator();
      const reason = new Error('too late');
      const { pool, tasks, failures, state } = poolOf(items, {
        signals: [undefined, AbortSignal.abort(reason)],
      });
      pool.start();
      expect(failures).toHaveLength(1);
      expect(AbortError.isInstance(failures[0])).toBe(true);
      expect((failures[0] as AbortError).cause).toBe(reason);
      expect(source.pulls).toBe(0);
      expect(tasks).toEqual([]);
      expect(state.ended).toBe(0);
    });

    it('should fail with an InvalidArgumentError when the items are not iterable', () => {
      const { pool, failures } = poolOf(42 as unknown as number[]);
      pool.start();
      expect(failures).toHaveLength(1);
      expect(InvalidArgumentError.isInstance(failures[0])).toBe(true);
    });

    it('should report a task that throws synchronously as a rejected outcome, and go on', async () => {
      const error = new Error('bad item');
      const settled: Array<[number, PromiseSettledResult<string>]> = [];
      let ended = 0;
      const pool: TaskPool<string, string> = new TaskPool<string, string>({
        items: ['bad', 'good'],
        concurrency: 1,
        signals: [],
        fn: (item) => {
          if (item === 'bad') throw error;
          return item;
        },
        onSettled: (index, outcome) => {
          settled.push([index, outcome]);
          pool.release();
        },
        onEnd: () => {
          ended += 1;
        },
        onFail: (failure) => {
          throw failure;
        },
      });
      expect(() => pool.start()).not.toThrow();
      await flush();
      expect(settled).toEqual([
        [0, { status: 'rejected', reason: error }],
        [1, { status: 'fulfilled', value: 'good' }],
      ]);
      expect(ended).toBe(1);
    });
  });

  describe('release', () => {
    it("should hold back new work until the owner releases a settled task's slot", async () => {
      const { source, items } = countingIterator(3);
      const { pool, tasks, settled } = poolOf(items, { concurrency: 1 });
      pool.start();
      tasks[0]!.resolve('a');
      await flush();
      // Reported, but its slot is still taken.
      expect(settled).toEqual([[0, { status: 'fulfilled', value: 'a' }]]);
      expect(source.pulls).toBe(1);
      expect(tasks).toHaveLength(1);
      pool.release();
      expect(source.pulls).toBe(2);
      expect(tasks.map((task) => task.item)).toEqual([0, 1]);
    });
  });

  describe('stop', () => {
    it('should run nothing more and close a generator that aborts the caller from its own next()', async () => {
      const controller = new AbortController();
      let closed = false;
      function* items() {
        try {
          yield 0;
          controller.abort('stop from inside');
          yield 1;
          yield 2;
        } finally {
          closed = true;
        }
      }
      const { tasks, failures, pool } = poolOf(items(), {
        concurrency: 1,
        signals: [controller.signal],
        autoRelease: true,
      });
      pool.start();
      tasks[0]!.resolve('done');
      await flush();
      expect(tasks.map((task) => task.item)).toEqual([0]);
      expect(failures).toHaveLength(1);
      expect(AbortError.isInstance(failures[0])).toBe(true);
      expect(closed).toBe(true);
    });

    it("should close the source once, abort the running tasks' signals with the reason, and drop later outcomes", async () => {
      const { source, items } = countingIterator();
      const { pool, tasks, settled, failures, state } = poolOf(items, {
        concurrency: 2,
        autoRelease: true,
      });
      pool.start();
      tasks[0]!.resolve('a');
      await flush();
      expect(settled).toHaveLength(1);
      const reason = new Error('the reader left');
      pool.stop(reason);
      expect(source.returns).toBe(1);
      const running = tasks.slice(1);
      expect(running).toHaveLength(2);
      for (const task of running) {
        expect(task.signal.aborted).toBe(true);
        expect(task.signal.reason).toBe(reason);
      }
      for (const task of running) task.resolve('late');
      await flush();
      expect(settled).toHaveLength(1);
      pool.stop(new Error('again'));
      pool.release();
      expect(source.returns).toBe(1);
      expect(source.pulls).toBe(3);
      expect(failures).toEqual([]);
      expect(state.ended).toBe(0);
    });

    it('should close an asynchronous source only once its pending read lands, and run nothing for it', async () => {
      const { source, reads, items } = pendingAsyncIterator();
      const { pool, tasks } = poolOf(items, { concurrency: 2 });
      pool.start();
      reads[0]!.resolve({ done: false, value: 1 });
      await flush();
      expect(reads).toHaveLength(2);
      pool.stop(new Error('stop'));
      // An async iterator may not expect return() while its next() is pending.
      expect(source.returns).toBe(0);
      reads[1]!.resolve({ done: false, value: 2 });
      await flush();
      expect(source.returns).toBe(1);
      expect(tasks.map((task) => task.item)).toEqual([1]);
      expect(reads).toHaveLength(2);
    });

    it('should not close a source that has ended', async () => {
      const { source, items } = countingIterator(1);
      const { pool, tasks } = poolOf(items, { concurrency: 2 });
      pool.start();
      expect(tasks).toHaveLength(1);
      pool.stop(new Error('stop'));
      expect(source.returns).toBe(0);
    });
  });

  describe("the caller's signal", () => {
    it('should fail with an AbortError and abort the running tasks when it aborts', async () => {
      const { source, items } = countingIterator();
      const controller = new AbortController();
      const { pool, tasks, settled, failures, state } = poolOf(items, {
        concurrency: 2,
        signals: [controller.signal],
      });
      pool.start();
      expect(tasks).toHaveLength(2);
      const reason = new Error('cancelled by the user');
      controller.abort(reason);
      expect(failures).toHaveLength(1);
      expect(AbortError.isInstance(failures[0])).toBe(true);
      expect((failures[0] as AbortError).cause).toBe(reason);
      for (const task of tasks) {
        expect(task.signal.aborted).toBe(true);
        expect(task.signal.reason).toBe(reason);
      }
      expect(source.returns).toBe(1);
      for (const task of tasks) task.reject(task.signal.reason);
      await flush();
      expect(settled).toEqual([]);
      expect(state.ended).toBe(0);
    });

    it('should be cancelled by any one of several signals', () => {
      const first = new AbortController();
      const second = new AbortController();
      const { pool, tasks, failures } = poolOf(countingIterator().items, {
        signals: [first.signal, undefined, second.signal],
      });
      pool.start();
      second.abort('second');
      expect(failures).toHaveLength(1);
      expect(tasks[0]!.signal.reason).toBe('second');
    });

    it('should stop listening to the signal once the pool ended', async () => {
      const controller = new AbortController();
      const { pool, tasks, failures, state } = poolOf(['only'], {
        signals: [controller.signal],
        autoRelease: true,
      });
      pool.start();
      tasks[0]!.resolve('done');
      await flush();
      expect(state.ended).toBe(1);
      controller.abort();
      expect(failures).toEqual([]);
    });
  });

  describe('a source that throws', () => {
    it('should fail with the error of a synchronous next(), and abort the running tasks', async () => {
      const { source, items } = countingIterator();
      const { pool, tasks, settled, failures } = poolOf(items, {
        concurrency: 2,
        autoRelease: true,
      });
      pool.start();
      const error = new Error('disk gone');
      source.throwOnPull = error;
      tasks[0]!.resolve('a');
      await flush();
      expect(failures).toEqual([error]);
      const running = tasks[1]!;
      expect(running.signal.aborted).toBe(true);
      expect(AbortError.isInstance(running.signal.reason)).toBe(true);
      expect((running.signal.reason as AbortError).cause).toBe(error);
      // A source that threw is not closed.
      expect(source.returns).toBe(0);
      running.resolve('late');
      await flush();
      expect(settled).toHaveLength(1);
    });

    it('should fail with the error of an asynchronous next(), and abort the running tasks', async () => {
      const { source, reads, items } = pendingAsyncIterator();
      const { pool, tasks, failures } = poolOf(items, { concurrency: 2 });
      pool.start();
      reads[0]!.resolve({ done: false, value: 1 });
      await flush();
      const error = new Error('socket closed');
      reads[1]!.reject(error);
      await flush();
      expect(failures).toEqual([error]);
      expect(tasks[0]!.signal.aborted).toBe(true);
      expect((tasks[0]!.signal.reason as AbortError).cause).toBe(error);
      expect(source.returns).toBe(0);
    });

    it('should fail with the error a generator throws, and close nothing', async () => {
      const error = new Error('no more input');
      let closed = false;
      function* items(): Generator<number> {
        try {
          yield 0;
          throw error;
        } finally {
          closed = true;
        }
      }
      const { pool, tasks, failures } = poolOf(items(), { concurrency: 1, autoRelease: true });
      pool.start();
      expect(tasks.map((task) => task.item)).toEqual([0]);
      tasks[0]!.resolve('a');
      await flush();
      expect(failures).toEqual([error]);
      // The generator ran its own cleanup when it threw.
      expect(closed).toBe(true);
    });
  });

  describe('the ambient signal', () => {
    it("should be the task's signal inside the task, across awaits, for tasks started later too", async () => {
      const seen: Array<[number, boolean, boolean]> = [];
      const pool: TaskPool<number, void> = new TaskPool<number, void>({
        items: [0, 1],
        concurrency: 1,
        signals: [],
        fn: async (item, _index, context) => {
          const before = currentAbortSignal() === taskSignal(context);
          await flush();
          seen.push([item, before, currentAbortSignal() === taskSignal(context)]);
        },
        onSettled: () => pool.release(),
        onEnd: () => {},
        onFail: () => {},
      });
      pool.start();
      await flush();
      await flush();
      expect(seen).toEqual([
        [0, true, true],
        [1, true, true],
      ]);
    });

    it('should abort for code inside the task when the pool stops, and when an outer ambient signal aborts', async () => {
      const outer = new AbortController();
      const ambient: AbortSignal[] = [];
      const makePool = () =>
        new TaskPool<number, void>({
          items: [0],
          concurrency: 1,
          signals: [],
          fn: () => {
            ambient.push(currentAbortSignal()!);
            return new Promise<void>(() => {});
          },
          onSettled: () => {},
          onEnd: () => {},
          onFail: () => {},
        });
      const stopped = makePool();
      stopped.start();
      withAbortSignal(outer.signal, () => makePool().start());
      expect(ambient).toHaveLength(2);
      expect(ambient.map((signal) => signal.aborted)).toEqual([false, false]);
      const reason = new Error('stopped');
      stopped.stop(reason);
      expect(ambient[0]!.reason).toBe(reason);
      expect(ambient[1]!.aborted).toBe(false);
      outer.abort('outer');
      expect(ambient[1]!.reason).toBe('outer');
    });
  });

  describe('onEnd', () => {
    it('should be called once, after every item settled and was released', async () => {
      const { pool, tasks, state } = poolOf(countingIterator(3).items, { concurrency: 2 });
      pool.start();
      tasks[0]!.resolve('a');
      await flush();
      pool.release();
      tasks[1]!.resolve('b');
      tasks[2]!.resolve('c');
      await flush();
      pool.release();
      // Everything settled, but one slot is still held by its reader.
      expect(state.ended).toBe(0);
      pool.release();
      expect(state.ended).toBe(1);
      pool.release();
      expect(state.ended).toBe(1);
    });

    it('should be called at once for an empty source, and after its read for an empty async one', async () => {
      const sync = poolOf([]);
      sync.pool.start();
      expect(sync.state.ended).toBe(1);
      const { reads, items } = pendingAsyncIterator();
      const async = poolOf(items);
      async.pool.start();
      expect(async.state.ended).toBe(0);
      reads[0]!.resolve({ done: true, value: undefined });
      await flush();
      expect(async.state.ended).toBe(1);
    });
  });
});
