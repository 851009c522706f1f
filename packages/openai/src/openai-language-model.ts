import type {
  LanguageModel,
  ModelRequest,
  ModelResult,
  PromptCacheRules,
  StreamEvent,
  ToolCallPart,
  TransportOptions,
} from '@kagura-ts/provider';
import { APICallError, parseToolInput, specificationVersion } from '@kagura-ts/provider';
import type OpenAI from 'openai';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { acceptsPromptCacheBreakpoints } from './accepts-prompt-cache-breakpoints.js';
import { convertOpenAIStream } from './convert-openai-stream.js';
import { convertOpenAIUsage } from './convert-openai-usage.js';
import { convertToOpenAIRequest } from './convert-to-openai-request.js';
import type { OpenAIModule } from './load-openai.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { mapOpenAIError } from './openai-error.js';
import { openAIPromptCacheRules } from './openai-prompt-cache-rules.js';

/** An SDK client, and the loaded `openai` module whose error classes it throws. */
export interface OpenAIClientHandle {
  /** The SDK client. */
  client: OpenAI;
  /** The `openai` module. */
  sdk: OpenAIModule;
}

/** How a provider configures its {@link OpenAILanguageModel}. */
export interface OpenAILanguageModelSettings {
  /** The provider's name, e.g. `'openai'` or `'ollama'`. */
  provider: string;
  /** The model id, e.g. `'gpt-4o-mini'`. */
  modelId: string;
  /**
   * Loads the SDK and builds the client on first use, then resolves the same one. Rejects before
   * any request: `LoadAPIKeyError` without a key, `LoadSDKError` when the SDK cannot be loaded.
   */
  getClient: () => Promise<OpenAIClientHandle>;
  /** Returns the tenant scope (a hash of key, base URL, organization and project). */
  getTenantScope: () => string;
  /** The body field that carries `maxTokens`. */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /** Whether requests carry `prompt_cache_key`. */
  promptCacheKey: boolean;
  /**
   * Whether the server takes `prompt_cache_breakpoint` markers: requests carry them for a model
   * that takes them (gpt-5.6 and later).
   * @default false
   */
  promptCacheBreakpoints?: boolean;
}

/** A Chat Completions model of OpenAI or of an OpenAI-compatible server. */
export class OpenAILanguageModel implements LanguageModel {
  /** The provider spec version it implements. */
  readonly specificationVersion = specificationVersion;
  /** The provider's name. */
  readonly provider: string;
  /** The model id. */
  readonly modelId: string;
  /**
   * What its prompt cache takes: OpenAI caches prompts of 1024 tokens or more by itself; three
   * breakpoints for a model that takes them (gpt-5.6 and later) where the provider sends them,
   * none otherwise; and a routing key where the provider sends one.
   */
  readonly promptCache: PromptCacheRules;
  private readonly settings: OpenAILanguageModelSettings;
  private readonly sendsBreakpoints: boolean;

  constructor(settings: OpenAILanguageModelSettings) {
    this.settings = settings;
    this.provider = settings.provider;
    this.modelId = settings.modelId;
    this.sendsBreakpoints =
      settings.promptCacheBreakpoints === true && acceptsPromptCacheBreakpoints(settings.modelId);
    this.promptCache = openAIPromptCacheRules({
      breakpoints: this.sendsBreakpoints,
      key: settings.promptCacheKey,
    });
  }

  /** A hash of the API key, base URL, organization and project; never the key itself. */
  get tenantScope(): string {
    return this.settings.getTenantScope();
  }

  /** Sends one request and waits for the whole reply. */
  async generate(request: ModelRequest, transport: TransportOptions = {}): Promise<ModelResult> {
    const handle = await this.settings.getClient();
    const { client } = handle;
    const body = this.toBody(request);
    let response: ChatCompletion;
    try {
      response = await client.chat.completions.create(
        { ...body, stream: false },
        { signal: transport.abortSignal, headers: transport.headers },
      );
    } catch (error) {
      throw this.mapError(error, handle, transport);
    }
    if (typeof response !== 'object' || response === null || !Array.isArray(response.choices)) {
      throw new APICallError({
        provider: this.provider,
        message: `The server at ${client.baseURL} did not answer with a chat completion (got ${JSON.stringify(response)?.slice(0, 200)}). Check the base URL.`,
        isRetryable: false,
        responseBody: response,
      });
    }
    const message = response.choices[0]?.message;
    const toolCalls: ToolCallPart[] = [];
    for (const call of message?.tool_calls ?? []) {
      if (call.type !== 'function') continue;
      toolCalls.push({
        type: 'tool-call',
        toolCallId: call.id,
        toolName: call.function.name,
        input: parseToolInput(call.function.arguments),
      });
    }
    return {
      text: message?.content ?? '',
      toolCalls,
      finishReason: mapOpenAIFinishReason(response.choices[0]?.finish_reason),
      usage: convertOpenAIUsage(response.usage),
      model: response.model ?? this.modelId,
      raw: response,
    };
  }

  /** Sends one streaming request; resolves once the response headers arrived. */
  async stream(
    request: ModelRequest,
    transport: TransportOptions = {},
  ): Promise<AsyncIterable<StreamEvent>> {
    // Only the first call waits for the SDK to load; later ones find the client built.
    const handle = await this.settings.getClient();
    const { client, sdk } = handle;
    const body = this.toBody(request);
    try {
      const stream = await client.chat.completions.create(
        { ...body, stream: true, stream_options: { include_usage: true } },
        { signal: transport.abortSignal, headers: transport.headers },
      );
      return convertOpenAIStream(stream, {
        provider: this.provider,
        modelId: this.modelId,
        abortSignal: transport.abortSignal,
        baseURL: client.baseURL,
        sdk,
      });
    } catch (error) {
      throw this.mapError(error, handle, transport);
    }
  }

  private toBody(request: ModelRequest) {
    return convertToOpenAIRequest(request, {
      providerName: this.provider,
      modelId: this.modelId,
      maxTokensField: this.settings.maxTokensField,
      promptCacheBreakpoints: this.sendsBreakpoints,
    });
  }

  private mapError(
    error: unknown,
    { client, sdk }: OpenAIClientHandle,
    transport: TransportOptions,
  ): unknown {
    return mapOpenAIError(error, {
      provider: this.provider,
      abortSignal: transport.abortSignal,
      baseURL: client.baseURL,
      sdk,
    });
  }
}
