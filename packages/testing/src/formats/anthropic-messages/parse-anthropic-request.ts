import { isRecord } from '@kagura-ts/provider';
import type { ParsedRequest } from '../../wire/parsed-request.js';
import type { SimulatorMessage } from '../../wire/simulator-message.js';
import type { SimulatorTool } from '../../wire/simulator-tool.js';
import { textOfContent } from '../../wire/text-of-content.js';
import { ANTHROPIC_LOOKBACK_BLOCKS } from './anthropic-lookback-blocks.js';
import { anthropicMinimumCacheTokens } from './anthropic-minimum-cache-tokens.js';
import { parseAnthropicPrompt } from './parse-anthropic-prompt.js';

function parseTools(tools: unknown): SimulatorTool[] {
  if (!Array.isArray(tools)) return [];
  const result: SimulatorTool[] = [];
  for (const tool of tools) {
    // Server tools (web search, bash, ...) have no input_schema; the simulator cannot call them.
    if (!isRecord(tool) || typeof tool.name !== 'string' || tool.input_schema === undefined)
      continue;
    result.push({
      name: tool.name,
      ...(typeof tool.description === 'string' && { description: tool.description }),
      inputSchema: tool.input_schema,
    });
  }
  return result;
}

function forcedToolOf(choice: unknown, tools: SimulatorTool[]): SimulatorTool | undefined {
  if (!isRecord(choice)) return undefined;
  if (choice.type === 'any') return tools[0];
  if (choice.type === 'tool') return tools.find((tool) => tool.name === choice.name);
  return undefined;
}

function outputSchemaOf(body: Record<string, unknown>): unknown {
  // `output_config.format` is the current field; `output_format` is the older beta spelling.
  const format = isRecord(body.output_config) ? body.output_config.format : body.output_format;
  return isRecord(format) && format.type === 'json_schema' ? (format.schema ?? {}) : undefined;
}

/**
 * Reads an Anthropic messages request body; returns an error message when it is not a valid
 * request.
 */
export function parseAnthropicRequest(body: Record<string, unknown>): ParsedRequest | string {
  if (typeof body.model !== 'string') return 'model: Field required';
  if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(body.messages)) return 'messages: Field required';
  const prompt = parseAnthropicPrompt(body);
  if (typeof prompt === 'string') return prompt;
  const messages: SimulatorMessage[] = [];
  for (const message of body.messages) {
    if (!isRecord(message)) continue;
    const role = typeof message.role === 'string' ? message.role : 'user';
    messages.push({ role, text: textOfContent(message.content) });
  }
  const lastUser = messages.findLast((message) => message.role === 'user');
  const tools = parseTools(body.tools);
  const stop = body.stop_sequences;
  return {
    info: {
      model: body.model,
      system: textOfContent(body.system),
      messages,
      lastUserText: lastUser?.text ?? '',
      tools,
      stream: body.stream === true,
      maxTokens: body.max_tokens,
      body,
    },
    outputSchema: outputSchemaOf(body),
    jsonObject: false,
    forcedTool: forcedToolOf(body.tool_choice, tools),
    stopSequences: Array.isArray(stop)
      ? stop.filter((value): value is string => typeof value === 'string')
      : [],
    includeUsage: true,
    contentKey: JSON.stringify([
      body.model,
      body.system,
      body.messages,
      body.temperature,
      body.top_p,
      body.top_k,
      body.tools,
      body.tool_choice,
      body.output_config,
    ]),
    prompt,
    promptCache: {
      mode: 'breakpoints',
      minimumTokens: anthropicMinimumCacheTokens(body.model),
      incrementTokens: 1,
      ttlMs: 0,
      partition: '',
      // Each breakpoint checks its own block and the 19 before it for an earlier write.
      lookbackBlocks: ANTHROPIC_LOOKBACK_BLOCKS,
    },
  };
}
