import { type AnthropicProviderOptions, createAnthropic } from '@kagura-ts/anthropic';
import {
  type Client,
  type ClientOptions,
  createClient as createCoreClient,
  type Provider,
} from '@kagura-ts/core';
import { createOpenAI, type OpenAIProviderOptions } from '@kagura-ts/openai';

/**
 * Options for {@link createClient}: the core client's options (cache, retry, timeout, limits,
 * defaults), with OpenAI and Anthropic configured for you.
 */
export interface KaguraClientOptions extends Omit<ClientOptions, 'providers' | 'model'> {
  /**
   * The model used when a call or agent names none.
   * @default `KAGURA_MODEL`, else 'anthropic:claude-haiku-4-5' when only `ANTHROPIC_API_KEY`
   *   is set (no `OPENAI_API_KEY` or `OPENAI_BASE_URL`), else 'openai:gpt-4o-mini'
   */
  model?: string;
  /**
   * OpenAI provider options, or `false` to leave OpenAI out. Reads `OPENAI_API_KEY` and
   * `OPENAI_BASE_URL`. Pointed at another server (Ollama, vLLM, LM Studio), it needs no key and
   * takes every model name no other provider claims: `KAGURA_MODEL=qwen3:8b` goes to it.
   * @default {} (configured from the environment)
   */
  openai?: OpenAIProviderOptions | false;
  /**
   * Anthropic provider options, or `false` to leave Anthropic out. Reads `ANTHROPIC_API_KEY`.
   * @default {} (configured from the environment)
   */
  anthropic?: AnthropicProviderOptions | false;
  /**
   * More providers by name, e.g. an OpenAI-compatible server:
   * `{ ollama: createOpenAI({ name: 'ollama', baseURL: 'http://localhost:11434/v1' }) }`.
   * @default {}
   */
  providers?: Record<string, Provider>;
}

/**
 * Creates a client with OpenAI and Anthropic configured (from the options or their usual
 * environment variables), plus any other providers. Nothing connects until the first call,
 * and a provider without a key fails only when it is used, with a clear error.
 *
 * @example
 * ```ts
 * const client = createClient({ model: 'anthropic:claude-haiku-4-5' });
 * setDefaultClient(client);
 * ```
 */
export function createClient(options: KaguraClientOptions = {}): Client {
  const { openai, anthropic: _, providers: extra, model, ...rest } = options;
  const providers: Record<string, Provider> = {};
  for (const entry of defaultProviders) {
    const provider = entry.create(options);
    if (provider !== undefined) providers[entry.name] = provider;
  }
  Object.assign(providers, extra);
  const fallback = providers.openai;
  if (openai !== false && extra?.openai === undefined && fallback !== undefined) {
    const others = Object.values(providers).filter((provider) => provider !== fallback);
    providers.openai = yieldingTo(fallback, others);
  }
  return createCoreClient({ ...rest, providers, model: model ?? defaultModelFromEnvironment() });
}

/** A provider the umbrella sets up unless its option is `false`. */
interface DefaultProvider {
  name: string;
  /** The provider, from its option (`undefined` when the option is `false`). */
  create(options: KaguraClientOptions): Provider | undefined;
  /** Whether the environment configures it (its key; for OpenAI a base URL too). */
  configured(env: NodeJS.ProcessEnv): boolean;
  /** The default model when it is the first provider the environment configures. */
  defaultModel: string;
}

// In order: the first the environment configures gives the default model.
const defaultProviders: readonly DefaultProvider[] = [
  {
    name: 'openai',
    create: ({ openai }) => (openai === false ? undefined : createOpenAI(openai)),
    configured: (env) => Boolean(env.OPENAI_API_KEY || env.OPENAI_BASE_URL?.trim()),
    defaultModel: 'openai:gpt-4o-mini',
  },
  {
    name: 'anthropic',
    create: ({ anthropic }) => (anthropic === false ? undefined : createAnthropic(anthropic)),
    configured: (env) => Boolean(env.ANTHROPIC_API_KEY),
    defaultModel: 'anthropic:claude-haiku-4-5',
  },
];

// Pointed at a compatible server, the OpenAI provider claims every bare name. A name another
// provider claims stays with it: whole ('claude-haiku-4-5'), or after a prefix that is no
// provider ('antropic:claude-haiku-4-5' is a typo, not a model for Ollama).
function yieldingTo(provider: Provider, others: readonly Provider[]): Provider {
  return {
    name: provider.name,
    languageModel: (modelId) => provider.languageModel(modelId),
    isKnownModel(modelId) {
      if (provider.isKnownModel?.(modelId) !== true) return false;
      const unprefixed = modelId.slice(modelId.indexOf(':') + 1);
      return !others.some(
        (other) => other.isKnownModel?.(modelId) || other.isKnownModel?.(unprefixed),
      );
    },
  };
}

function defaultModelFromEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.KAGURA_MODEL?.trim();
  if (chosen) return chosen;
  const configured =
    defaultProviders.find((entry) => entry.configured(env)) ?? defaultProviders[0]!;
  return configured.defaultModel;
}
