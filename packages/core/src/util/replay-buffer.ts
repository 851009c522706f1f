/**
 * An append-only buffer that any number of readers iterate from the start: a late reader gets
 * everything so far, then the live items. The writer closes or fails it once.
 */
export class ReplayBuffer<T> {
  private readonly items: T[] = [];
  private state: 'open' | 'closed' | 'failed' = 'open';
  private failure: unknown;
  private wake: (() => void) | undefined;
  private pending: Promise<void> | undefined;

  /** Whether the writer has closed or failed the buffer. */
  get done(): boolean {
    return this.state !== 'open';
  }

  /**
   * Pushes the next item of a synchronous source, if it has one; `true` if it did. A reader that
   * has read everything calls it before it waits, so that it gets the next item at once rather
   * than after the writer's next turn. Set by a writer whose items are all there already (a
   * replay), and cleared when the source is drained.
   */
  supply: (() => boolean) | undefined;

  /** Sets {@link supply}, and wakes waiting readers so that they take from it. */
  offer(supply: () => boolean): void {
    this.supply = supply;
    this.notify();
  }

  /** Appends an item and wakes waiting readers. */
  push(item: T): void {
    if (this.state !== 'open') return;
    this.items.push(item);
    this.notify();
  }

  /** Ends the buffer successfully. */
  close(): void {
    if (this.state !== 'open') return;
    this.state = 'closed';
    this.notify();
  }

  /** Ends the buffer with an error; readers throw it once they reach the end. */
  fail(error: unknown): void {
    if (this.state !== 'open') return;
    this.state = 'failed';
    this.failure = error;
    this.notify();
  }

  /**
   * A reader from the first item. `onEarlyReturn` runs when the reader is abandoned before the
   * buffer ended (a `break` out of `for await`).
   */
  read(onEarlyReturn?: () => void): AsyncIterableIterator<T> {
    return new ReplayReader<T, T>(this, (item) => item, onEarlyReturn);
  }

  /**
   * A reader from the first item of what `select` makes of each item, skipping those it makes
   * `undefined` of (e.g. the text of text events only). `onEarlyReturn` as for {@link read}.
   */
  readSelected<U>(
    select: (item: T) => U | undefined,
    onEarlyReturn?: () => void,
  ): AsyncIterableIterator<U> {
    return new ReplayReader(this, select, onEarlyReturn);
  }

  /** The item at `index`, for readers. */
  itemAt(index: number): T {
    return this.items[index] as T;
  }

  /** How many items there are, for readers. */
  get length(): number {
    return this.items.length;
  }

  /** How the buffer ended, for readers: `'open'` until it did. */
  get ending(): { state: 'open' | 'closed' | 'failed'; failure: unknown } {
    return { state: this.state, failure: this.failure };
  }

  /** Resolves when the writer next pushes, closes or fails. For readers. */
  changed(): Promise<void> {
    if (this.pending === undefined) {
      this.pending = new Promise((resolve) => {
        this.wake = resolve;
      });
    }
    return this.pending;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    this.pending = undefined;
    wake?.();
  }
}

/**
 * A reader of a {@link ReplayBuffer}, written as an iterator rather than an async generator: an
 * item already in the buffer is handed over in an already resolved promise, without resuming a
 * generator (a stream's deltas pass through a reader each).
 */
class ReplayReader<T, U> implements AsyncIterableIterator<U> {
  private index = 0;
  private finished = false;

  constructor(
    private readonly buffer: ReplayBuffer<T>,
    private readonly select: (item: T) => U | undefined,
    private readonly onEarlyReturn: (() => void) | undefined,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<U, undefined>> {
    const { buffer } = this;
    while (!this.finished && (this.index < buffer.length || buffer.supply?.() === true)) {
      const value = this.select(buffer.itemAt(this.index++));
      if (value !== undefined) return Promise.resolve({ done: false, value });
    }
    if (this.finished) return Promise.resolve({ done: true, value: undefined });
    const { state, failure } = buffer.ending;
    if (state === 'open') return buffer.changed().then(() => this.next());
    this.finished = true;
    if (state === 'failed') return Promise.reject(failure);
    return Promise.resolve({ done: true, value: undefined });
  }

  return(): Promise<IteratorResult<U, undefined>> {
    if (!this.finished && !this.buffer.done) this.onEarlyReturn?.();
    this.finished = true;
    return Promise.resolve({ done: true, value: undefined });
  }
}
