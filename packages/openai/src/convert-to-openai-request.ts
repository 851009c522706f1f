import type { ModelRequest, ResponseFormat, ToolChoice } from '@kagura-ts/provider';
import type {
  ChatCompletionCreateParamsBase,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';
import { convertToOpenAIMessages } from './convert-to-openai-messages.js';
import { isStrictJsonSchema } from './is-strict-json-schema.js';

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
}

/**
 * Builds a Chat Completions request body (without `stream`) from a Kagura request.
 * `providerOptions[providerName]` is spread last, so it can set or override any field.
 */
export function convertToOpenAIRequest(
  request: ModelRequest,
  { providerName, modelId, maxTokensField }: ConvertToOpenAIRequestOptions,
): ChatCompletionCreateParamsBase {
  const body: Record<string, unknown> = {
    model: modelId,
    messages: convertToOpenAIMessages(request.messages),
  };
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
