import { isRecord } from '@kagura-ts/provider';
import type { ParsedRequest } from '../../wire/parsed-request.js';
import type { SimulatorMessage } from '../../wire/simulator-message.js';
import type { SimulatorTool } from '../../wire/simulator-tool.js';
import { textOfContent } from '../../wire/text-of-content.js';
import { parseOpenAIPrompt } from './parse-openai-prompt.js';

// Prompts are cached from 1024 tokens on, in steps of 128; an unused prefix is kept at least
// 5 minutes (the API says 5-10), or 24 hours with `prompt_cache_retention: '24h'`.
const MINIMUM_CACHE_TOKENS = 1024;
const CACHE_INCREMENT_TOKENS = 128;
const RETENTION_MS: Readonly<Record<string, number>> = {
  in_memory: 5 * 60_000,
  '24h': 24 * 60 * 60_000,
};

function parseTools(tools: unknown): SimulatorTool[] {
  if (!Array.isArray(tools)) return [];
  const result: SimulatorTool[] = [];
  for (const tool of tools) {
    const definition = isRecord(tool) && isRecord(tool.function) ? tool.function : undefined;
    if (definition === undefined || typeof definition.name !== 'string') continue;
    result.push({
      name: definition.name,
      ...(typeof definition.description === 'string' && { description: definition.description }),
      inputSchema: definition.parameters ?? { type: 'object', properties: {} },
    });
  }
  return result;
}

function forcedToolOf(choice: unknown, tools: SimulatorTool[]): SimulatorTool | undefined {
  if (choice === 'required') return tools[0];
  if (isRecord(choice) && isRecord(choice.function)) {
    const name = choice.function.name;
    return tools.find((tool) => tool.name === name);
  }
  return undefined;
}

/**
 * Reads an OpenAI chat completions request body; returns an error message when it is not a
 * valid request.
 */
export function parseOpenAIRequest(body: Record<string, unknown>): ParsedRequest | string {
  if (typeof body.model !== 'string') return "you must provide a model parameter ('model').";
  if (!Array.isArray(body.messages)) return "Missing required parameter: 'messages'.";
  const retention = body.prompt_cache_retention ?? 'in_memory';
  const ttlMs =
    typeof retention === 'string' && Object.hasOwn(RETENTION_MS, retention)
      ? RETENTION_MS[retention]
      : undefined;
  if (ttlMs === undefined) {
    return `Invalid value for 'prompt_cache_retention': ${JSON.stringify(retention)}. Supported values are: 'in_memory' and '24h'.`;
  }
  const system: string[] = [];
  const messages: SimulatorMessage[] = [];
  for (const message of body.messages) {
    if (!isRecord(message)) continue;
    const role = typeof message.role === 'string' ? message.role : 'user';
    const text = textOfContent(message.content);
    if (role === 'system' || role === 'developer') system.push(text);
    else messages.push({ role, text });
  }
  const lastUser = messages.findLast((message) => message.role === 'user');
  const tools = parseTools(body.tools);
  const format = isRecord(body.response_format) ? body.response_format : undefined;
  const schemaFormat =
    format?.type === 'json_schema' && isRecord(format.json_schema) ? format.json_schema : undefined;
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  const stop = body.stop;
  return {
    info: {
      model: body.model,
      system: system.join('\n'),
      messages,
      lastUserText: lastUser?.text ?? '',
      tools,
      stream: body.stream === true,
      maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
      body,
    },
    outputSchema: schemaFormat === undefined ? undefined : (schemaFormat.schema ?? {}),
    jsonObject: format?.type === 'json_object',
    forcedTool: forcedToolOf(body.tool_choice, tools),
    stopSequences:
      typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop.filter(isText) : [],
    includeUsage: isRecord(body.stream_options) && body.stream_options.include_usage === true,
    contentKey: JSON.stringify([
      body.model,
      body.messages,
      body.temperature,
      body.top_p,
      body.seed,
      body.tools,
      body.tool_choice,
      body.response_format,
    ]),
    prompt: parseOpenAIPrompt(body),
    promptCache: {
      mode: 'automatic',
      minimumTokens: MINIMUM_CACHE_TOKENS,
      incrementTokens: CACHE_INCREMENT_TOKENS,
      ttlMs,
      partition: typeof body.prompt_cache_key === 'string' ? body.prompt_cache_key : '',
    },
  };
}

function isText(value: unknown): value is string {
  return typeof value === 'string';
}
