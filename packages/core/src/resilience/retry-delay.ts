import { APICallError, TimeoutError } from '@kagura-ts/provider';
import type { RetryOptions } from './resilience-options.js';

/**
 * How long to wait before retrying after `error` on attempt `attempt` (0 for the first retry), or
 * `undefined` if it must not be retried: retries are spent, the error is final (4xx other than
 * 408/409/429, an exhausted quota, an abort), or the server asked for a longer wait than
 * `maxRetryAfterMs`. Backoff is exponential with full jitter; a server's `retry-after` wins.
 */
export function retryDelay(
  error: unknown,
  attempt: number,
  options: RetryOptions = {},
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= (options.maxRetries ?? 2)) return undefined;
  if (TimeoutError.isInstance(error)) {
    // Only a stalled first token is worth another try; the total budget is spent for good.
    if (error.timeout !== 'first-token') return undefined;
  } else if (!APICallError.isInstance(error) || !error.isRetryable) {
    return undefined;
  }
  const retryAfterMs = APICallError.isInstance(error) ? error.retryAfterMs : undefined;
  if (retryAfterMs !== undefined) {
    return retryAfterMs <= (options.maxRetryAfterMs ?? 60_000) ? retryAfterMs : undefined;
  }
  const ceiling = Math.min(options.maxDelayMs ?? 8000, (options.baseDelayMs ?? 500) * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
