import { AbortError } from '@kagura-ts/provider';
import { takeTicket, WaitQueue } from './wait-queue.js';

/** Options of {@link SlotPool.acquire}. */
export interface SlotAcquireOptions {
  /** Leaves the queue on abort: `acquire` rejects with an `AbortError`. */
  signal?: AbortSignal;
  /** The waiter's place in line (see `takeTicket`). @default a new ticket, i.e. the back */
  ticket?: number;
}

/**
 * A concurrency limit whose waiters are served in ticket order: a retry that gave its slot back
 * during its backoff keeps its place ahead of the calls that arrived after it first asked.
 */
export class SlotPool {
  private active = 0;
  private readonly waiters = new WaitQueue<() => void>();

  constructor(private readonly size: number) {}

  /** How many callers wait for a slot. */
  get waiting(): number {
    return this.waiters.size;
  }

  /** Waits for a free slot and holds it until the returned function is called (once). */
  acquire(options: SlotAcquireOptions = {}): Promise<() => void> {
    const { signal, ticket = takeTicket() } = options;
    if (signal?.aborted) return Promise.reject(new AbortError({ cause: signal.reason }));
    // Nobody overtakes a waiter, even when a slot is momentarily free.
    if (this.active < this.size && this.waiters.size === 0) return Promise.resolve(this.hold());
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiters.delete(entry);
        reject(new AbortError({ cause: signal?.reason }));
      };
      const entry = this.waiters.push(ticket, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(this.hold());
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private hold(): () => void {
    this.active += 1;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.active -= 1;
      this.startNext();
    };
  }

  private startNext(): void {
    while (this.active < this.size) {
      const next = this.waiters.shift();
      if (next === undefined) return;
      next.value();
    }
  }
}
