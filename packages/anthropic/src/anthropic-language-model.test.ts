import {
  APICallError,
  InvalidArgumentError,
  type LanguageModel,
  type StreamEvent,
} from '@kagura-ts/core';
import { type Simulator, startSimulator } from '@kagura-ts/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropic } from './anthropic-provider.js';

let simulator: Simulator;
let model: LanguageModel;

beforeAll(async () => {
  simulator = await startSimulator({ latency: 'none' });
  model = createAnthropic({
    baseURL: simulator.anthropicBaseURL,
    apiKey: 'sk-ant-test',
  }).languageModel('claude-haiku-4-5');
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

function textOf(events: StreamEvent[]): string {
  return events.map((event) => (event.type === 'text-delta' ? event.text : '')).join('');
}

const weatherSchema = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
  additionalProperties: false,
};

describe('AnthropicLanguageModel.generate', () => {
  it('should join system messages into system and merge turns of one role', async () => {
    await model.generate({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'First question.' },
        { role: 'user', content: 'Second question.' },
        { role: 'system', content: 'Answer in French.' },
        { role: 'assistant', content: 'Bonjour.' },
        { role: 'assistant', content: '' },
        { role: 'user', content: 'Merci.' },
      ],
    });
    expect(lastBody().system).toBe('Be brief.\n\nAnswer in French.');
    expect(lastBody().messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'First question.' },
          { type: 'text', text: 'Second question.' },
        ],
      },
      { role: 'assistant', content: 'Bonjour.' },
      { role: 'user', content: 'Merci.' },
    ]);
  });

  it('should send images as base64 or url sources', async () => {
    await model.generate({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'image', image: new Uint8Array([1, 2, 3]), mediaType: 'image/png' },
            { type: 'image', image: 'data:image/jpeg;base64,/9j/4A==' },
            { type: 'image', image: 'https://example.com/cat.webp' },
          ],
        },
      ],
    });
    expect(lastBody().messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare these.' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AQID' } },
          { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4A==' } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.webp' } },
        ],
      },
    ]);
  });

  it('should send tool calls as tool_use and tool results as a user turn of tool_result', async () => {
    simulator.addRule({
      match: (request) => request.messages.some((message) => message.text.includes('21 °C')),
      reply: 'It is 21 °C in Paris, and Tokyo failed.',
    });
    const result = await model.generate({
      messages: [
        { role: 'user', content: 'Weather in Paris and Tokyo?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.' },
            {
              type: 'tool-call',
              toolCallId: 'toolu_1',
              toolName: 'weather',
              input: { city: 'Paris' },
            },
            {
              type: 'tool-call',
              toolCallId: 'toolu_2',
              toolName: 'weather',
              input: { city: 'Tokyo' },
            },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'toolu_1',
              toolName: 'weather',
              output: { c: '21 °C' },
            },
            {
              type: 'tool-result',
              toolCallId: 'toolu_2',
              toolName: 'weather',
              output: 'Service down.',
              isError: true,
            },
          ],
        },
        { role: 'user', content: 'Summarise.' },
      ],
      tools: [{ name: 'weather', inputSchema: weatherSchema }],
    });
    expect(result.text).toBe('It is 21 °C in Paris, and Tokyo failed.');
    expect(lastBody().messages).toEqual([
      { role: 'user', content: 'Weather in Paris and Tokyo?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_2', name: 'weather', input: { city: 'Tokyo' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '{"c":"21 °C"}' },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: 'Service down.', is_error: true },
          { type: 'text', text: 'Summarise.' },
        ],
      },
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

  it('should send sampling settings and a default max_tokens, and ignore seed', async () => {
    await model.generate({
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.3,
      topP: 0.8,
      stop: ['END'],
      seed: 7,
    });
    expect(lastBody()).toMatchObject({
      model: 'claude-haiku-4-5',
      max_tokens: 4096,
      temperature: 0.3,
      top_p: 0.8,
      stop_sequences: ['END'],
    });
    expect(lastBody()).not.toHaveProperty('seed');
    await model.generate({ messages: [{ role: 'user', content: 'Hi' }], maxTokens: 12 });
    expect(lastBody().max_tokens).toBe(12);
    const small = createAnthropic({
      baseURL: simulator.anthropicBaseURL,
      apiKey: 'sk-ant-test',
      defaultMaxTokens: 256,
    });
    await small
      .languageModel('claude-haiku-4-5')
      .generate({ messages: [{ role: 'user', content: 'Hi' }] });
    expect(lastBody().max_tokens).toBe(256);
  });

  it('should send tools with input_schema and map each tool choice', async () => {
    const choices = [
      ['auto', { type: 'auto' }],
      ['required', { type: 'any' }],
      ['none', { type: 'none' }],
      [
        { type: 'tool', toolName: 'weather' },
        { type: 'tool', name: 'weather' },
      ],
    ] as const;
    for (const [toolChoice, expected] of choices) {
      await model.generate({
        messages: [{ role: 'user', content: 'Hi' }],
        tools: [{ name: 'weather', description: 'Weather.', inputSchema: weatherSchema }],
        toolChoice,
      });
      expect(lastBody()).toMatchObject({
        tools: [{ name: 'weather', description: 'Weather.', input_schema: weatherSchema }],
        tool_choice: expected,
      });
    }
  });

  it('should force a response tool for structured output and return its input as text', async () => {
    const result = await model.generate({
      messages: [{ role: 'user', content: 'A city.' }],
      responseFormat: { type: 'json', name: 'city', description: 'A city.', schema: weatherSchema },
    });
    expect(lastBody()).toMatchObject({
      tools: [{ name: 'city', description: 'A city.', input_schema: weatherSchema }],
      tool_choice: { type: 'tool', name: 'city' },
    });
    expect(JSON.parse(result.text)).toEqual({ city: expect.any(String) });
    expect(result).toMatchObject({ toolCalls: [], finishReason: 'stop' });
  });

  it('should ask for a JSON object in the system prompt when there is no schema', async () => {
    await model.generate({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      responseFormat: { type: 'json' },
    });
    expect(lastBody().system).toMatch(/^Be brief\.\n\nReply with a single JSON object/);
    expect(lastBody()).not.toHaveProperty('tools');
  });

  it('should spread providerOptions of its own name into the body last', async () => {
    await model.generate({
      messages: [{ role: 'user', content: 'Hi' }],
      providerOptions: { anthropic: { metadata: { user_id: 'u1' } }, openai: { user: 'no' } },
    });
    expect(lastBody()).toMatchObject({ metadata: { user_id: 'u1' } });
    expect(lastBody()).not.toHaveProperty('user');
  });

  it('should map a 529 overloaded reply to a retryable APICallError', async () => {
    simulator.injectFault({ type: 'status', status: 529, retryAfterSeconds: 3 });
    const error = await model
      .generate({ messages: [{ role: 'user', content: 'Hi' }] })
      .catch((error: unknown) => error);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 529,
      isRetryable: true,
      code: 'overloaded_error',
      retryAfterMs: 3000,
    });
    expect((error as Error).message).toBe(
      'Anthropic API error 529 (overloaded_error): Overloaded (simulated). Retry after 3000 ms.',
    );
  });

  it("should report 'length' when max tokens cut the reply", async () => {
    const result = await model.generate({
      messages: [{ role: 'user', content: 'Tell me a story.' }],
      maxTokens: 3,
    });
    expect(result).toMatchObject({ finishReason: 'length', usage: { outputTokens: 3 } });
  });
});

describe('AnthropicLanguageModel.stream', () => {
  it('should stream structured output JSON as text deltas', async () => {
    const request = {
      messages: [{ role: 'user' as const, content: 'A city.' }],
      responseFormat: { type: 'json' as const, schema: weatherSchema },
    };
    const events = await collect(await model.stream(request));
    expect(lastBody()).toMatchObject({
      stream: true,
      tool_choice: { type: 'tool', name: 'response' },
    });
    expect(events.filter((event) => event.type === 'text-delta').length).toBeGreaterThan(1);
    expect(events.some((event) => event.type === 'tool-call')).toBe(false);
    expect(JSON.parse(textOf(events))).toEqual({ city: expect.any(String) });
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
  });

  it('should turn an error event into an APICallError', async () => {
    // The simulator cannot send a mid-stream error event; this plays the API sending one.
    const body = [
      'event: message_start',
      `data: ${JSON.stringify({ type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-haiku-4-5', content: [], stop_reason: null, usage: { input_tokens: 5, output_tokens: 1 } } })}`,
      '',
      'event: error',
      `data: ${JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })}`,
      '',
      '',
    ].join('\n');
    const failing = createAnthropic({
      apiKey: 'sk-ant-test',
      baseURL: 'https://api.anthropic.invalid',
      fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    });
    const stream = await failing.languageModel('claude-haiku-4-5').stream({
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const error = await collect(stream).catch((error: unknown) => error);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ isRetryable: true, code: 'overloaded_error' });
  });
});
