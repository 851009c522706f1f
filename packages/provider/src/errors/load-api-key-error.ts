import { KaguraError } from './kagura-error.js';

const marker = 'kagura.error.load-api-key';
const symbol = Symbol.for(marker);

/** Options for {@link LoadAPIKeyError}. */
export interface LoadAPIKeyErrorOptions {
  /** The provider that needs a key. */
  provider: string;
  /** The environment variable the key is read from, e.g. `'OPENAI_API_KEY'`. */
  environmentVariable: string;
  /** The SDK's own error. */
  cause?: unknown;
}

/** A provider has no API key: none was passed and its environment variable is not set. */
export class LoadAPIKeyError extends KaguraError {
  protected readonly [symbol] = true;
  /** The provider that needs a key. */
  readonly provider: string;
  /** The environment variable the key is read from. */
  readonly environmentVariable: string;

  constructor({ provider, environmentVariable, cause }: LoadAPIKeyErrorOptions) {
    super({
      name: 'LoadAPIKeyError',
      message:
        `No API key for provider '${provider}'. Set ${environmentVariable} or pass ` +
        `{ apiKey } to the provider's options. For a local OpenAI-compatible server ` +
        `(Ollama, vLLM, LM Studio) any non-empty key works.`,
      cause,
    });
    this.provider = provider;
    this.environmentVariable = environmentVariable;
  }

  /** Whether `error` is a {@link LoadAPIKeyError}, from any copy of this package. */
  static override isInstance(error: unknown): error is LoadAPIKeyError {
    return KaguraError.hasMarker(error, marker);
  }
}
