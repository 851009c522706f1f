import {
  createTenantScope,
  InvalidArgumentError,
  LoadAPIKeyError,
  type Provider,
} from '@kagura-ts/core';
import OpenAI, { OpenAIError } from 'openai';
import { isOpenAIModel } from './is-openai-model.js';
import { OpenAILanguageModel } from './openai-language-model.js';

// Local OpenAI-compatible servers (Ollama, vLLM, LM Studio) ignore the key, but the SDK insists on
// one.
const placeholderAPIKey = 'kagura-no-key';
const defaultBaseURL = 'https://api.openai.com/v1';

/** Options for {@link createOpenAI}. */
export interface OpenAIProviderOptions {
  /**
   * The provider's name: the prefix in `'name:model'` and the key of `providerOptions`. Use
   * another name for an OpenAI-compatible server, e.g. `'ollama'`.
   * @default 'openai'
   */
  name?: string;
  /**
   * The API key. A provider named other than `'openai'` that has a `baseURL` but no key uses a
   * placeholder key, so local servers work without one (and `OPENAI_API_KEY` is never sent to
   * them).
   * @default process.env.OPENAI_API_KEY
   */
  apiKey?: string;
  /**
   * The API's base URL, e.g. `'http://localhost:11434/v1'` for Ollama.
   * @default process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1'
   */
  baseURL?: string;
  /**
   * The OpenAI organization id, sent as `OpenAI-Organization`.
   * @default process.env.OPENAI_ORG_ID
   */
  organization?: string;
  /**
   * The OpenAI project id, sent as `OpenAI-Project`.
   * @default process.env.OPENAI_PROJECT_ID
   */
  project?: string;
  /**
   * Headers sent with every request.
   * @default {}
   */
  headers?: Record<string, string>;
  /**
   * A `fetch` implementation, e.g. to add a proxy or record traffic.
   * @default globalThis.fetch
   */
  fetch?: typeof globalThis.fetch;
  /**
   * A prebuilt SDK client, used as is: the options above are then ignored. Give it
   * `maxRetries: 0` so that retries stay with the Kagura client.
   * @default a client built on first use from the options above, with `maxRetries: 0`
   */
  client?: OpenAI;
  /**
   * Whether a bare model name (no `name:` prefix) belongs to this provider.
   * @default OpenAI's model families (`gpt-*`, `o1`/`o3`/`o4-*`, `chatgpt-*`, ...) for `'openai'`,
   * none for any other name (write `'name:model'`)
   */
  isKnownModel?: (modelId: string) => boolean;
}

/**
 * Creates a provider for the OpenAI Chat Completions API, or for an OpenAI-compatible server
 * (Ollama, vLLM, LM Studio, ...). Creating it never throws and makes no request: the SDK client
 * is built on the first call, and a missing key is a `LoadAPIKeyError` then.
 *
 * @example
 * ```ts
 * const client = createClient({
 *   providers: {
 *     openai: createOpenAI(),
 *     ollama: createOpenAI({ name: 'ollama', baseURL: 'http://localhost:11434/v1' }),
 *   },
 *   model: 'openai:gpt-4o-mini',
 * });
 * ```
 */
export function createOpenAI(options: OpenAIProviderOptions = {}): Provider {
  const name = options.name ?? 'openai';
  const usesPlaceholderKey =
    name !== 'openai' && options.baseURL !== undefined && options.apiKey === undefined;
  let client = options.client;

  function getClient(): OpenAI {
    if (client !== undefined) return client;
    try {
      client = new OpenAI({
        apiKey: usesPlaceholderKey ? placeholderAPIKey : options.apiKey,
        baseURL: options.baseURL,
        organization: options.organization,
        project: options.project,
        defaultHeaders: options.headers,
        fetch: options.fetch,
        maxRetries: 0,
      });
    } catch (error) {
      if (error instanceof OpenAIError && resolveEnvironment().apiKey === undefined) {
        throw new LoadAPIKeyError({
          provider: name,
          environmentVariable: 'OPENAI_API_KEY',
          cause: error,
        });
      }
      throw error;
    }
    return client;
  }

  function resolveEnvironment() {
    return {
      apiKey: usesPlaceholderKey
        ? placeholderAPIKey
        : (options.apiKey ?? readEnv('OPENAI_API_KEY')),
      baseURL: options.baseURL ?? readEnv('OPENAI_BASE_URL') ?? defaultBaseURL,
      organization: options.organization ?? readEnv('OPENAI_ORG_ID'),
      project: options.project ?? readEnv('OPENAI_PROJECT_ID'),
    };
  }

  function getTenantScope(): string {
    // The built client holds what the SDK actually resolved; before the first call, resolve the
    // same way it will.
    const settings = client ?? resolveEnvironment();
    return createTenantScope([
      settings.apiKey,
      settings.baseURL,
      settings.organization,
      settings.project,
    ]);
  }

  return {
    name,
    languageModel(modelId: string) {
      if (modelId.trim() === '') {
        throw new InvalidArgumentError({
          argument: 'modelId',
          value: modelId,
          message: `the model id is empty. Write e.g. '${name}:gpt-4o-mini'.`,
        });
      }
      return new OpenAILanguageModel({
        provider: name,
        modelId,
        getClient,
        getTenantScope,
        maxTokensField: name === 'openai' ? 'max_completion_tokens' : 'max_tokens',
      });
    },
    isKnownModel(modelId: string) {
      if (options.isKnownModel !== undefined) return options.isKnownModel(modelId);
      return name === 'openai' && isOpenAIModel(modelId);
    },
  };
}

// The SDK's own reading: trimmed, and empty counts as unset.
function readEnv(variable: string): string | undefined {
  return process.env[variable]?.trim() || undefined;
}
