import { AbortError } from '@kagura-ts/provider';
import { takeTicket, WaitQueue } from './wait-queue.js';

const windowMs = 60_000;

/** Units taken from a {@link RateBudget}: counted as pending until committed or cancelled. */
export interface RateReservation {
  /** The units taken (the amount asked for, at most the budget's limit). */
  readonly amount: number;
  /** The units are sent now: from this moment they count in the window for 60 s. */
  commit(): void;
  /** Nothing was sent: the units go back at once. A no-op once committed. */
  cancel(): void;
  /**
   * Settles the reservation with what was really used, `delta` being used minus taken: a
   * negative delta gives units back, a positive one goes into debt (later takers wait it out).
   * Counted at the commit time while that is in the window, from now once it has left it.
   */
  adjust(delta: number): void;
}

/** Options of {@link RateBudget.take}. */
export interface RateTakeOptions {
  /** Leaves the queue on abort: `take` rejects with an `AbortError`. */
  signal?: AbortSignal;
  /** The waiter's place in line (see `takeTicket`). @default a new ticket, i.e. the back */
  ticket?: number;
}

interface LogEntry {
  at: number;
  amount: number;
  inWindow: boolean;
}

interface Taker {
  amount: number;
  resolve: (reservation: RateReservation) => void;
}

/**
 * A per-minute budget as a sliding-window log: at every moment the units committed in the last
 * 60 s, plus those taken and not yet committed, stay within `perMinute` (debt aside, see
 * {@link RateReservation.adjust}). So no 60-s window ever holds more than `perMinute` sent
 * units. Takers wait in ticket order; each unit leaves the window 60 s after it was committed.
 */
export class RateBudget {
  private readonly log: LogEntry[] = [];
  private head = 0;
  // Committed units whose entry is still in the window.
  private windowed = 0;
  // Taken, not yet committed or cancelled: counted as if sent now.
  private pending = 0;
  private readonly waiters = new WaitQueue<Taker>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many takers wait for room. */
  get waiting(): number {
    return this.waiters.size;
  }

  /**
   * Waits until `amount` units fit in the window (at most `perMinute` of them) and takes them,
   * pending until the reservation is committed or cancelled.
   */
  take(amount: number, options: RateTakeOptions = {}): Promise<RateReservation> {
    const { signal, ticket = takeTicket() } = options;
    if (signal?.aborted) return Promise.reject(new AbortError({ cause: signal.reason }));
    const wanted = Math.min(amount, this.perMinute);
    if (this.perMinute === Number.POSITIVE_INFINITY) return Promise.resolve(unlimited(wanted));
    this.evict();
    const first = this.waiters.peek();
    if ((first === undefined || ticket < first.ticket) && this.fits(wanted)) {
      return Promise.resolve(this.reserve(wanted));
    }
    return new Promise<RateReservation>((resolve, reject) => {
      const onAbort = () => {
        this.waiters.delete(entry);
        reject(new AbortError({ cause: signal?.reason }));
        this.schedule();
      };
      const entry = this.waiters.push(ticket, {
        amount: wanted,
        resolve: (reservation) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(reservation);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.schedule();
    });
  }

  private fits(amount: number): boolean {
    return this.windowed + this.pending + amount <= this.perMinute;
  }

  private reserve(amount: number): RateReservation {
    this.pending += amount;
    let state: 'pending' | 'committed' | 'cancelled' = 'pending';
    let entry: LogEntry | undefined;
    let pendingAmount = amount;
    return {
      amount,
      commit: () => {
        if (state !== 'pending') return;
        state = 'committed';
        this.pending -= pendingAmount;
        entry = this.append(pendingAmount);
        this.schedule();
      },
      cancel: () => {
        if (state !== 'pending') return;
        state = 'cancelled';
        this.pending -= pendingAmount;
        this.schedule();
      },
      adjust: (delta) => {
        if (state === 'cancelled') return;
        this.evict();
        if (entry === undefined) {
          const change = Math.max(-pendingAmount, delta);
          pendingAmount += change;
          this.pending += change;
        } else if (entry.inWindow) {
          const change = Math.max(-entry.amount, delta);
          entry.amount += change;
          this.windowed += change;
        } else if (delta > 0) {
          // Reported after its minute was over: the debt counts from now.
          this.append(delta);
        }
        this.schedule();
      },
    };
  }

  private append(amount: number): LogEntry {
    const entry: LogEntry = { at: this.now(), amount, inWindow: true };
    this.log.push(entry);
    this.windowed += amount;
    return entry;
  }

  // Drops the entries older than the window; each entry is dropped once (amortized O(1)).
  private evict(): void {
    const oldest = this.now() - windowMs;
    while (this.head < this.log.length && this.log[this.head]!.at <= oldest) {
      const entry = this.log[this.head]!;
      entry.inWindow = false;
      this.windowed -= entry.amount;
      this.head += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.log.length) {
      this.log.splice(0, this.head);
      this.head = 0;
    }
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.evict();
    for (;;) {
      const first = this.waiters.peek();
      if (first === undefined) return;
      if (!this.fits(first.value.amount)) break;
      this.waiters.shift();
      first.value.resolve(this.reserve(first.value.amount));
    }
    // Room only comes back when the oldest entry leaves (or a reservation is cancelled or
    // settled lower, which reschedules).
    const oldest = this.log[this.head];
    if (oldest === undefined) return;
    this.timer = setTimeout(() => this.schedule(), Math.max(1, oldest.at + windowMs - this.now()));
  }
}

function unlimited(amount: number): RateReservation {
  return { amount, commit: () => {}, cancel: () => {}, adjust: () => {} };
}
