import { KaguraError } from '@kagura-ts/provider';

/** What a store tells of its work, for {@link withTimeout} (a `RedisStore` has both). */
export interface StoreActivity {
  /** When the store last answered an operation, as a `performance.now()` time. */
  readonly lastAnsweredAt: number;
  /** How many of its operations are waiting for their answers. */
  readonly pendingOperations: number;
}

/** Options for {@link withTimeout}. */
export interface WithTimeoutOptions {
  /**
   * The store's activity: while it keeps answering, an operation still waiting is queued behind
   * others, not facing a hung store, so its deadline moves on (up to `maxWaitMs`).
   */
  activity?: StoreActivity | undefined;
  /**
   * The longest an operation may wait in all, in milliseconds, however busy the event loop or the
   * store: a hung store is never waited on longer than this.
   * @default the larger of 5000 and 2 × `milliseconds`
   */
  maxWaitMs?: number | undefined;
}

/**
 * A timer that fires this much later than it was due says the event loop was busy (this
 * process's own work), not that the operation was slow.
 */
const lagToleranceMs = 10;
/**
 * How much longer a store may stay silent for each other operation waiting on it: a burst of a
 * thousand operations may see a healthy store pause for a few hundred milliseconds (the machine
 * busy with the burst itself), and is given about a second.
 */
const silencePerPendingMs = 1;

/**
 * Settles like `operation`, or rejects once the store has had `milliseconds` to answer it. A late
 * rejection of `operation` is absorbed, so it never becomes an unhandled rejection.
 *
 * The budget measures the store, not the caller's own load. When the timer fires:
 * - a turn of the loop (`setImmediate`, after the I/O phase) comes first, so that an answer
 *   already waiting in a socket buffer lands before the operation is declared late;
 * - a timer that fired late says the event loop was busy, so the operation gets one more window;
 * - a store with other operations waiting on it (see `activity`) is working through a queue, so
 *   the operation gets another window while the store's silence (since its last answer, or since
 *   this operation started) stays under `milliseconds` plus 1 ms for each other operation
 *   waiting, and at most `maxWaitMs` in all.
 * So a hung store (it answers nothing) fails a lone operation after `milliseconds` on an idle
 * loop, a burst of `n` operations after about `milliseconds + n` ms of silence, and nothing ever
 * waits longer than `maxWaitMs`. It costs one timer per operation; the rest only happens once
 * that timer has fired.
 */
export function withTimeout<T>(
  operation: Promise<T>,
  milliseconds: number,
  options: WithTimeoutOptions = {},
): Promise<T> {
  operation.catch(() => {});
  const { activity } = options;
  const started = performance.now();
  const latest = started + (options.maxWaitMs ?? Math.max(5000, 2 * milliseconds));
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  let lagForgiven = false;
  const timeout = new Promise<never>((_, reject) => {
    const expire = (due: number) => {
      const lag = performance.now() - due;
      setImmediate(() => {
        if (settled) return;
        const now = performance.now();
        const late = !lagForgiven && lag > lagToleranceMs;
        if (late) lagForgiven = true;
        if ((late || storeMayStillAnswer(activity, started, now, milliseconds)) && now < latest) {
          arm(Math.min(milliseconds, latest - now));
          return;
        }
        reject(
          new KaguraError({
            name: 'StoreTimeoutError',
            message: `The cache store did not answer within ${milliseconds} ms; treated as a miss.`,
          }),
        );
      }).unref();
    };
    const arm = (delay: number) => {
      timer = setTimeout(expire, delay, performance.now() + delay);
      timer.unref();
    };
    arm(milliseconds);
  });
  return Promise.race([operation, timeout]).finally(() => {
    settled = true;
    clearTimeout(timer);
  });
}

// Whether the store's silence (since its last answer, or since this operation started if later)
// is still short enough for the operations waiting on it.
function storeMayStillAnswer(
  activity: StoreActivity | undefined,
  started: number,
  now: number,
  milliseconds: number,
): boolean {
  // Alone, an operation has nothing to wait behind: its store is just slow, or hung.
  const others = (activity?.pendingOperations ?? 0) - 1;
  if (activity === undefined || others <= 0) return false;
  const silence = now - Math.max(started, activity.lastAnsweredAt);
  return silence < milliseconds + others * silencePerPendingMs;
}
