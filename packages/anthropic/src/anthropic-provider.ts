import type Anthropic from '@anthropic-ai/sdk';
import {
  createTenantScope,
  InvalidArgumentError,
  type Provider,
  readEnv,
  shareUntilFailure,
} from '@kagura-ts/provider';
import { type AnthropicClientHandle, AnthropicLanguageModel } from './anthropic-language-model.js';
import { loadAnthropic } from './load-anthropic.js';

const defaultBaseURL = 'https://api.anthropic.com';

/** Options for {@link createAnthropic}. */
export interface AnthropicProviderOptions {
  /**
   * The provider's name: the prefix in `'name:model'` and the key of `providerOptions`.
   * @default 'anthropic'
   */
  name?: string;
  /**
   * The API key.
   * @default process.env.ANTHROPIC_API_KEY
   */
  apiKey?: string;
  /**
   * An OAuth bearer token, instead of an API key.
   * @default process.env.ANTHROPIC_AUTH_TOKEN (when no API key is set)
   */
  authToken?: string;
  /**
   * The API's base URL (the SDK appends `/v1/messages`).
   * @default process.env.ANTHROPIC_BASE_URL ?? 'https://api.anthropic.com'
   */
  baseURL?: string;
  /**
   * Headers sent with every request, e.g. `{ 'anthropic-beta': '...' }`.
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
  client?: Anthropic;
  /**
   * Whether a bare model name (no `name:` prefix) belongs to this provider.
   * @default `claude-*` for `'anthropic'`, none for any other name (write `'name:model'`)
   */
  isKnownModel?: (modelId: string) => boolean;
  /**
   * `max_tokens` for requests that set no `maxTokens` (the Messages API requires one).
   * @default 4096
   */
  defaultMaxTokens?: number;
}

/**
 * Creates a provider for the Anthropic Messages API. Creating it never throws and makes no
 * request: the `@anthropic-ai/sdk` SDK is loaded and its client built on the first call. Without
 * an API key, a token or an SDK profile, a call fails with `LoadAPIKeyError` before anything is
 * sent.
 *
 * @example
 * ```ts
 * const client = createClient({
 *   providers: { anthropic: createAnthropic() },
 *   model: 'anthropic:claude-haiku-4-5',
 * });
 * ```
 */
export function createAnthropic(options: AnthropicProviderOptions = {}): Provider {
  const name = options.name ?? 'anthropic';
  const defaultMaxTokens = options.defaultMaxTokens ?? 4096;
  // The built client, once there is one: the tenant scope reads it as it is.
  let client = options.client;
  // One build for concurrent first calls; a failed one is retried by the next call.
  const getClient = shareUntilFailure(buildClient);

  async function buildClient(): Promise<AnthropicClientHandle> {
    const sdk = await loadAnthropic();
    if (client !== undefined) return { client, sdk };
    try {
      client = new sdk.default({
        apiKey: options.apiKey,
        authToken: options.authToken,
        baseURL: options.baseURL,
        defaultHeaders: options.headers,
        fetch: options.fetch,
        maxRetries: 0,
      });
    } catch (error) {
      // The SDK refuses an API key and a token together.
      throw new InvalidArgumentError({
        argument: 'apiKey',
        value: '(hidden)',
        message: `${error instanceof Error ? error.message : String(error)} Pass either apiKey or authToken.`,
      });
    }
    return { client, sdk };
  }

  function getTenantScope(): string {
    if (client !== undefined) {
      return createTenantScope([client.apiKey, client.authToken, client.baseURL]);
    }
    // Before the first call, resolve the way the SDK will: an explicit credential wins, and the
    // environment is read only when none was passed.
    const explicit = options.apiKey !== undefined || options.authToken !== undefined;
    const apiKey = explicit ? options.apiKey : readEnv('ANTHROPIC_API_KEY');
    const authToken = explicit
      ? options.authToken
      : apiKey === undefined
        ? readEnv('ANTHROPIC_AUTH_TOKEN')
        : undefined;
    const baseURL = options.baseURL || readEnv('ANTHROPIC_BASE_URL') || defaultBaseURL;
    return createTenantScope([apiKey, authToken, baseURL]);
  }

  return {
    name,
    languageModel(modelId: string) {
      if (modelId.trim() === '') {
        throw new InvalidArgumentError({
          argument: 'modelId',
          value: modelId,
          message: `the model id is empty. Write e.g. '${name}:claude-haiku-4-5'.`,
        });
      }
      return new AnthropicLanguageModel({
        provider: name,
        modelId,
        getClient,
        getTenantScope,
        defaultMaxTokens,
      });
    },
    isKnownModel(modelId: string) {
      if (options.isKnownModel !== undefined) return options.isKnownModel(modelId);
      // A second account under another name must be named in full ('research:claude-...'), or
      // a bare 'claude-...' would be ambiguous.
      return name === 'anthropic' && modelId.startsWith('claude-');
    },
  };
}
