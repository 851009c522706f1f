import { AbortError, InvalidArgumentError } from '@kagura-ts/provider';
import { withAbortSignal } from '../util/with-abort-signal.js';
import type { TaskContext } from './parallel-options.js';

/** Options for {@link TaskPool}. */
export interface TaskPoolOptions<T, R> {
  /** The inputs, read one at a time and only when a slot is free. */
  items: Iterable<T> | AsyncIterable<T>;
  /** The work for one item. */
  fn: (item: T, index: number, context: TaskContext) => R | PromiseLike<R>;
  /** How many slots there are; already validated. */
  concurrency: number;
  /**
   * The signals that cancel the whole run: the caller's `abortSignal` option, and the ambient signal
   * of `withAbortSignal` when the call was made inside one.
   */
  signals: readonly (AbortSignal | undefined)[];
  /**
   * A task finished while the pool runs. Its slot stays taken until the owner calls `release()`
   * (or `stop()`), which lets a slow reader hold back new work.
   */
  onSettled: (index: number, outcome: PromiseSettledResult<R>) => void;
  /** Every item was read, and every slot released. */
  onEnd: () => void;
  /** The caller's signal aborted (with an `AbortError`), or the items could not be read. */
  onFail: (error: unknown) => void;
}

/**
 * The engine under the parallel helpers: reads items lazily, runs up to `concurrency` of them,
 * and reports each outcome. Each task gets a signal linked to the caller's, aborted by `stop()`,
 * and runs inside it as the ambient signal, so calls it makes are cancelled even when the signal
 * is not passed on by hand (a decorated agent method has no parameter for it).
 */
export class TaskPool<T, R> {
  private readonly controller = new AbortController();
  // The caller's signals as one; undefined when there are none.
  private readonly callerSignal: AbortSignal | undefined;
  private readonly signal: AbortSignal;
  private iterator: Iterator<T> | AsyncIterator<T> | undefined;
  private isAsync = false;
  private state: 'idle' | 'running' | 'ended' | 'stopped' = 'idle';
  // Slots taken: tasks running, results not yet released, and an item being read.
  private taken = 0;
  private nextIndex = 0;
  private pulling = false;
  // A synchronous `next()` is running.
  private reading = false;
  // The source ended, threw, or was closed: it must not be read or closed again.
  private sourceDone = false;

  constructor(private readonly options: TaskPoolOptions<T, R>) {
    const signals = options.signals.filter((signal) => signal !== undefined);
    this.callerSignal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    this.signal =
      this.callerSignal === undefined
        ? this.controller.signal
        : AbortSignal.any([this.callerSignal, this.controller.signal]);
  }

  /** Starts reading items and running tasks; fails at once if the caller's signal has aborted. */
  start(): void {
    if (this.state !== 'idle') return;
    const { items } = this.options;
    const signal = this.callerSignal;
    if (signal?.aborted) {
      this.state = 'stopped';
      this.options.onFail(new AbortError({ cause: signal.reason }));
      return;
    }
    this.state = 'running';
    signal?.addEventListener('abort', this.onAbort, { once: true });
    try {
      this.iterator = openIterator(items);
      this.isAsync = isAsyncIterable(items);
    } catch (error) {
      this.sourceDone = true;
      this.fail(error);
      return;
    }
    this.fill();
  }

  /** Frees the slot of a settled task, so the next item can start. */
  release(): void {
    if (this.state !== 'running') return;
    this.taken -= 1;
    this.fill();
  }

  /**
   * Starts nothing more, closes the source (its `return()`), and aborts the signal of the tasks
   * still running with `reason`. Outcomes that arrive later are observed and dropped.
   */
  stop(reason: unknown): void {
    if (this.state !== 'running' && this.state !== 'idle') return;
    this.state = 'stopped';
    this.callerSignal?.removeEventListener('abort', this.onAbort);
    // A read in flight closes the source when it lands: an async iterator may not expect
    // `return()` while its `next()` is pending, and a generator cannot be closed from inside
    // its own `next()` (one that aborts the caller's signal as it yields).
    if (!this.pulling && !this.reading) this.closeSource();
    this.controller.abort(reason);
  }

  private readonly onAbort = (): void => {
    const reason = this.callerSignal?.reason;
    this.stop(reason);
    this.options.onFail(new AbortError({ cause: reason }));
  };

  private fail(error: unknown): void {
    this.stop(new AbortError({ message: 'Cancelled: the items could not be read.', cause: error }));
    this.options.onFail(error);
  }

  private fill(): void {
    while (
      this.state === 'running' &&
      !this.sourceDone &&
      !this.pulling &&
      this.taken < this.options.concurrency
    ) {
      // The slot is taken before reading, so no more items are read than can run.
      this.taken += 1;
      let step: IteratorResult<T> | Promise<IteratorResult<T>>;
      this.reading = true;
      try {
        step = this.iterator!.next();
      } catch (error) {
        this.sourceDone = true;
        this.fail(error);
        return;
      } finally {
        this.reading = false;
      }
      if (this.isAsync) {
        this.pulling = true;
        Promise.resolve(step).then(
          (result) => this.onPulled(result),
          (error: unknown) => this.onPullFailed(error),
        );
        return;
      }
      if (this.state !== 'running') {
        // The read stopped the pool: its item is not run, and the source is closed now.
        if ((step as IteratorResult<T>).done === true) this.sourceDone = true;
        else this.closeSource();
        return;
      }
      this.take(step as IteratorResult<T>);
    }
    this.checkEnd();
  }

  private onPulled(result: IteratorResult<T>): void {
    this.pulling = false;
    if (this.state !== 'running') {
      if (result.done) this.sourceDone = true;
      else this.closeSource();
      return;
    }
    this.take(result);
    this.fill();
  }

  private onPullFailed(error: unknown): void {
    this.pulling = false;
    this.sourceDone = true;
    if (this.state === 'running') this.fail(error);
  }

  private take(result: IteratorResult<T>): void {
    if (result.done) {
      this.sourceDone = true;
      this.taken -= 1;
      return;
    }
    const index = this.nextIndex++;
    let value: R | PromiseLike<R>;
    try {
      const { fn } = this.options;
      const item = result.value;
      value = withAbortSignal(this.signal, () => fn(item, index, { abortSignal: this.signal }));
    } catch (error) {
      value = Promise.reject(error);
    }
    // Every task gets both handlers at once, so a late failure is never an unhandled rejection.
    Promise.resolve(value).then(
      (fulfilled) => this.settle(index, { status: 'fulfilled', value: fulfilled }),
      (reason: unknown) => this.settle(index, { status: 'rejected', reason }),
    );
  }

  private settle(index: number, outcome: PromiseSettledResult<R>): void {
    if (this.state !== 'running') return;
    this.options.onSettled(index, outcome);
  }

  private checkEnd(): void {
    if (this.state !== 'running' || !this.sourceDone || this.taken > 0) return;
    this.state = 'ended';
    this.callerSignal?.removeEventListener('abort', this.onAbort);
    this.options.onEnd();
  }

  private closeSource(): void {
    if (this.sourceDone || this.iterator === undefined) return;
    this.sourceDone = true;
    // Closing is cleanup after the call already has its outcome: a source that fails to close
    // must not change that outcome, nor surface as an unhandled rejection.
    try {
      Promise.resolve(this.iterator.return?.()).then(undefined, ignore);
    } catch {
      // A synchronous `return()` that throws is ignored for the same reason.
    }
  }
}

function isAsyncIterable<T>(items: Iterable<T> | AsyncIterable<T>): items is AsyncIterable<T> {
  return typeof (items as Partial<AsyncIterable<T>>)[Symbol.asyncIterator] === 'function';
}

function openIterator<T>(items: Iterable<T> | AsyncIterable<T>): Iterator<T> | AsyncIterator<T> {
  if (items !== null && items !== undefined) {
    if (isAsyncIterable(items)) return items[Symbol.asyncIterator]();
    if (typeof (items as Partial<Iterable<T>>)[Symbol.iterator] === 'function') {
      return items[Symbol.iterator]();
    }
  }
  throw new InvalidArgumentError({
    argument: 'items',
    value: items,
    message: `expected an array, an iterable or an async iterable, got ${String(items)}.`,
  });
}

function ignore(): void {}
