/** Options for {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. @default 5 */
  failureThreshold?: number;
  /** How long the circuit stays open before one trial call, in milliseconds. @default 5000 */
  cooldownMs?: number;
  /** The clock. @default Date.now */
  now?: () => number;
}

/**
 * Stops calling a failing dependency for a while. Closed: every call goes through. After
 * `failureThreshold` consecutive failures it opens: calls are skipped for `cooldownMs`. Then
 * one trial call goes through (half-open): success closes it, failure opens it again.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;
  private readonly failureThreshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.cooldownMs = options.cooldownMs ?? 5000;
    this.now = options.now ?? Date.now;
  }

  /** `'closed'`, `'open'` or `'half-open'`. */
  get state(): 'closed' | 'open' | 'half-open' {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  /** Whether a call may go through now. In half-open state, only one trial at a time. */
  allow(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** Records a success; returns whether this closed an open circuit. */
  recordSuccess(): boolean {
    const wasOpen = this.openedAt !== undefined;
    this.failures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
    return wasOpen;
  }

  /** Records a failure; returns whether this opened the circuit. */
  recordFailure(): boolean {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.openedAt !== undefined) {
      this.openedAt = this.now();
      return false;
    }
    if (this.failures < this.failureThreshold) return false;
    this.openedAt = this.now();
    return true;
  }
}
