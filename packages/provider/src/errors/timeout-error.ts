import { KaguraError } from './kagura-error.js';

const marker = 'kagura.error.timeout';
const symbol = Symbol.for(marker);

/** Which time limit fired. */
export type TimeoutKind = 'total' | 'first-token' | 'between-deltas';

/** Options for {@link TimeoutError}. */
export interface TimeoutErrorOptions {
  /** Which limit fired. */
  timeout: TimeoutKind;
  /** The limit, in milliseconds. */
  ms: number;
  /** The provider that was called. */
  provider: string;
}

const describeKind: Record<TimeoutKind, string> = {
  total: 'the whole call',
  'first-token': 'the first token',
  'between-deltas': 'the next delta of the stream',
};

/** A call ran out of time: the whole call, the wait for the first token, or a pause between deltas. */
export class TimeoutError extends KaguraError {
  protected readonly [symbol] = true;
  /** Which limit fired. */
  readonly timeout: TimeoutKind;
  /** The limit, in milliseconds. */
  readonly ms: number;
  /** The provider that was called. */
  readonly provider: string;

  constructor({ timeout, ms, provider }: TimeoutErrorOptions) {
    super({
      name: 'TimeoutError',
      message:
        `Timed out waiting for ${describeKind[timeout]} from '${provider}' after ${ms} ms ` +
        `(timeout.${timeout === 'total' ? 'totalMs' : timeout === 'first-token' ? 'firstTokenMs' : 'betweenDeltasMs'}).`,
    });
    this.timeout = timeout;
    this.ms = ms;
    this.provider = provider;
  }

  /** Whether `error` is a {@link TimeoutError}, from any copy of this package. */
  static override isInstance(error: unknown): error is TimeoutError {
    return KaguraError.hasMarker(error, marker);
  }
}
