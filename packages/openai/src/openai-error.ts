import {
  APICallError,
  isRetryableStatus,
  KaguraError,
  mapTransportError,
  parseRetryAfter,
} from '@kagura-ts/provider';
import type { APIError } from 'openai';
import type { OpenAIModule } from './load-openai.js';

/**
 * The SDK's error classes that {@link mapOpenAIError} tells apart, taken from the loaded `openai`
 * module: this package imports the SDK only for its first request, never to map an error.
 */
export type OpenAIErrorClasses = Pick<
  OpenAIModule,
  'APIError' | 'APIUserAbortError' | 'APIConnectionError' | 'APIConnectionTimeoutError'
>;

/** Options for {@link mapOpenAIError}. */
export interface MapOpenAIErrorOptions {
  /** The provider's name, e.g. `'openai'` or `'ollama'`. */
  provider: string;
  /** The call's abort signal: any failure once it fired is an abort. */
  abortSignal?: AbortSignal;
  /** The base URL the client talks to, named in connection errors. */
  baseURL?: string;
  /** The SDK's error classes, e.g. the loaded `openai` module. */
  sdk: OpenAIErrorClasses;
}

/**
 * Turns an error thrown by the `openai` SDK into a Kagura error: `APICallError` for HTTP errors
 * (with status, code, retryability and the server's requested delay), network failures and
 * invalid JSON; `AbortError` for aborted calls. Kagura errors and unknown errors pass through.
 */
export function mapOpenAIError(
  error: unknown,
  { provider, abortSignal, baseURL, sdk }: MapOpenAIErrorOptions,
): unknown {
  if (KaguraError.isInstance(error)) return error;
  const label = provider === 'openai' ? 'OpenAI API' : `OpenAI-compatible API '${provider}'`;
  const transport = mapTransportError(error, {
    provider,
    label,
    protocol: 'the OpenAI API',
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
  return error;
}

function fromAPIError(error: APIError, provider: string, label: string): APICallError {
  const body = error.error as { message?: unknown; type?: unknown } | undefined;
  const code = error.code ?? (typeof body?.type === 'string' ? body.type : undefined);
  const serverMessage =
    typeof body?.message === 'string' ? body.message : (error.message ?? 'no message');
  // A 429 for an exhausted quota looks retryable but never succeeds until billing changes.
  const quotaExhausted = code === 'insufficient_quota';
  if (error.status === undefined) {
    // An error event inside a stream: the server gave up mid-reply.
    return new APICallError({
      provider,
      message: `The ${label} failed mid-stream${code ? ` (${code})` : ''}: ${serverMessage}`,
      isRetryable: !quotaExhausted && code !== 'invalid_request_error',
      code: code ?? undefined,
      responseBody: error.error,
      cause: error,
    });
  }
  const retryAfterMs = parseRetryAfter(error.headers);
  const isRetryable = !quotaExhausted && isRetryableStatus(error.status);
  let advice = '';
  if (quotaExhausted)
    advice = ' The quota is used up: check the plan and billing; retrying will not help.';
  else if (error.status === 401) advice = ' Check the API key (OPENAI_API_KEY or { apiKey }).';
  else if (retryAfterMs !== undefined && isRetryable) advice = ` Retry after ${retryAfterMs} ms.`;
  return new APICallError({
    provider,
    message: `${label} error ${error.status}${code ? ` (${code})` : ''}: ${serverMessage}${advice}`,
    statusCode: error.status,
    isRetryable,
    retryAfterMs,
    code: code ?? undefined,
    responseBody: error.error,
    cause: error,
  });
}
