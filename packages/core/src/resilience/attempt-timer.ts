import { TimeoutError, type TimeoutKind } from '@kagura-ts/provider';

/**
 * The timers of one request attempt. Whichever fires first aborts `signal` and is kept as
 * `fired`, so the caller can throw the `TimeoutError` instead of the abort it caused. `signal`
 * also aborts, with its reason, when the attempt's `outer` signal does (the caller's): one
 * listener until {@link clear}, where `AbortSignal.any` cost two weak references and a
 * registration per attempt, twice (the limits and the request).
 */
export class AttemptTimer {
  /** Aborted when a timer fires, or when the outer signal aborts. */
  readonly signal: AbortSignal;
  /** The timeout that fired, if one did. */
  fired: TimeoutError | undefined;
  private readonly controller = new AbortController();
  private readonly timers = new Map<'total' | 'idle', NodeJS.Timeout>();
  private readonly forward: (() => void) | undefined;

  constructor(
    private readonly provider: string,
    private readonly outer?: AbortSignal | undefined,
  ) {
    this.signal = this.controller.signal;
    if (outer === undefined) return;
    if (outer.aborted) {
      this.controller.abort(outer.reason);
      return;
    }
    this.forward = () => this.controller.abort(outer.reason);
    outer.addEventListener('abort', this.forward, { once: true });
  }

  /**
   * Starts the whole-call timer (`total`), or the idle timer (`first-token`, `between-deltas`),
   * to fire after `waitMs`; it replaces the timer of its slot, so arming `between-deltas` with no
   * limit stops the first-token timer. `limitMs` is the limit the error names (the whole budget,
   * for a total timer armed with what is left of it).
   */
  arm(kind: TimeoutKind, waitMs: number | undefined, limitMs = waitMs): void {
    const slot = kind === 'total' ? 'total' : 'idle';
    // Re-armed at every delta of a stream: with no timer to replace and no limit, nothing to do.
    const armed = this.timers.get(slot);
    if (armed !== undefined) {
      clearTimeout(armed);
      this.timers.delete(slot);
    }
    if (waitMs === undefined || waitMs === Number.POSITIVE_INFINITY) return;
    const fire = () => {
      this.fired ??= new TimeoutError({
        timeout: kind,
        ms: limitMs ?? waitMs,
        provider: this.provider,
      });
      this.controller.abort(this.fired);
    };
    // Time already up (spent waiting for another process or a warm-up): it fires now, so that
    // nothing is sent, rather than racing a request against a zero-delay timer.
    if (waitMs <= 0) {
      fire();
      return;
    }
    this.timers.set(slot, setTimeout(fire, waitMs));
  }

  /** Stops every timer, and stops following the outer signal. */
  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    if (this.forward !== undefined) this.outer?.removeEventListener('abort', this.forward);
  }
}
