import { KaguraError } from './kagura-error.js';

const marker = 'kagura.error.invalid-argument';
const symbol = Symbol.for(marker);

/** Options for {@link InvalidArgumentError}. */
export interface InvalidArgumentErrorOptions {
  /** The argument or option that was wrong, e.g. `'temperature'`. */
  argument: string;
  /** The value that was given. */
  value: unknown;
  /** What was wrong with it and what to do instead. */
  message: string;
}

/** An argument or option was invalid. Raised before any network call. */
export class InvalidArgumentError extends KaguraError {
  protected readonly [symbol] = true;
  /** The argument or option that was wrong. */
  readonly argument: string;
  /** The value that was given. */
  readonly value: unknown;

  constructor({ argument, value, message }: InvalidArgumentErrorOptions) {
    super({ name: 'InvalidArgumentError', message: `Invalid ${argument}: ${message}` });
    this.argument = argument;
    this.value = value;
  }

  /** Whether `error` is an {@link InvalidArgumentError}, from any copy of this package. */
  static override isInstance(error: unknown): error is InvalidArgumentError {
    return KaguraError.hasMarker(error, marker);
  }
}
