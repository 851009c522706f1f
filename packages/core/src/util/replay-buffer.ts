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
  async *read(onEarlyReturn?: () => void): AsyncGenerator<T, void, undefined> {
    let index = 0;
    let finished = false;
    try {
      while (true) {
        while (index < this.items.length) {
          yield this.items[index++] as T;
        }
        if (this.state === 'closed') break;
        if (this.state === 'failed') throw this.failure;
        await this.next();
      }
      finished = true;
    } finally {
      if (!finished && !this.done) onEarlyReturn?.();
    }
  }

  private next(): Promise<void> {
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
