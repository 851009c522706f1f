import { KaguraError } from './kagura-error.js';

const marker = 'kagura.error.no-such-provider';
const symbol = Symbol.for(marker);

// 'qwen3:8b', 'llama3:70b', 'mixtral:8x7b', 'gemma3n:e2b', 'mistral:7b-instruct-q4_K_M', 'x:latest':
// an Ollama-style model tag after the colon, so the prefix is a model family, not a provider.
const modelTagPattern = /^(latest|(\d+x)?\d+(\.\d+)?[bmk]|e\d+b)([-_.].*)?$/i;

/** Options for {@link NoSuchProviderError}. */
export interface NoSuchProviderErrorOptions {
  /** The model name as given, e.g. `'mistral:large'`. */
  model: string;
  /** The provider it named, or `undefined` when a bare model name matched no provider. */
  provider: string | undefined;
  /** The providers the client has. */
  availableProviders: readonly string[];
  /**
   * The providers that all claim a bare model name, when more than one does (so none is picked).
   * @default []
   */
  claimingProviders?: readonly string[];
}

/**
 * A model name named a provider the client does not have, no provider claims a bare name, or
 * several do. The message says how to route the name: a `provider:` prefix, a provider to add,
 * or, for a model with a tag such as `'qwen3:8b'`, an OpenAI-compatible server.
 */
export class NoSuchProviderError extends KaguraError {
  protected readonly [symbol] = true;
  /** The model name as given. */
  readonly model: string;
  /** The provider it named, if any. */
  readonly provider: string | undefined;
  /** The providers the client has. */
  readonly availableProviders: readonly string[];
  /** The providers that all claim a bare name, when more than one does. */
  readonly claimingProviders: readonly string[];

  constructor({
    model,
    provider,
    availableProviders,
    claimingProviders = [],
  }: NoSuchProviderErrorOptions) {
    super({
      name: 'NoSuchProviderError',
      message: describeProblem(model, provider, availableProviders, claimingProviders),
    });
    this.model = model;
    this.provider = provider;
    this.availableProviders = availableProviders;
    this.claimingProviders = claimingProviders;
  }

  /** Whether `error` is a {@link NoSuchProviderError}, from any copy of this package. */
  static override isInstance(error: unknown): error is NoSuchProviderError {
    return KaguraError.hasMarker(error, marker);
  }
}

function describeProblem(
  model: string,
  provider: string | undefined,
  availableProviders: readonly string[],
  claimingProviders: readonly string[],
): string {
  const available = availableProviders.length > 0 ? availableProviders.join(', ') : '(none)';
  if (claimingProviders.length > 1) {
    return (
      `The model name '${model}' is claimed by several providers (${claimingProviders.join(', ')}). ` +
      `Write it with the one you mean, e.g. '${claimingProviders.at(-1)}:${model}'.`
    );
  }
  // A named OpenAI-compatible server ('ollama', 'vllm') is the likeliest home of an open model.
  const compatible =
    availableProviders.find((name) => name !== 'openai' && name !== 'anthropic') ?? 'openai';
  const compatibleServer =
    'set OPENAI_BASE_URL to the server (e.g. http://localhost:11434/v1 for Ollama): the ' +
    "'openai' provider then takes the names no other provider claims";
  if (provider === undefined) {
    return (
      `No provider recognises the model name '${model}'. Write it as 'provider:model' ` +
      `(e.g. '${compatible}:${model}'), or, for a model on an OpenAI-compatible server ` +
      `(Ollama, vLLM, LM Studio), ${compatibleServer}. Configured providers: ${available}.`
    );
  }
  const tag = model.slice(provider.length + 1);
  if (/\d/.test(provider) || modelTagPattern.test(tag)) {
    return (
      `'${model}' reads as a model with a tag, and '${provider}' is not a configured ` +
      `provider. To run it on an OpenAI-compatible server (Ollama, vLLM, LM Studio), ` +
      `${compatibleServer}, or write the provider first: '${compatible}:${model}'. ` +
      `Configured providers: ${available}.`
    );
  }
  return (
    `Unknown provider '${provider}' in model '${model}'. Configured providers: ${available}. ` +
    `Add it to createClient({ providers: { ${provider}: ... } }) or use one of those. If ` +
    `'${model}' is a model on an OpenAI-compatible server, write '${compatible}:${model}' or set ` +
    'OPENAI_BASE_URL to that server.'
  );
}
