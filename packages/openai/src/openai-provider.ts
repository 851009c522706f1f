import {
  createTenantScope,
  InvalidArgumentError,
  LoadAPIKeyError,
  type Provider,
  readEnv,
  shareUntilFailure,
} from '@kagura-ts/provider';
import type OpenAI from 'openai';
import { isOpenAIModel } from './is-openai-model.js';
import { loadOpenAI } from './load-openai.js';
import { type OpenAIClientHandle, OpenAILanguageModel } from './openai-language-model.js';

// Local OpenAI-compatible servers (Ollama, vLLM, LM Studio) ignore the key, but the SDK's
// constructor insists on one (it throws "Missing credentials" without), so they get this.
const placeholderAPIKey = 'kagura-no-key';
const defaultBaseURL = 'https://api.openai.com/v1';
const openAIHostname = 'api.openai.com';

/** Options for {@link createOpenAI}. */
export interface OpenAIProviderOptions {
  /**
   * The provider's name: the prefix in `'name:model'` and the key of `providerOptions`. Use
   * another name for an OpenAI-compatible server, e.g. `'ollama'`.
   * @default 'openai'
   */
  name?: string;
  /**
   * The API key. Without one, a provider whose base URL is not OpenAI's (a `baseURL` option, or
   * `OPENAI_BASE_URL` such as `http://localhost:11434/v1`) sends the placeholder
   * `'kagura-no-key'`, so local servers work with no key. A provider named other than `'openai'`
   * that has a `baseURL` never reads `OPENAI_API_KEY`, so that key is not sent to it.
   * @default process.env.OPENAI_API_KEY, else the placeholder for a server other than
   * api.openai.com
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
   * Whether requests carry a `prompt_cache_key` (one per tenant and agent, unless a call gives
   * its own), so that OpenAI sends requests sharing a prefix to the same cache. Other servers
   * may not know the field.
   * @default true for OpenAI's API, false for another server (a `baseURL` that is not OpenAI's)
   */
  promptCacheKey?: boolean;
  /**
   * Whether requests to a model that takes explicit prompt-cache breakpoints (gpt-5.6 and later)
   * mark where their prompt's stable prefix ends, with `prompt_cache_breakpoint` on content
   * parts, so that OpenAI caches exactly through the system instructions and the latest turns
   * (on top of its own automatic breakpoint). Older models never get them. Set it for a proxy of
   * OpenAI's API at another URL; other servers may reject the field.
   * @default true for OpenAI's API, false for another server (a `baseURL` that is not OpenAI's)
   */
  promptCacheBreakpoints?: boolean;
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
   * @default for `'openai'`: OpenAI's model families (`gpt-*`, `o1`/`o3`/`o4-*`, `chatgpt-*`,
   * ...), and every name (`'qwen3:8b'`, `'llama3.2:3b'`) when its base URL is not
   * api.openai.com; for any other name: none (write `'name:model'`)
   */
  isKnownModel?: (modelId: string) => boolean;
}

/**
 * Creates a provider for the OpenAI Chat Completions API, or for an OpenAI-compatible server
 * (Ollama, vLLM, LM Studio, ...). Creating it never throws and makes no request: the `openai`
 * SDK is loaded and its client built on the first call, and a missing key is a
 * `LoadAPIKeyError` then, before anything is sent (only for api.openai.com: another server gets a
 * placeholder key).
 *
 * With no options it is configured by the environment alone, as the SDK is:
 * `OPENAI_BASE_URL=http://localhost:11434/v1` points it at Ollama, with no key needed.
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
  // A named compatible server is not OpenAI: OPENAI_API_KEY must not leak to it.
  const ignoresEnvironmentKey = name !== 'openai' && options.baseURL !== undefined;
  // The built client, once there is one: the tenant scope and isKnownModel read it as it is.
  let client = options.client;
  // One build for concurrent first calls; a failed one (no key) is retried by the next call,
  // which reads the environment again.
  const getClient = shareUntilFailure(buildClient);

  async function buildClient(): Promise<OpenAIClientHandle> {
    const sdk = await loadOpenAI();
    if (client !== undefined) return { client, sdk };
    const settings = resolveSettings();
    try {
      client = new sdk.default({
        apiKey: settings.apiKey,
        baseURL: settings.baseURL,
        organization: options.organization,
        project: options.project,
        defaultHeaders: options.headers,
        fetch: options.fetch,
        maxRetries: 0,
      });
    } catch (error) {
      if (error instanceof sdk.OpenAIError && settings.apiKey === undefined) {
        throw new LoadAPIKeyError({
          provider: name,
          environmentVariable: 'OPENAI_API_KEY',
          cause: error,
        });
      }
      throw error;
    }
    return { client, sdk };
  }

  // Read on each use, as the SDK would read it when the client is built: the environment may be
  // set after the provider is created (the default client is created on first use).
  function resolveSettings() {
    const baseURL = options.baseURL ?? readEnv('OPENAI_BASE_URL') ?? defaultBaseURL;
    const key = options.apiKey ?? (ignoresEnvironmentKey ? undefined : readEnv('OPENAI_API_KEY'));
    return {
      apiKey: key ?? (isOpenAIBaseURL(baseURL) ? undefined : placeholderAPIKey),
      baseURL,
      organization: options.organization ?? readEnv('OPENAI_ORG_ID'),
      project: options.project ?? readEnv('OPENAI_PROJECT_ID'),
    };
  }

  function getTenantScope(): string {
    // The built client holds what the SDK actually resolved; before the first call, resolve the
    // same way it will.
    const settings = client ?? resolveSettings();
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
      const isOpenAI = isOpenAIBaseURL(client?.baseURL ?? resolveSettings().baseURL);
      return new OpenAILanguageModel({
        provider: name,
        modelId,
        getClient,
        getTenantScope,
        maxTokensField: name === 'openai' ? 'max_completion_tokens' : 'max_tokens',
        promptCacheKey: options.promptCacheKey ?? isOpenAI,
        promptCacheBreakpoints: options.promptCacheBreakpoints ?? isOpenAI,
      });
    },
    isKnownModel(modelId: string) {
      if (options.isKnownModel !== undefined) return options.isKnownModel(modelId);
      if (name !== 'openai') return false;
      // Pointed at Ollama, vLLM or LM Studio (by OPENAI_BASE_URL alone, say), the default
      // provider serves whatever that server has: 'qwen3:8b' needs no prefix.
      const baseURL = client?.baseURL ?? resolveSettings().baseURL;
      return isOpenAIModel(modelId) || !isOpenAIBaseURL(baseURL);
    },
  };
}

function isOpenAIBaseURL(baseURL: string): boolean {
  try {
    return new URL(baseURL).hostname === openAIHostname;
  } catch {
    // Not a URL: the SDK will say so on the first call; it is not OpenAI's endpoint either way.
    return false;
  }
}
