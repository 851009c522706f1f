import { AbortError } from '../errors/abort-error.js';

/**
 * A per-minute budget as a token bucket: it holds up to `perMinute` units and refills
 * continuously at `perMinute` per minute. Takers wait in order until their units are there.
 */
export class RateBudget {
  private available: number;
  private updatedAt: number;
  private readonly queue: Array<{ amount: number; resolve: () => void }> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.available = perMinute;
    this.updatedAt = now();
  }

  /** Waits until `amount` units are available and takes them (at most a minute's worth). */
  take(amount: number, signal?: AbortSignal): Promise<void> {
    const wanted = Math.min(amount, this.perMinute);
    this.refill();
    if (this.queue.length === 0 && this.available >= wanted) {
      this.available -= wanted;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = { amount: wanted, resolve };
      this.queue.push(waiter);
      const onAbort = () => {
        const index = this.queue.indexOf(waiter);
        if (index !== -1) this.queue.splice(index, 1);
        reject(new AbortError({ cause: signal?.reason }));
        this.schedule();
      };
      if (signal?.aborted) onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      waiter.resolve = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.schedule();
    });
  }

  /** Settles a reservation: gives back units taken but not used, or takes more (into debt). */
  adjust(delta: number): void {
    this.refill();
    this.available -= delta;
    this.schedule();
  }

  private refill(): void {
    const now = this.now();
    this.available = Math.min(
      this.perMinute,
      this.available + ((now - this.updatedAt) * this.perMinute) / 60_000,
    );
    this.updatedAt = now;
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.refill();
    while (this.queue.length > 0 && this.available >= this.queue[0]!.amount) {
      const waiter = this.queue.shift()!;
      this.available -= waiter.amount;
      waiter.resolve();
    }
    const next = this.queue[0];
    if (next === undefined) return;
    const waitMs = Math.ceil(((next.amount - this.available) * 60_000) / this.perMinute);
    this.timer = setTimeout(() => this.schedule(), Math.max(1, waitMs));
  }
}
