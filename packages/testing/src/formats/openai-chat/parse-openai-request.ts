import { isRecord } from '@kagura-ts/provider';
import type { ParsedRequest } from '../../wire/parsed-request.js';
import type { SimulatorMessage } from '../../wire/simulator-message.js';
import type { SimulatorTool } from '../../wire/simulator-tool.js';
import { textOfContent } from '../../wire/text-of-content.js';
import { openaiTakesCacheBreakpoints } from './openai-takes-cache-breakpoints.js';
import { type OpenAIPromptBreakpoints, parseOpenAIPrompt } from './parse-openai-prompt.js';

// Prompts are cached from 1024 tokens on, in steps of 128; an unused prefix is kept at least
// 5 minutes (the API says 5-10), or 24 hours with `prompt_cache_retention: '24h'`.
const MINIMUM_CACHE_TOKENS = 1024;
const CACHE_INCREMENT_TOKENS = 128;
const RETENTION_MS: Readonly<Record<string, number>> = {
  in_memory: 5 * 60_000,
  '24h': 24 * 60 * 60_000,
};
// gpt-5.6 and later keep every prefix they write at least `prompt_cache_options.ttl`, whose
// default (and only value) is 30 minutes.
const OPTIONS_TTL_MS: Readonly<Record<string, number>> = { '30m': 30 * 60_000 };

/**
 * The `prompt_cache_options` of a gpt-5.6+ request: whether OpenAI adds its automatic breakpoint
 * (`implicit`, the default) and the TTL of what it writes; or an error message.
 */
function cacheOptionsOf(options: unknown): { implicit: boolean; ttlMs: number } | string {
  if (options === undefined || options === null) return { implicit: true, ttlMs: 30 * 60_000 };
  if (!isRecord(options)) {
    return `Invalid type for 'prompt_cache_options': expected an object, but got ${JSON.stringify(options)} instead.`;
  }
  const mode = options.mode ?? 'implicit';
  if (mode !== 'implicit' && mode !== 'explicit') {
    return `Invalid value for 'prompt_cache_options.mode': ${JSON.stringify(mode)}. Supported values are: 'implicit' and 'explicit'.`;
  }
  const ttl = options.ttl ?? '30m';
  const ttlMs =
    typeof ttl === 'string' && Object.hasOwn(OPTIONS_TTL_MS, ttl) ? OPTIONS_TTL_MS[ttl] : undefined;
  if (ttlMs === undefined) {
    return `Invalid value for 'prompt_cache_options.ttl': ${JSON.stringify(ttl)}. Supported values are: '30m'.`;
  }
  return { implicit: mode === 'implicit', ttlMs };
}

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
  // gpt-5.6 and later also cache through each `prompt_cache_breakpoint`: in implicit mode beside
  // the automatic prefixes (writing the latest three markers), in explicit mode instead of them
  // (the latest four). Older models ignore the fields.
  let cacheOptions: { implicit: boolean; ttlMs: number } | undefined;
  let breakpoints: OpenAIPromptBreakpoints | undefined;
  if (openaiTakesCacheBreakpoints(body.model)) {
    const options = cacheOptionsOf(body.prompt_cache_options);
    if (typeof options === 'string') return options;
    cacheOptions = options;
    breakpoints = { defaultTtlMs: options.ttlMs, written: options.implicit ? 3 : 4 };
  }
  const prompt = parseOpenAIPrompt(body, breakpoints);
  if (typeof prompt === 'string') return prompt;
  const partition = typeof body.prompt_cache_key === 'string' ? body.prompt_cache_key : '';
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
    prompt,
    promptCache:
      cacheOptions?.implicit === false
        ? {
            mode: 'breakpoints',
            minimumTokens: MINIMUM_CACHE_TOKENS,
            incrementTokens: 1,
            ttlMs: 0,
            partition,
          }
        : {
            mode: 'automatic',
            minimumTokens: MINIMUM_CACHE_TOKENS,
            incrementTokens: CACHE_INCREMENT_TOKENS,
            // `prompt_cache_retention` is a maximum, `prompt_cache_options.ttl` a minimum.
            ttlMs: Math.max(ttlMs, cacheOptions?.ttlMs ?? 0),
            partition,
          },
  };
}

function isText(value: unknown): value is string {
  return typeof value === 'string';
}
