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
   *   is set, else 'openai:gpt-4o-mini'
   */
  model?: string;
  /** OpenAI provider options, or `false` to leave OpenAI out. Reads `OPENAI_API_KEY`. */
  openai?: OpenAIProviderOptions | false;
  /** Anthropic provider options, or `false` to leave Anthropic out. Reads `ANTHROPIC_API_KEY`. */
  anthropic?: AnthropicProviderOptions | false;
  /**
   * More providers by name, e.g. an OpenAI-compatible server:
   * `{ ollama: createOpenAI({ name: 'ollama', baseURL: 'http://localhost:11434/v1' }) }`.
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
  const { openai, anthropic, providers: extra, model, ...rest } = options;
  const providers: Record<string, Provider> = {};
  if (openai !== false) providers.openai = createOpenAI(openai);
  if (anthropic !== false) providers.anthropic = createAnthropic(anthropic);
  Object.assign(providers, extra);
  return createCoreClient({ ...rest, providers, model: model ?? defaultModelFromEnvironment() });
}

function defaultModelFromEnvironment(): string {
  const { KAGURA_MODEL, OPENAI_API_KEY, ANTHROPIC_API_KEY } = process.env;
  if (KAGURA_MODEL) return KAGURA_MODEL;
  if (ANTHROPIC_API_KEY && !OPENAI_API_KEY) return 'anthropic:claude-haiku-4-5';
  return 'openai:gpt-4o-mini';
}
