import { KaguraError } from './kagura-error.js';

const marker = 'kagura.error.load-sdk';
const symbol = Symbol.for(marker);

/** Options for {@link LoadSDKError}. */
export interface LoadSDKErrorOptions {
  /** The SDK's package, e.g. `'openai'`. */
  packageName: string;
  /** The Kagura package that needs it, e.g. `'@kagura-ts/openai'`. */
  adapterName: string;
  /** The import's own error. */
  cause?: unknown;
}

/**
 * A provider's SDK could not be loaded (not installed, or it failed while loading). Adapters
 * load their SDK on the first request, so this comes from the first call of that provider,
 * before anything is sent.
 */
export class LoadSDKError extends KaguraError {
  protected readonly [symbol] = true;
  /** The SDK's package. */
  readonly packageName: string;
  /** The Kagura package that needs it. */
  readonly adapterName: string;

  constructor({ packageName, adapterName, cause }: LoadSDKErrorOptions) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super({
      name: 'LoadSDKError',
      message:
        `Could not load the '${packageName}' package, which ${adapterName} needs to send ` +
        `requests (${reason}). Install it beside ${adapterName}: npm install ${packageName}`,
      cause,
    });
    this.packageName = packageName;
    this.adapterName = adapterName;
  }

  /** Whether `error` is a {@link LoadSDKError}, from any copy of this package. */
  static override isInstance(error: unknown): error is LoadSDKError {
    return KaguraError.hasMarker(error, marker);
  }
}
