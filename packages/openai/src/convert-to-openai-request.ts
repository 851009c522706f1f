import type { ModelRequest, ResponseFormat, ToolChoice } from '@kagura-ts/provider';
import type {
  ChatCompletionCreateParamsBase,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';
import { convertToOpenAIMessages } from './convert-to-openai-messages.js';
import { isStrictJsonSchema } from './is-strict-json-schema.js';
import { markOpenAICacheBreakpoint } from './mark-openai-cache-breakpoint.js';

/** Options for {@link convertToOpenAIRequest}. */
export interface ConvertToOpenAIRequestOptions {
  /** The provider's name; `providerOptions[providerName]` is spread into the body. */
  providerName: string;
  /** The model id sent as `model`. */
  modelId: string;
  /**
   * The body field that carries `maxTokens`: OpenAI deprecated `max_tokens` for
   * `max_completion_tokens`, but most compatible servers only know `max_tokens`.
   */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /**
   * Whether `request.promptCache.breakpoints` are sent as `prompt_cache_breakpoint` markers: only
   * for a model and server that take them (gpt-5.6 and later on OpenAI's API), since another
   * server may reject the field.
   * @default false
   */
  promptCacheBreakpoints?: boolean;
}

/**
 * Builds a Chat Completions request body (without `stream`) from a Kagura request.
 * `providerOptions[providerName]` is spread last, so it can set or override any field.
 */
export function convertToOpenAIRequest(
  request: ModelRequest,
  { providerName, modelId, maxTokensField, promptCacheBreakpoints }: ConvertToOpenAIRequestOptions,
): ChatCompletionCreateParamsBase {
  const breakpoints = promptCacheBreakpoints ? request.promptCache?.breakpoints : undefined;
  const messages = convertToOpenAIMessages(request.messages, breakpoints?.messages);
  // OpenAI has no breakpoint on tools: they are rendered ahead of the messages, so the prefix
  // through the system instructions holds them. A tools breakpoint stands in for a missing system
  // one; beside a system one it adds nothing (that prefix already holds the tools), so it is
  // dropped, as it is when there is no system message to carry it.
  const systemBreakpoint = breakpoints?.system ?? breakpoints?.tools;
  if (systemBreakpoint !== undefined) {
    // System messages stay in place in Chat Completions: the last one ends the instructions.
    const lastSystem = messages.findLastIndex(
      (message) => message.role === 'system' || message.role === 'developer',
    );
    if (lastSystem !== -1) markOpenAICacheBreakpoint(messages, lastSystem, systemBreakpoint);
  }
  // Never `prompt_cache_options` (its default, implicit mode, is the one the rules assume) nor
  // the deprecated `prompt_cache_retention`.
  const body: Record<string, unknown> = { model: modelId, messages };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.maxTokens !== undefined) body[maxTokensField] = request.maxTokens;
  if (request.stop !== undefined && request.stop.length > 0) body.stop = request.stop;
  if (request.seed !== undefined) body.seed = request.seed;
  const responseFormat = convertResponseFormat(request.responseFormat);
  if (responseFormat !== undefined) body.response_format = responseFormat;
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.inputSchema,
      },
    }));
  }
  if (request.toolChoice !== undefined) body.tool_choice = convertToolChoice(request.toolChoice);
  if (request.promptCache?.key !== undefined) body.prompt_cache_key = request.promptCache.key;
  return {
    ...body,
    ...request.providerOptions?.[providerName],
  } as unknown as ChatCompletionCreateParamsBase;
}

function convertResponseFormat(
  format: ResponseFormat | undefined,
): ChatCompletionCreateParamsBase['response_format'] {
  if (format === undefined || format.type === 'text') return undefined;
  if (format.schema === undefined) return { type: 'json_object' };
  return {
    type: 'json_schema',
    json_schema: {
      name: format.name ?? 'response',
      ...(format.description === undefined ? {} : { description: format.description }),
      schema: format.schema,
      // Strict mode rejects schemas with open objects or optional properties (a 400), so it is
      // only asked for when the schema already fits it.
      strict: isStrictJsonSchema(format.schema),
    },
  };
}

function convertToolChoice(toolChoice: ToolChoice): ChatCompletionToolChoiceOption {
  if (typeof toolChoice === 'string') return toolChoice;
  return { type: 'function', function: { name: toolChoice.toolName } };
}
