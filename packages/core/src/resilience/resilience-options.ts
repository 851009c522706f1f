/** How the client retries a failed request. */
export interface RetryOptions {
  /** Retries after the first attempt (so `2` means up to three attempts). @default 2 */
  maxRetries?: number;
  /** The first backoff's ceiling, in milliseconds; it doubles with each retry. @default 500 */
  baseDelayMs?: number;
  /** The largest backoff, in milliseconds. @default 8000 */
  maxDelayMs?: number;
  /**
   * The longest `retry-after` honoured, in milliseconds. A server asking for a longer wait is
   * not retried: the error is returned at once rather than waited on.
   * @default 60_000
   */
  maxRetryAfterMs?: number;
}

/** Time limits of a call. Each fires a `TimeoutError` naming it; none is set by default. */
export interface TimeoutOptions {
  /** The whole call, retries and backoff included. */
  totalMs?: number;
  /**
   * From sending a request to its first delta (each attempt); for a plain (not streamed) call,
   * to its whole reply, which is its first token.
   */
  firstTokenMs?: number;
  /** The longest pause between two deltas of a stream. */
  betweenDeltasMs?: number;
}

/** Limits on what is sent to one provider, or one model. */
export interface RequestLimits {
  /**
   * Requests in flight at once; more wait in a fair (first come, first served) queue. A retry
   * gives its slot back during its backoff and keeps its place in the queue.
   */
  concurrency?: number;
  /** Requests sent in any 60-second window, wherever it starts. */
  requestsPerMinute?: number;
  /**
   * Tokens sent in any 60-second window (each request counted at an estimate when it is sent,
   * settled with the reported usage).
   */
  tokensPerMinute?: number;
}

/**
 * Limits keyed by provider name (`openai`) or by `provider:model` (`openai:gpt-4o`). A call
 * passes both its provider's and its model's limits. None by default.
 */
export type LimitsOptions = Record<string, RequestLimits>;
