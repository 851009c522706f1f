import { AbortError } from '../errors/abort-error.js';
import { APICallError } from '../errors/api-call-error.js';

// biome-ignore lint/suspicious/noExplicitAny: SDK error classes take any constructor arguments.
type ErrorClass = abstract new (...args: any[]) => Error;

/** Options for {@link mapTransportError}. */
export interface MapTransportErrorOptions {
  /** The provider's name. */
  provider: string;
  /** How messages name the API, e.g. `'OpenAI API'`. */
  label: string;
  /** What the server should speak, for invalid JSON, e.g. `'the OpenAI API'`. */
  protocol: string;
  /** The call's abort signal: any failure once it fired is an abort. */
  abortSignal: AbortSignal | undefined;
  /** The base URL the client talks to, named in connection errors. */
  baseURL: string | undefined;
  /** The SDK's error classes for a user abort, a timeout and a connection failure. */
  sdk: { userAbort: ErrorClass; timeout: ErrorClass; connection: ErrorClass };
}

/**
 * Maps the failures every SDK shares, which are about the transport rather than the API: an
 * aborted call (`AbortError`), a timeout, a connection that could not be made, and a body that
 * is not JSON (each a retryable `APICallError`). Returns `undefined` for anything else, which
 * the adapter maps itself (HTTP statuses and its provider's own cases).
 */
export function mapTransportError(
  error: unknown,
  options: MapTransportErrorOptions,
): Error | undefined {
  const { provider, label, protocol, abortSignal, baseURL, sdk } = options;
  const aborted = error instanceof Error && error.name === 'AbortError';
  if (abortSignal?.aborted || error instanceof sdk.userAbort || aborted) {
    return new AbortError({ message: `The call to the ${label} was aborted.`, cause: error });
  }
  if (error instanceof sdk.timeout) {
    return new APICallError({
      provider,
      message: `The ${label} request timed out.`,
      isRetryable: true,
      cause: error,
    });
  }
  if (error instanceof sdk.connection) {
    const reason = error.cause instanceof Error ? error.cause.message : error.message;
    return new APICallError({
      provider,
      message: `Could not connect to the ${label}${baseURL ? ` at ${baseURL}` : ''}: ${reason}. Check that the server is running and the base URL is right.`,
      isRetryable: true,
      cause: error,
    });
  }
  if (error instanceof SyntaxError) {
    return new APICallError({
      provider,
      message: `The ${label} returned invalid JSON (${error.message}). The reply was cut short or the server does not speak ${protocol}.`,
      isRetryable: true,
      cause: error,
    });
  }
  return undefined;
}
