import type {
  ToolChoice as AnthropicToolChoice,
  MessageCreateParamsBase,
  Tool,
} from '@anthropic-ai/sdk/resources/messages';
import type { ModelRequest, ToolChoice } from '@kagura-ts/provider';
import { cacheControl, convertToAnthropicMessages } from './convert-to-anthropic-messages.js';

/** Options for {@link convertToAnthropicRequest}. */
export interface ConvertToAnthropicRequestOptions {
  /** The provider's name; `providerOptions[providerName]` is spread into the body. */
  providerName: string;
  /** The model id sent as `model`. */
  modelId: string;
  /** `max_tokens` when the request sets none (the API requires it). */
  defaultMaxTokens: number;
}

/**
 * A Messages API body. SDK 1.x no longer declares `temperature` and `top_p`, but the API still
 * takes them on the models that support sampling settings.
 */
export type AnthropicRequestBody = MessageCreateParamsBase & {
  temperature?: number;
  top_p?: number;
};

/** A Messages API body and how to read structured output from the reply. */
export interface AnthropicRequest {
  /** The body, without `stream`. */
  body: AnthropicRequestBody;
  /**
   * The tool forced to carry structured output: its input is the reply's JSON. `undefined` when
   * no schema was asked for.
   */
  responseToolName: string | undefined;
}

const jsonInstruction =
  'Reply with a single JSON object and nothing else: no prose, no Markdown code fences.';

/**
 * Builds a Messages API body from a Kagura request. Structured output with a schema forces a tool
 * whose input schema is that schema (the Messages API's dependable way to get schema-shaped
 * JSON); JSON without a schema adds an instruction to the system prompt. `seed` is not supported
 * and ignored. `providerOptions[providerName]` is spread last.
 */
export function convertToAnthropicRequest(
  request: ModelRequest,
  { providerName, modelId, defaultMaxTokens }: ConvertToAnthropicRequestOptions,
): AnthropicRequest {
  const breakpoints = request.promptCache?.breakpoints;
  const prompt = convertToAnthropicMessages(request.messages, breakpoints?.messages);
  const format = request.responseFormat;
  const schema = format?.type === 'json' ? format.schema : undefined;
  let system = prompt.system;
  if (format?.type === 'json' && schema === undefined) {
    system = system === undefined ? jsonInstruction : `${system}\n\n${jsonInstruction}`;
  }
  const tools: Tool[] = (request.tools ?? []).map((tool) => ({
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    input_schema: tool.inputSchema as Tool.InputSchema,
  }));
  let toolChoice =
    request.toolChoice === undefined ? undefined : convertToolChoice(request.toolChoice);
  let responseToolName: string | undefined;
  if (format?.type === 'json' && schema !== undefined) {
    responseToolName = format.name ?? 'response';
    tools.push({
      name: responseToolName,
      description: format.description ?? "Give the response as this tool's input.",
      input_schema: schema as Tool.InputSchema,
    });
    toolChoice = { type: 'tool', name: responseToolName };
  }
  const body: AnthropicRequestBody = {
    model: modelId,
    max_tokens: request.maxTokens ?? defaultMaxTokens,
    messages: prompt.messages,
  };
  if (system !== undefined) {
    body.system =
      breakpoints?.system === undefined
        ? system
        : [{ type: 'text', text: system, cache_control: cacheControl(breakpoints.system) }];
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop !== undefined && request.stop.length > 0) body.stop_sequences = request.stop;
  // The API rejects tool_choice without tools.
  if (tools.length > 0) {
    if (breakpoints?.tools !== undefined) {
      const last = tools.at(-1)!;
      tools[tools.length - 1] = { ...last, cache_control: cacheControl(breakpoints.tools) };
    }
    body.tools = tools;
    if (toolChoice !== undefined) body.tool_choice = toolChoice;
  }
  return {
    body: { ...body, ...request.providerOptions?.[providerName] } as AnthropicRequestBody,
    responseToolName,
  };
}

function convertToolChoice(toolChoice: ToolChoice): AnthropicToolChoice {
  switch (toolChoice) {
    case 'auto':
      return { type: 'auto' };
    case 'none':
      return { type: 'none' };
    case 'required':
      return { type: 'any' };
    default:
      return { type: 'tool', name: toolChoice.toolName };
  }
}
