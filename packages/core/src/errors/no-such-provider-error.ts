import { KaguraError } from './kagura-error.js';

const marker = 'kagura.error.no-such-provider';
const symbol = Symbol.for(marker);

/** Options for {@link NoSuchProviderError}. */
export interface NoSuchProviderErrorOptions {
  /** The model name as given, e.g. `'mistral:large'`. */
  model: string;
  /** The provider it named, or `undefined` when a bare model name matched no provider. */
  provider: string | undefined;
  /** The providers the client has. */
  availableProviders: readonly string[];
}

/** A model name named a provider the client does not have, or no provider claims a bare name. */
export class NoSuchProviderError extends KaguraError {
  protected readonly [symbol] = true;
  /** The model name as given. */
  readonly model: string;
  /** The provider it named, if any. */
  readonly provider: string | undefined;
  /** The providers the client has. */
  readonly availableProviders: readonly string[];

  constructor({ model, provider, availableProviders }: NoSuchProviderErrorOptions) {
    const available = availableProviders.length > 0 ? availableProviders.join(', ') : '(none)';
    const message =
      provider === undefined
        ? `No provider recognises the model name '${model}'. Write it as 'provider:model' ` +
          `(e.g. 'openai:${model}'). Configured providers: ${available}.`
        : `Unknown provider '${provider}' in model '${model}'. Configured providers: ${available}. ` +
          `Add it to createClient({ providers: { ${provider}: ... } }) or use one of those.`;
    super({ name: 'NoSuchProviderError', message });
    this.model = model;
    this.provider = provider;
    this.availableProviders = availableProviders;
  }

  /** Whether `error` is a {@link NoSuchProviderError}, from any copy of this package. */
  static override isInstance(error: unknown): error is NoSuchProviderError {
    return KaguraError.hasMarker(error, marker);
  }
}
