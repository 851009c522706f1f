import type Anthropic from '@anthropic-ai/sdk';
import type { Message as AnthropicMessage } from '@anthropic-ai/sdk/resources/messages';
import type {
  LanguageModel,
  ModelRequest,
  ModelResult,
  PromptCacheRules,
  StreamEvent,
  ToolCallPart,
  TransportOptions,
} from '@kagura-ts/provider';
import { APICallError, specificationVersion } from '@kagura-ts/provider';
import { mapAnthropicError } from './anthropic-error.js';
import { anthropicPromptCacheRules } from './anthropic-prompt-cache-rules.js';
import { convertAnthropicStream } from './convert-anthropic-stream.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import {
  type AnthropicRequest,
  convertToAnthropicRequest,
} from './convert-to-anthropic-request.js';
import type { AnthropicModule } from './load-anthropic.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';

/** An SDK client, and the loaded `@anthropic-ai/sdk` module whose error classes it throws. */
export interface AnthropicClientHandle {
  /** The SDK client. */
  client: Anthropic;
  /** The `@anthropic-ai/sdk` module. */
  sdk: AnthropicModule;
}

/** How a provider configures its {@link AnthropicLanguageModel}. */
export interface AnthropicLanguageModelSettings {
  /** The provider's name, e.g. `'anthropic'`. */
  provider: string;
  /** The model id, e.g. `'claude-haiku-4-5'`. */
  modelId: string;
  /**
   * Loads the SDK and builds the client on first use, then resolves the same one. Rejects before
   * any request: `InvalidArgumentError` for a key and a token together, `LoadSDKError` when the
   * SDK cannot be loaded.
   */
  getClient: () => Promise<AnthropicClientHandle>;
  /** Returns the tenant scope (a hash of the key or token and the base URL). */
  getTenantScope: () => string;
  /** `max_tokens` when a request sets none. */
  defaultMaxTokens: number;
}

/** A Messages API model of Anthropic. */
export class AnthropicLanguageModel implements LanguageModel {
  /** The provider spec version it implements. */
  readonly specificationVersion = specificationVersion;
  /** The provider's name. */
  readonly provider: string;
  /** The model id. */
  readonly modelId: string;
  /** What its prompt cache takes: four breakpoints, and the model's minimum prefix. */
  readonly promptCache: PromptCacheRules;
  private readonly settings: AnthropicLanguageModelSettings;

  constructor(settings: AnthropicLanguageModelSettings) {
    this.settings = settings;
    this.provider = settings.provider;
    this.modelId = settings.modelId;
    this.promptCache = anthropicPromptCacheRules(settings.modelId);
  }

  /** A hash of the API key or token and the base URL; never the key itself. */
  get tenantScope(): string {
    return this.settings.getTenantScope();
  }

  /** Sends one request and waits for the whole reply. */
  async generate(request: ModelRequest, transport: TransportOptions = {}): Promise<ModelResult> {
    const handle = await this.settings.getClient();
    const { client } = handle;
    const { body, responseToolName } = this.toRequest(request);
    let message: AnthropicMessage;
    try {
      message = await client.messages.create(
        { ...body, stream: false },
        { signal: transport.abortSignal, headers: transport.headers },
      );
    } catch (error) {
      throw this.mapError(error, handle, transport);
    }
    if (typeof message !== 'object' || message === null || !Array.isArray(message.content)) {
      throw new APICallError({
        provider: this.provider,
        message: `The server at ${client.baseURL} did not answer with a message (got ${JSON.stringify(message)?.slice(0, 200)}). Check the base URL.`,
        isRetryable: false,
        responseBody: message,
      });
    }
    let text = '';
    let responseInput: unknown;
    const toolCalls: ToolCallPart[] = [];
    for (const block of message.content) {
      if (block.type === 'text') text += block.text;
      if (block.type !== 'tool_use') continue;
      if (block.name === responseToolName && responseInput === undefined) {
        responseInput = block.input ?? {};
        continue;
      }
      toolCalls.push({
        type: 'tool-call',
        toolCallId: block.id,
        toolName: block.name,
        input: block.input,
      });
    }
    return {
      text: responseInput === undefined ? text : JSON.stringify(responseInput),
      toolCalls,
      finishReason:
        responseInput === undefined ? mapAnthropicFinishReason(message.stop_reason) : 'stop',
      usage: convertAnthropicUsage(message.usage),
      model: message.model ?? this.modelId,
      raw: message,
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
    const { body, responseToolName } = this.toRequest(request);
    try {
      const stream = await client.messages.create(
        { ...body, stream: true },
        { signal: transport.abortSignal, headers: transport.headers },
      );
      return convertAnthropicStream(stream, {
        provider: this.provider,
        modelId: this.modelId,
        responseToolName,
        abortSignal: transport.abortSignal,
        baseURL: client.baseURL,
        sdk,
      });
    } catch (error) {
      throw this.mapError(error, handle, transport);
    }
  }

  private toRequest(request: ModelRequest): AnthropicRequest {
    return convertToAnthropicRequest(request, {
      providerName: this.provider,
      modelId: this.modelId,
      defaultMaxTokens: this.settings.defaultMaxTokens,
    });
  }

  private mapError(
    error: unknown,
    { client, sdk }: AnthropicClientHandle,
    transport: TransportOptions,
  ): unknown {
    return mapAnthropicError(error, {
      provider: this.provider,
      abortSignal: transport.abortSignal,
      baseURL: client.baseURL,
      sdk,
    });
  }
}
