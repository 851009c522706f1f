import { KaguraError } from './kagura-error.js';

const marker = 'kagura.error.api-call';
const symbol = Symbol.for(marker);

/** Options for {@link APICallError}. */
export interface APICallErrorOptions {
  /** What went wrong. */
  message: string;
  /** The provider that was called, e.g. `'openai'`. */
  provider: string;
  /** The HTTP status code, when the server answered. */
  statusCode?: number;
  /** Whether sending the same request again may succeed (408, 409, 429, 5xx, network errors). */
  isRetryable?: boolean;
  /** How long the server asked us to wait before retrying, from `retry-after-ms` or `retry-after`. */
  retryAfterMs?: number;
  /** The provider's error code, e.g. `'insufficient_quota'`. */
  code?: string;
  /** The response body, when there was one. */
  responseBody?: unknown;
  /** The underlying SDK error. */
  cause?: unknown;
}

/** A call to a provider's API failed: an HTTP error status, or a network failure. */
export class APICallError extends KaguraError {
  protected readonly [symbol] = true;
  /** The provider that was called. */
  readonly provider: string;
  /** The HTTP status code, or `undefined` for a network failure. */
  readonly statusCode: number | undefined;
  /** Whether sending the same request again may succeed. */
  readonly isRetryable: boolean;
  /** How long the server asked us to wait before retrying, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** The provider's error code, e.g. `'insufficient_quota'`. */
  readonly code: string | undefined;
  /** The response body, when there was one. */
  readonly responseBody: unknown;

  constructor(options: APICallErrorOptions) {
    super({ name: 'APICallError', message: options.message, cause: options.cause });
    this.provider = options.provider;
    this.statusCode = options.statusCode;
    this.isRetryable = options.isRetryable ?? isRetryableStatus(options.statusCode);
    this.retryAfterMs = options.retryAfterMs;
    this.code = options.code;
    this.responseBody = options.responseBody;
  }

  /** Whether `error` is an {@link APICallError}, from any copy of this package. */
  static override isInstance(error: unknown): error is APICallError {
    return KaguraError.hasMarker(error, marker);
  }
}

/** Statuses worth retrying: timeouts, conflicts, rate limits and server errors. */
export function isRetryableStatus(statusCode: number | undefined): boolean {
  if (statusCode === undefined) return true;
  return statusCode === 408 || statusCode === 409 || statusCode === 429 || statusCode >= 500;
}
