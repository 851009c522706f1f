import {
  APICallError,
  InvalidArgumentError,
  type LanguageModel,
  type ModelRequest,
  type StreamEvent,
} from '@kagura-ts/core';
import { type Simulator, startSimulator } from '@kagura-ts/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAI } from './openai-provider.js';

let simulator: Simulator;
let model: LanguageModel;

beforeAll(async () => {
  simulator = await startSimulator({ latency: 'none' });
  model = createOpenAI({ baseURL: simulator.openaiBaseURL, apiKey: 'sk-test' }).languageModel(
    'gpt-4o-mini',
  );
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

function lastBody(): Record<string, unknown> {
  return simulator.requests.at(-1)?.body as Record<string, unknown>;
}

async function collect(iterable: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

const weatherSchema = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
  additionalProperties: false,
};

describe('OpenAILanguageModel.generate', () => {
  it('should send the conversation as Chat Completions messages', async () => {
    await model.generate({
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these images?' },
            { type: 'image', image: new Uint8Array([1, 2, 3]), mediaType: 'image/png' },
            { type: 'image', image: 'https://example.com/cat.jpg' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Let me check.' },
            { type: 'tool-call', toolCallId: 'call_1', toolName: 'lookup', input: { id: 7 } },
            { type: 'tool-call', toolCallId: 'call_2', toolName: 'lookup', input: { id: 8 } },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'call_1', toolName: 'lookup', output: { ok: 1 } },
            { type: 'tool-result', toolCallId: 'call_2', toolName: 'lookup', output: 'plain' },
          ],
        },
      ],
    });
    expect(lastBody().messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in these images?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AQID' } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
        ],
      },
      {
        role: 'assistant',
        content: 'Let me check.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"id":7}' } },
          { id: 'call_2', type: 'function', function: { name: 'lookup', arguments: '{"id":8}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"ok":1}' },
      { role: 'tool', tool_call_id: 'call_2', content: 'plain' },
    ]);
  });

  it('should refuse image bytes without a media type, sending nothing', async () => {
    const error = await model
      .generate({
        messages: [{ role: 'user', content: [{ type: 'image', image: new Uint8Array([1]) }] }],
      })
      .catch((error: unknown) => error);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(simulator.requests).toHaveLength(0);
  });

  it('should send sampling settings, tools and tool choice', async () => {
    await model.generate({
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.2,
      topP: 0.9,
      maxTokens: 50,
      stop: ['END'],
      seed: 42,
      tools: [{ name: 'get_weather', description: 'Weather.', inputSchema: weatherSchema }],
      toolChoice: { type: 'tool', toolName: 'get_weather' },
    });
    expect(lastBody()).toMatchObject({
      model: 'gpt-4o-mini',
      temperature: 0.2,
      top_p: 0.9,
      max_completion_tokens: 50,
      stop: ['END'],
      seed: 42,
      tools: [
        {
          type: 'function',
          function: { name: 'get_weather', description: 'Weather.', parameters: weatherSchema },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    expect(lastBody()).not.toHaveProperty('max_tokens');
    expect(simulator.requests[0]?.stream).toBe(false);
  });

  it('should pass the string tool choices through', async () => {
    for (const toolChoice of ['auto', 'none', 'required'] as const) {
      await model.generate({
        messages: [{ role: 'user', content: 'Hi' }],
        tools: [{ name: 'get_weather', inputSchema: weatherSchema }],
        toolChoice,
      });
      expect(lastBody().tool_choice).toBe(toolChoice);
    }
  });

  it('should ask for strict json_schema output only when the schema allows it', async () => {
    const request = { messages: [{ role: 'user' as const, content: 'A city.' }] };
    await model.generate({
      ...request,
      responseFormat: { type: 'json', name: 'city', description: 'A city.', schema: weatherSchema },
    });
    expect(lastBody().response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'city', description: 'A city.', schema: weatherSchema, strict: true },
    });
    const openSchema = { type: 'object', properties: { city: { type: 'string' } } };
    await model.generate({ ...request, responseFormat: { type: 'json', schema: openSchema } });
    expect(lastBody().response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'response', schema: openSchema, strict: false },
    });
    const result = await model.generate({ ...request, responseFormat: { type: 'json' } });
    expect(lastBody().response_format).toEqual({ type: 'json_object' });
    expect(JSON.parse(result.text)).toBeTypeOf('object');
  });

  it('should spread providerOptions of its own name into the body last', async () => {
    await model.generate({
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.5,
      providerOptions: {
        openai: { reasoning_effort: 'low', user: 'user-1', temperature: 1 },
        anthropic: { thinking: { type: 'enabled' } },
      },
    });
    expect(lastBody()).toMatchObject({ reasoning_effort: 'low', user: 'user-1', temperature: 1 });
    expect(lastBody()).not.toHaveProperty('thinking');
  });

  it('should return text, finish reason, usage, model and the raw body', async () => {
    simulator.addRule({ match: 'ping', reply: 'pong pong pong' });
    const result = await model.generate({ messages: [{ role: 'user', content: 'ping' }] });
    expect(result).toMatchObject({
      text: 'pong pong pong',
      finishReason: 'stop',
      model: 'gpt-4o-mini',
      usage: { outputTokens: 3, cachedInputTokens: 0 },
    });
    expect(result.raw).toMatchObject({ object: 'chat.completion' });
  });

  it("should report 'length' when max tokens cut the reply", async () => {
    const result = await model.generate({
      messages: [{ role: 'user', content: 'Tell me a story.' }],
      maxTokens: 3,
    });
    expect(result.finishReason).toBe('length');
    expect(result.usage.outputTokens).toBe(3);
  });

  it('should map insufficient_quota to a non-retryable APICallError', async () => {
    simulator.injectFault({ type: 'status', status: 429, code: 'insufficient_quota' });
    const error = await model
      .generate({ messages: [{ role: 'user', content: 'Hi' }] })
      .catch((error: unknown) => error);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 429,
      isRetryable: false,
      code: 'insufficient_quota',
    });
  });

  it('should say what happened, with status, code and delay, in the error message', async () => {
    simulator.injectFault({ type: 'status', status: 429, retryAfterSeconds: 2 });
    const error = await model
      .generate({ messages: [{ role: 'user', content: 'Hi' }] })
      .catch((error: unknown) => error);
    expect((error as Error).message).toBe(
      'OpenAI API error 429 (rate_limit_exceeded): Rate limit reached (simulated). Retry after 2000 ms.',
    );
  });

  it('should point at the key on a 401', async () => {
    simulator.injectFault({ type: 'status', status: 401 });
    const error = await model
      .generate({ messages: [{ role: 'user', content: 'Hi' }] })
      .catch((error: unknown) => error);
    expect(error).toMatchObject({ statusCode: 401, isRetryable: false, code: 'invalid_api_key' });
    expect((error as Error).message).toContain('OPENAI_API_KEY');
  });

  it('should map a refused connection to a retryable APICallError naming the URL', async () => {
    const closed = await startSimulator({ latency: 'none' });
    await closed.close();
    const unreachable = createOpenAI({ baseURL: closed.openaiBaseURL, apiKey: 'sk-test' });
    const error = await unreachable
      .languageModel('gpt-4o-mini')
      .generate({ messages: [{ role: 'user', content: 'Hi' }] })
      .catch((error: unknown) => error);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ isRetryable: true, statusCode: undefined });
    expect((error as Error).message).toContain(closed.openaiBaseURL);
  });
});

describe('OpenAILanguageModel.stream', () => {
  it('should ask for a stream with usage and pass the call headers', async () => {
    const stream = await model.stream(
      { messages: [{ role: 'user', content: 'Hi' }] },
      { headers: { 'x-trace-id': 'trace-1' } },
    );
    const events = await collect(stream);
    expect(lastBody()).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(simulator.requests[0]?.headers['x-trace-id']).toBe('trace-1');
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      model: 'gpt-4o-mini',
    });
  });

  it('should assemble tool calls from their fragments in index order', async () => {
    simulator.addRule({
      match: 'two calls',
      toolCalls: [
        { name: 'get_weather', input: { city: 'Paris' } },
        { name: 'get_weather', input: { city: 'Tokyo' } },
      ],
    });
    const events = await collect(
      await model.stream({
        messages: [{ role: 'user', content: 'two calls' }],
        tools: [{ name: 'get_weather', inputSchema: weatherSchema }],
      }),
    );
    const calls = events.filter((event) => event.type === 'tool-call');
    expect(calls.map((call) => call.input)).toEqual([{ city: 'Paris' }, { city: 'Tokyo' }]);
    expect(new Set(calls.map((call) => call.toolCallId)).size).toBe(2);
  });
});

describe('OpenAI-compatible providers', () => {
  it('should send max_tokens instead of max_completion_tokens', async () => {
    const ollama = createOpenAI({ name: 'ollama', baseURL: simulator.openaiBaseURL });
    await ollama.languageModel('llama3.2:3b').generate({
      messages: [{ role: 'user', content: 'Hi' }],
      maxTokens: 20,
      providerOptions: { ollama: { keep_alive: '5m' }, openai: { user: 'ignored' } },
    });
    expect(lastBody()).toMatchObject({ model: 'llama3.2:3b', max_tokens: 20, keep_alive: '5m' });
    expect(lastBody()).not.toHaveProperty('max_completion_tokens');
    expect(lastBody()).not.toHaveProperty('user');
  });

  it('should report usage as zeros when the server sends none', async () => {
    // Plays a server that ignores stream_options, as some compatible servers do.
    const withoutUsage: typeof fetch = (input, init) => {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      delete body.stream_options;
      return fetch(input, { ...init, body: JSON.stringify(body) });
    };
    const vllm = createOpenAI({
      name: 'vllm',
      baseURL: simulator.openaiBaseURL,
      fetch: withoutUsage,
    });
    const events = await collect(
      await vllm.languageModel('qwen').stream({ messages: [{ role: 'user', content: 'Hi' }] }),
    );
    expect(lastBody()).not.toHaveProperty('stream_options');
    expect(events.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 },
      model: 'qwen',
    });
  });
});

describe('OpenAI prompt caching', () => {
  it('should send the prompt_cache_key a request carries, where the provider sends keys', async () => {
    const keyed = createOpenAI({
      baseURL: simulator.openaiBaseURL,
      apiKey: 'sk-test',
      promptCacheKey: true,
    }).languageModel('gpt-4o-mini');
    expect(keyed.promptCache).toEqual({ maxBreakpoints: 0, minimumTokens: 1024, acceptsKey: true });
    await keyed.generate({
      messages: [{ role: 'user', content: 'Hi' }],
      promptCache: { breakpoints: {}, key: 'kagura-abc' },
    });
    expect(lastBody().prompt_cache_key).toBe('kagura-abc');
  });

  it("should take no key for another server, and one for OpenAI's API, by default", () => {
    expect(model.promptCache?.acceptsKey).toBe(false);
    expect(createOpenAI({ apiKey: 'sk-test' }).languageModel('gpt-4o-mini').promptCache).toEqual({
      maxBreakpoints: 0,
      minimumTokens: 1024,
      acceptsKey: true,
    });
  });

  it("should take three breakpoints for gpt-5.6 and later on OpenAI's API only", () => {
    const openai = createOpenAI({ apiKey: 'sk-test' });
    expect(openai.languageModel('gpt-5.6-mini').promptCache).toEqual({
      maxBreakpoints: 3,
      minimumTokens: 1024,
      acceptsKey: true,
    });
    expect(openai.languageModel('gpt-5.5').promptCache?.maxBreakpoints).toBe(0);
    expect(model.promptCache?.maxBreakpoints).toBe(0);
    const compatible = createOpenAI({ baseURL: simulator.openaiBaseURL, apiKey: 'sk-test' });
    expect(compatible.languageModel('gpt-5.6').promptCache?.maxBreakpoints).toBe(0);
  });

  const cached: ModelRequest = {
    messages: [
      { role: 'system', content: 'Rules.' },
      { role: 'user', content: 'Hi' },
    ],
    promptCache: { breakpoints: { system: {}, messages: [{ index: 1 }] } },
  };

  it('should send no breakpoint to a compatible server or to an older model', async () => {
    const compatible = createOpenAI({ baseURL: simulator.openaiBaseURL, apiKey: 'sk-test' });
    await compatible.languageModel('gpt-5.6').generate(cached);
    const older = createOpenAI({
      baseURL: simulator.openaiBaseURL,
      apiKey: 'sk-test',
      promptCacheBreakpoints: true,
    });
    await older.languageModel('gpt-4o-mini').generate(cached);
    expect(simulator.requests).toHaveLength(2);
    for (const request of simulator.requests) {
      expect(JSON.stringify(request.body)).not.toContain('prompt_cache');
    }
  });

  it('should send breakpoints to a server promptCacheBreakpoints names', async () => {
    const proxy = createOpenAI({
      baseURL: simulator.openaiBaseURL,
      apiKey: 'sk-test',
      promptCacheBreakpoints: true,
    });
    const events = await collect(await proxy.languageModel('gpt-5.6').stream(cached));
    expect(events.at(-1)).toMatchObject({ type: 'finish' });
    expect(lastBody().messages).toEqual([
      {
        role: 'system',
        content: [{ type: 'text', text: 'Rules.', prompt_cache_breakpoint: { mode: 'explicit' } }],
      },
      {
        role: 'user',
        content: [{ type: 'text', text: 'Hi', prompt_cache_breakpoint: { mode: 'explicit' } }],
      },
    ]);
  });
});
