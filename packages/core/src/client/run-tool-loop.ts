import type {
  Message,
  StreamEvent,
  TextPart,
  ToolCallPart,
  ToolDefinition,
  Usage,
} from '@kagura-ts/provider';
import { AbortError, MaxStepsError } from '@kagura-ts/provider';
import { addCosts } from '../call/cost.js';
import type { LLMResponse, ToolStep } from '../call/llm-response.js';
import { jsonResponseFormat } from '../schema/json-response-format.js';
import { parseJsonOutput } from '../schema/parse-json-output.js';
import { LLMStream } from '../stream/llm-stream.js';
import { streamAfter } from '../stream/stream-after.js';
import { executeToolCalls, type ToolRunner } from '../tools/execute-tool-calls.js';
import { isTool, type Tool } from '../tools/tool.js';
import type { CallOptions } from './call-options.js';
import { converterLoadForCall } from './converter-load-for-call.js';
import { normalizePrompt, type Prompt } from './normalize-prompt.js';

/** How the loop makes one model call: the client's own call and stream. */
export interface ToolLoopClient {
  provider: string;
  /** Removes a cached turn (one whose answer failed the final validation). */
  forget(key: string): Promise<void>;
  call(messages: Message[], options: CallOptions): Promise<LLMResponse<unknown>>;
  stream(messages: Message[], options: CallOptions): LLMStream<unknown>;
  /** Runs each tool in its span, reporting it (the client's telemetry). */
  runTool?: ToolRunner;
}

interface LoopSetup {
  tools: Map<string, Tool>;
  stepOptions: CallOptions;
  maxSteps: number;
  parse: ((text: string) => Promise<unknown>) | undefined;
}

/**
 * Runs the tool loop for a plain call: the model's tool calls are validated and executed, their
 * results sent back, until it answers or `maxSteps` model calls were made (`MaxStepsError`,
 * with the transcript). Each model turn is an ordinary call, so it is cached under a key that
 * includes the tool definitions and the results so far; tools themselves always run.
 */
export async function generateWithTools(
  client: ToolLoopClient,
  prompt: Prompt,
  options: CallOptions,
): Promise<LLMResponse<unknown>> {
  // In a bundled application, the first zod 3 or valibot schema (or tool parameters) waits
  // here for the converters' `import()`; every other loop goes on at once.
  const load = converterLoadForCall(options);
  if (load !== undefined) await load;
  const setup = setUp(options);
  let messages = normalizePrompt(prompt, undefined);
  const steps: ToolStep[] = [];
  let usage: Usage = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };
  for (let step = 0; step < setup.maxSteps; step += 1) {
    throwIfAborted(options.abortSignal);
    const response = await client.call(messages, setup.stepOptions);
    usage = addUsage(usage, response.usage);
    if (response.toolCalls.length === 0) {
      steps.push({ ...stepOf(response), toolResults: [] });
      const object = await parseFinal(client, setup, response);
      return {
        ...response,
        object,
        usage,
        cost: addCosts(steps.map((each) => each.cost)),
        toolCalls: steps.flatMap((each) => each.toolCalls),
        steps,
      };
    }
    const toolResults = await executeToolCalls(response.toolCalls, {
      tools: setup.tools,
      messages,
      abortSignal: options.abortSignal,
      concurrency: options.toolConcurrency,
      runTool: client.runTool,
    });
    steps.push({ ...stepOf(response), toolResults });
    messages = [...messages, assistantTurn(response), { content: toolResults, role: 'tool' }];
  }
  throw new MaxStepsError({ maxSteps: setup.maxSteps, messages });
}

/**
 * Runs the tool loop for a stream: text deltas of every turn, `tool-call` events as the model
 * makes them and `tool-result` events as tools finish, then one `finish` with the total usage.
 * Iterating the stream still yields only text.
 */
export function streamWithTools(
  client: ToolLoopClient,
  prompt: Prompt,
  options: CallOptions,
): LLMStream<unknown> {
  // In a bundled application, `require` cannot load the converters: the stream waits for
  // their `import()`, then runs the loop (invalid input then fails the stream, before any call).
  const load = converterLoadForCall(options);
  if (load !== undefined) {
    return streamAfter(load, {
      provider: client.provider,
      abortSignal: options.abortSignal,
      open: (abortSignal) => streamWithTools(client, prompt, { ...options, abortSignal }),
    });
  }
  const setup = setUp(options);
  const last: StreamedRun = { steps: [] };
  return new LLMStream<unknown>({
    provider: client.provider,
    abortSignal: options.abortSignal,
    parseObject:
      setup.parse === undefined
        ? undefined
        : (text) => parseFinal(client, setup, last.response, text),
    start: async (abortSignal) =>
      runStreamedSteps(client, prompt, setup, abortSignal, options.toolConcurrency, last),
    // Like a plain loop's response: every turn, the cost of all of them, the last turn's cache.
    complete: (response) => ({
      ...response,
      cache: last.response?.cache ?? response.cache,
      cost: addCosts(last.steps.map((step) => step.cost)),
      steps: last.steps,
    }),
  });
}

// The turns were cached as ordinary calls (the schema shapes only the last one), so a final
// answer that fails validation is taken out of the cache: the next call gets a new chance.
async function parseFinal(
  client: ToolLoopClient,
  setup: LoopSetup,
  response: LLMResponse<unknown> | undefined,
  text = response?.text ?? '',
): Promise<unknown> {
  if (setup.parse === undefined) return undefined;
  try {
    return await setup.parse(text);
  } catch (error) {
    const key = response?.cache.key;
    if (key !== undefined) await client.forget(key);
    throw error;
  }
}

/** What a streamed loop has done so far: its turns, and the last model response. */
interface StreamedRun {
  response?: LLMResponse<unknown>;
  steps: ToolStep[];
}

async function* runStreamedSteps(
  client: ToolLoopClient,
  prompt: Prompt,
  setup: LoopSetup,
  abortSignal: AbortSignal,
  concurrency: number | undefined,
  last: StreamedRun,
): AsyncGenerator<StreamEvent, void, undefined> {
  let messages = normalizePrompt(prompt, undefined);
  let usage: Usage = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };
  for (let step = 0; step < setup.maxSteps; step += 1) {
    throwIfAborted(abortSignal);
    const stream = client.stream(messages, { ...setup.stepOptions, abortSignal });
    for await (const event of stream.events()) {
      // One finish, for the whole run, comes at the end.
      if (event.type !== 'finish') yield event;
    }
    const response = await stream.response;
    last.response = response;
    usage = addUsage(usage, response.usage);
    if (response.toolCalls.length === 0) {
      last.steps.push({ ...stepOf(response), toolResults: [] });
      yield { type: 'finish', finishReason: response.finishReason, usage, model: response.model };
      return;
    }
    const toolResults = await executeToolCalls(response.toolCalls, {
      tools: setup.tools,
      messages,
      abortSignal,
      concurrency,
      runTool: client.runTool,
    });
    last.steps.push({ ...stepOf(response), toolResults });
    for (const result of toolResults) {
      const { toolCallId, toolName, output } = result;
      yield { type: 'tool-result', toolCallId, toolName, output, isError: result.isError === true };
    }
    messages = [...messages, assistantTurn(response), { content: toolResults, role: 'tool' }];
  }
  throw new MaxStepsError({ maxSteps: setup.maxSteps, messages });
}

function setUp(options: CallOptions): LoopSetup {
  const {
    schema,
    jsonSchema,
    schemaName,
    schemaDescription,
    maxSteps = 5,
    toolConcurrency: _,
    ...rest
  } = options;
  const tools = new Map<string, Tool>();
  const definitions: ToolDefinition[] = [];
  for (const tool of options.tools ?? []) {
    if (isTool(tool)) tools.set(tool.name, tool);
    // Keys in sorted order, like the transcript's parts (see assistantTurn).
    definitions.push({
      description: tool.description,
      inputSchema: tool.inputSchema,
      name: tool.name,
    });
  }
  // The schema shapes only the final answer: turns that call tools have no JSON to validate.
  const responseFormat =
    schema === undefined
      ? rest.responseFormat
      : jsonResponseFormat({ schema, jsonSchema, schemaName, schemaDescription });
  return {
    tools,
    maxSteps,
    stepOptions: { ...rest, tools: definitions, responseFormat },
    parse: schema === undefined ? undefined : (text) => parseJsonOutput(text, schema),
  };
}

function stepOf(response: LLMResponse<unknown>): Omit<ToolStep, 'toolResults'> {
  const { text, toolCalls, finishReason, usage, cost } = response;
  return { text, toolCalls, finishReason, usage, cost };
}

// The transcript grows by these every turn and each turn's cache key serialises all of it: its
// messages and parts are made with their keys in sorted order, which canonical JSON writes with
// the engine's JSON.stringify (its fast path) instead of its sorting writer.
function assistantTurn(response: LLMResponse<unknown>): Message {
  const content: (TextPart | ToolCallPart)[] =
    response.text === '' ? [] : [{ text: response.text, type: 'text' }];
  for (const call of response.toolCalls) {
    content.push({
      input: call.input,
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      type: 'tool-call',
    });
  }
  return { content, role: 'assistant' };
}

function addUsage(total: Usage, usage: Usage): Usage {
  const sum: Usage = {
    inputTokens: total.inputTokens + usage.inputTokens,
    outputTokens: total.outputTokens + usage.outputTokens,
    cachedInputTokens: total.cachedInputTokens + usage.cachedInputTokens,
  };
  // Cache writes only when a turn reported some, as a provider does.
  const writes = (total.cacheWriteInputTokens ?? 0) + (usage.cacheWriteInputTokens ?? 0);
  const longWrites = (total.cacheWrite1hInputTokens ?? 0) + (usage.cacheWrite1hInputTokens ?? 0);
  if (writes > 0) sum.cacheWriteInputTokens = writes;
  if (longWrites > 0) sum.cacheWrite1hInputTokens = longWrites;
  return sum;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError({ cause: signal.reason });
}
