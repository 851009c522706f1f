import type { APIError } from '@anthropic-ai/sdk';
import {
  APICallError,
  isRetryableStatus,
  KaguraError,
  LoadAPIKeyError,
  mapTransportError,
  parseRetryAfter,
} from '@kagura-ts/provider';
import type { AnthropicModule } from './load-anthropic.js';

/**
 * The SDK's error classes that {@link mapAnthropicError} tells apart, taken from the loaded
 * `@anthropic-ai/sdk` module: this package imports the SDK only for its first request, never to
 * map an error.
 */
export type AnthropicErrorClasses = Pick<
  AnthropicModule,
  'APIError' | 'APIUserAbortError' | 'APIConnectionError' | 'APIConnectionTimeoutError'
>;

/** Options for {@link mapAnthropicError}. */
export interface MapAnthropicErrorOptions {
  /** The provider's name, e.g. `'anthropic'`. */
  provider: string;
  /** The call's abort signal: any failure once it fired is an abort. */
  abortSignal?: AbortSignal;
  /** The base URL the client talks to, named in connection errors. */
  baseURL?: string;
  /** The SDK's error classes, e.g. the loaded `@anthropic-ai/sdk` module. */
  sdk: AnthropicErrorClasses;
}

// Error types the API sends in a stream's `error` event that a new attempt may get past.
const retryableErrorTypes = new Set([
  'overloaded_error',
  'api_error',
  'rate_limit_error',
  'timeout_error',
]);

/**
 * Turns an error thrown by `@anthropic-ai/sdk` into a Kagura error: `APICallError` for HTTP
 * errors (529 overloaded included), stream `error` events, network failures and invalid JSON;
 * `AbortError` for aborted calls; `LoadAPIKeyError` when the SDK found no credentials. Kagura
 * errors and unknown errors pass through.
 */
export function mapAnthropicError(
  error: unknown,
  { provider, abortSignal, baseURL, sdk }: MapAnthropicErrorOptions,
): unknown {
  if (KaguraError.isInstance(error)) return error;
  const label = provider === 'anthropic' ? 'Anthropic API' : `Anthropic API '${provider}'`;
  const transport = mapTransportError(error, {
    provider,
    label,
    protocol: 'the Messages API',
    abortSignal,
    baseURL,
    sdk: {
      userAbort: sdk.APIUserAbortError,
      timeout: sdk.APIConnectionTimeoutError,
      connection: sdk.APIConnectionError,
    },
  });
  if (transport !== undefined) return transport;
  if (error instanceof sdk.APIError) return fromAPIError(error, provider, label);
  // The SDK checks credentials when it builds the first request (no key, no token, no profile).
  if (
    error instanceof Error &&
    error.message.startsWith('Could not resolve authentication method')
  ) {
    return new LoadAPIKeyError({
      provider,
      environmentVariable: 'ANTHROPIC_API_KEY',
      cause: error,
    });
  }
  return error;
}

function fromAPIError(error: APIError, provider: string, label: string): APICallError {
  const code = error.errorCode ?? error.type ?? undefined;
  const serverMessage = error.apiMessage ?? error.message;
  if (error.status === undefined) {
    // An `error` event inside a stream, e.g. overloaded_error after the reply started.
    return new APICallError({
      provider,
      message: `The ${label} failed mid-stream${code ? ` (${code})` : ''}: ${serverMessage}`,
      isRetryable: error.type !== null && retryableErrorTypes.has(error.type),
      code,
      responseBody: error.error,
      cause: error,
    });
  }
  const retryAfterMs = parseRetryAfter(error.headers);
  const isRetryable = isRetryableStatus(error.status);
  let advice = '';
  if (error.status === 401) advice = ' Check the API key (ANTHROPIC_API_KEY or { apiKey }).';
  else if (retryAfterMs !== undefined && isRetryable) advice = ` Retry after ${retryAfterMs} ms.`;
  return new APICallError({
    provider,
    message: `${label} error ${error.status}${code ? ` (${code})` : ''}: ${serverMessage}${advice}`,
    statusCode: error.status,
    isRetryable,
    retryAfterMs,
    code,
    responseBody: error.error,
    cause: error,
  });
}
