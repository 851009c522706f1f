let lastTicket = 0;

/**
 * A place in line: a call takes one when it first asks to be sent and keeps it for its retries,
 * so a retry is served before the calls that arrived after the call first asked.
 */
export function takeTicket(): number {
  lastTicket += 1;
  return lastTicket;
}

/** One waiter's place in a {@link WaitQueue}; `value` is what the queue hands back. */
export interface WaitQueueEntry<T> {
  readonly ticket: number;
  readonly value: T;
}

interface HeapEntry<T> extends WaitQueueEntry<T> {
  order: number;
  queued: boolean;
}

/**
 * Waiters ordered by ticket (lowest first), ties in arrival order. A binary heap; a waiter that
 * leaves early (an abort) is only marked and dropped when it reaches the top.
 */
export class WaitQueue<T> {
  private readonly heap: Array<HeapEntry<T>> = [];
  private arrivals = 0;
  private live = 0;

  /** How many waiters are queued. */
  get size(): number {
    return this.live;
  }

  /** Queues `value` at `ticket`'s place. */
  push(ticket: number, value: T): WaitQueueEntry<T> {
    this.arrivals += 1;
    const entry: HeapEntry<T> = { ticket, value, order: this.arrivals, queued: true };
    this.heap.push(entry);
    this.live += 1;
    this.up(this.heap.length - 1);
    return entry;
  }

  /** The first waiter, left in the queue. */
  peek(): WaitQueueEntry<T> | undefined {
    this.dropLeft();
    return this.heap[0];
  }

  /** Takes the first waiter out of the queue. */
  shift(): WaitQueueEntry<T> | undefined {
    this.dropLeft();
    const first = this.heap[0];
    if (first === undefined) return undefined;
    this.removeTop();
    first.queued = false;
    this.live -= 1;
    return first;
  }

  /** Takes `entry` out of the queue, wherever it is; a no-op once it left. */
  delete(entry: WaitQueueEntry<T>): void {
    const heapEntry = entry as HeapEntry<T>;
    if (!heapEntry.queued) return;
    heapEntry.queued = false;
    this.live -= 1;
  }

  private dropLeft(): void {
    while (this.heap[0] !== undefined && !this.heap[0].queued) this.removeTop();
  }

  private removeTop(): void {
    const last = this.heap.pop();
    if (last === undefined || this.heap.length === 0) return;
    this.heap[0] = last;
    this.down(0);
  }

  private before(a: number, b: number): boolean {
    const first = this.heap[a]!;
    const second = this.heap[b]!;
    return (
      first.ticket < second.ticket || (first.ticket === second.ticket && first.order < second.order)
    );
  }

  private swap(a: number, b: number): void {
    const entry = this.heap[a]!;
    this.heap[a] = this.heap[b]!;
    this.heap[b] = entry;
  }

  private up(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.before(child, parent)) return;
      this.swap(child, parent);
      child = parent;
    }
  }

  private down(index: number): void {
    let parent = index;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let first = parent;
      if (left < this.heap.length && this.before(left, first)) first = left;
      if (right < this.heap.length && this.before(right, first)) first = right;
      if (first === parent) return;
      this.swap(parent, first);
      parent = first;
    }
  }
}
