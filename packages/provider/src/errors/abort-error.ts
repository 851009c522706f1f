import { KaguraError } from './kagura-error.js';

const marker = 'kagura.error.abort';
const symbol = Symbol.for(marker);

/** Options for {@link AbortError}. */
export interface AbortErrorOptions {
  /** What was aborted. */
  message?: string;
  /** The abort signal's reason. */
  cause?: unknown;
}

/** The caller aborted the call (its `AbortSignal` fired, or it stopped reading a stream). */
export class AbortError extends KaguraError {
  protected readonly [symbol] = true;

  constructor({ message = 'The call was aborted.', cause }: AbortErrorOptions = {}) {
    super({ name: 'AbortError', message, cause });
  }

  /** Whether `error` is an {@link AbortError}, from any copy of this package. */
  static override isInstance(error: unknown): error is AbortError {
    return KaguraError.hasMarker(error, marker);
  }
}
