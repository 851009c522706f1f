import { AbortError } from '../errors/abort-error.js';
import { APICallError } from '../errors/api-call-error.js';
import { KaguraError } from '../errors/kagura-error.js';

/** An SDK's streaming response: an async iterable that can be aborted (openai and Anthropic's `Stream`). */
export interface AbortableStream<CHUNK> extends AsyncIterable<CHUNK> {
  readonly controller: AbortController;
}

/** Options for {@link readProviderStream}. */
export interface ReadProviderStreamOptions {
  /** The provider, for error messages. */
  provider: string;
  /** The call's signal: the SDKs end iteration quietly when it aborts; this makes that an `AbortError`. */
  abortSignal: AbortSignal | undefined;
  /** Turns an SDK error into a Kagura error (the adapter's `<p>-error.ts`). */
  mapError: (error: unknown) => unknown;
}

/**
 * Reads an SDK stream for a provider adapter: SDK errors become Kagura errors (anything else
 * thrown while reading the body means the connection broke mid-reply: a retryable
 * `APICallError`), an aborted call ends in an `AbortError` rather than a quietly short stream,
 * and stopping early (or failing) aborts the SDK stream, so the HTTP request closes at once.
 */
export async function* readProviderStream<CHUNK>(
  stream: AbortableStream<CHUNK>,
  { provider, abortSignal, mapError }: ReadProviderStreamOptions,
): AsyncGenerator<CHUNK, void, undefined> {
  const iterator = stream[Symbol.asyncIterator]();
  let ended = false;
  try {
    while (true) {
      let result: IteratorResult<CHUNK>;
      try {
        result = await iterator.next();
      } catch (error) {
        throw toStreamError(error, provider, mapError);
      }
      if (result.done) break;
      yield result.value;
    }
    ended = true;
    if (abortSignal?.aborted) {
      throw new AbortError({ message: 'The stream was aborted.', cause: abortSignal.reason });
    }
  } finally {
    if (!ended) {
      stream.controller.abort();
      iterator.return?.()?.catch(() => {});
    }
  }
}

function toStreamError(
  error: unknown,
  provider: string,
  mapError: (error: unknown) => unknown,
): unknown {
  const mapped = mapError(error);
  if (KaguraError.isInstance(mapped)) return mapped;
  const reason = error instanceof Error ? error.message : String(error);
  return new APICallError({
    provider,
    message: `The connection broke mid-stream (${reason}).`,
    isRetryable: true,
    cause: error,
  });
}
