import {
  AbortError,
  APICallError,
  type LanguageModel,
  type ModelRequest,
  type Provider,
  type StreamEvent,
  type TransportOptions,
} from '@kagura-ts/provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator/simulator.js';
import { startSimulator } from '../simulator/start-simulator.js';

/** Options for {@link describeProviderConformance}. */
export interface ProviderConformanceOptions {
  /** The provider's name, shown in the suite's title, e.g. `'openai'`. */
  name: string;
  /**
   * Builds the provider under test, talking to the given simulator (its `openaiBaseURL` or
   * `anthropicBaseURL`) with any non-empty key.
   */
  createProvider: (simulator: Simulator) => Provider;
  /** The model id to test with, e.g. `'gpt-4o-mini'`. */
  modelId: string;
}

// Slow enough that a test can act between two tokens, so the server is still mid-reply.
const slowStream = { timeToFirstTokenMs: 0, tokensPerSecond: 20 };

const personSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    age: { type: 'integer', minimum: 0 },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['name', 'age', 'tags'],
  additionalProperties: false,
};

const weatherTool = {
  name: 'get_weather',
  description: 'The current weather in a city.',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
};

function ask(text: string, extra: Partial<ModelRequest> = {}): ModelRequest {
  return { messages: [{ role: 'user', content: text }], ...extra };
}

async function collect(
  model: LanguageModel,
  request: ModelRequest,
  transport?: TransportOptions,
): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of await model.stream(request, transport)) events.push(event);
  return events;
}

function textOf(events: StreamEvent[]): string {
  return events.map((event) => (event.type === 'text-delta' ? event.text : '')).join('');
}

async function failureOf(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to fail, but it succeeded.');
}

/**
 * The conformance suite every Kagura provider passes, run against the LLM simulator through the
 * provider's real SDK: text, usage, streaming, structured output, tool calls, error mapping
 * (429/400/500, dropped and malformed replies), no SDK retries, and closing the HTTP request on
 * abort and on early exit. Call it at the top level of a test file.
 *
 * @example
 * ```ts
 * describeProviderConformance({
 *   name: 'openai',
 *   modelId: 'gpt-4o-mini',
 *   createProvider: (simulator) => createOpenAI({ baseURL: simulator.openaiBaseURL, apiKey: 'test' }),
 * });
 * ```
 */
export function describeProviderConformance(options: ProviderConformanceOptions): void {
  describe(`${options.name} provider conformance`, () => {
    let simulator: Simulator;
    let model: LanguageModel;

    beforeAll(async () => {
      simulator = await startSimulator({ latency: 'none' });
      model = options.createProvider(simulator).languageModel(options.modelId);
    });
    afterAll(() => simulator.close());
    beforeEach(() => simulator.reset());

    describe('generate', () => {
      it('should return the text the server sent for the prompt it received', async () => {
        simulator.addRule({ match: 'conformance: greet', reply: 'Hello from the simulator.' });
        const result = await model.generate(ask('conformance: greet'));
        expect(result.text).toBe('Hello from the simulator.');
        expect(result.finishReason).toBe('stop');
        expect(result.toolCalls).toEqual([]);
        expect(result.model).toBe(options.modelId);
        expect(simulator.requests).toHaveLength(1);
        expect(simulator.requests[0]).toMatchObject({ stream: false, completed: true });
      });

      it('should count input and output tokens', async () => {
        const result = await model.generate(ask('Count the tokens of this prompt.'));
        expect(result.usage.inputTokens).toBeGreaterThan(0);
        expect(result.usage.outputTokens).toBeGreaterThan(0);
        expect(result.usage.cachedInputTokens).toBe(0);
      });
    });

    describe('stream', () => {
      it('should stream deltas that add up to the text of the same request', async () => {
        const request = ask('Tell me about streaming.');
        const generated = await model.generate(request);
        const events = await collect(model, request);
        const deltas = events.filter((event) => event.type === 'text-delta');
        expect(deltas.length).toBeGreaterThan(1);
        expect(textOf(events)).toBe(generated.text);
        const finish = events.at(-1);
        expect(finish).toMatchObject({ type: 'finish', finishReason: 'stop' });
        expect(finish).toMatchObject({ usage: generated.usage, model: generated.model });
        expect(simulator.requests.map((request) => request.stream)).toEqual([false, true]);
      });
    });

    describe('structured output', () => {
      it('should return JSON that satisfies the schema, generated and streamed', async () => {
        const request = ask('Describe a person.', {
          responseFormat: { type: 'json', name: 'person', schema: personSchema },
        });
        const generated = await model.generate(request);
        const streamed = textOf(await collect(model, request));
        for (const text of [generated.text, streamed]) {
          const person = JSON.parse(text) as Record<string, unknown>;
          expect(Object.keys(person).sort()).toEqual(['age', 'name', 'tags']);
          expect(typeof person.name).toBe('string');
          expect(Number.isInteger(person.age)).toBe(true);
          expect(Array.isArray(person.tags)).toBe(true);
        }
        expect(generated.finishReason).toBe('stop');
        expect(generated.toolCalls).toEqual([]);
      });
    });

    describe('tool calls', () => {
      it('should return the scripted tool calls, generated and streamed', async () => {
        // The rule only answers when the server received the tool definition.
        simulator.addRule({
          match: (request) =>
            request.lastUserText.includes('weather in Paris') &&
            request.tools.some((tool) => tool.name === 'get_weather'),
          toolCalls: [{ name: 'get_weather', input: { city: 'Paris' } }],
        });
        const request = ask('What is the weather in Paris?', { tools: [weatherTool] });
        const generated = await model.generate(request);
        expect(generated.finishReason).toBe('tool-calls');
        expect(generated.toolCalls).toEqual([
          expect.objectContaining({ toolName: 'get_weather', input: { city: 'Paris' } }),
        ]);
        expect(generated.toolCalls[0]?.toolCallId).toMatch(/\S/);
        const events = await collect(model, request);
        expect(events.filter((event) => event.type === 'tool-call')).toEqual([
          expect.objectContaining({ toolName: 'get_weather', input: { city: 'Paris' } }),
        ]);
        expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
      });

      it('should send tool results back to the model', async () => {
        simulator.addRule({
          match: (request) => request.messages.some((message) => message.text.includes('21 °C')),
          reply: 'It is 21 °C in Paris.',
        });
        const result = await model.generate({
          messages: [
            { role: 'user', content: 'What is the weather in Paris?' },
            {
              role: 'assistant',
              content: [
                {
                  type: 'tool-call',
                  toolCallId: 'call_1',
                  toolName: 'get_weather',
                  input: { city: 'Paris' },
                },
              ],
            },
            {
              role: 'tool',
              content: [
                {
                  type: 'tool-result',
                  toolCallId: 'call_1',
                  toolName: 'get_weather',
                  output: { temperature: '21 °C' },
                },
              ],
            },
          ],
          tools: [weatherTool],
        });
        expect(result.text).toBe('It is 21 °C in Paris.');
      });
    });

    describe('errors', () => {
      it('should map 429 with retry-after to a retryable APICallError with retryAfterMs', async () => {
        simulator.injectFault({ type: 'status', status: 429, retryAfterSeconds: 2 });
        const error = await failureOf(() => model.generate(ask('Hello')));
        expect(APICallError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ statusCode: 429, isRetryable: true, retryAfterMs: 2000 });
      });

      it('should prefer retry-after-ms when the server sends it', async () => {
        simulator.injectFault({ type: 'status', status: 429, retryAfterMs: 1500 });
        const error = await failureOf(() => collect(model, ask('Hello')));
        expect(error).toMatchObject({ statusCode: 429, isRetryable: true, retryAfterMs: 1500 });
      });

      it('should map 400 to a non-retryable APICallError', async () => {
        simulator.injectFault({ type: 'status', status: 400 });
        const error = await failureOf(() => model.generate(ask('Hello')));
        expect(APICallError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ statusCode: 400, isRetryable: false });
      });

      it('should send exactly one request on a 500 (no SDK retries)', async () => {
        simulator.injectFault({ type: 'status', status: 500, times: 3 });
        const error = await failureOf(() => model.generate(ask('Hello')));
        expect(error).toMatchObject({ statusCode: 500, isRetryable: true });
        expect(simulator.requests).toHaveLength(1);
      });

      it('should map a malformed JSON reply to a retryable APICallError', async () => {
        simulator.injectFault({ type: 'malformed-json', times: 2 });
        for (const action of [() => model.generate(ask('Hi')), () => collect(model, ask('Hi'))]) {
          const error = await failureOf(action);
          expect(APICallError.isInstance(error)).toBe(true);
          expect(error).toMatchObject({ isRetryable: true });
        }
      });

      it('should map a connection dropped mid-stream to a retryable APICallError', async () => {
        simulator.injectFault({ type: 'drop', afterTokens: 2 });
        const error = await failureOf(() => collect(model, ask('Tell me a story.')));
        expect(APICallError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ isRetryable: true });
        expect(simulator.requests[0]).toMatchObject({ completed: false });
      });

      it('should map a dropped reply to a retryable APICallError', async () => {
        simulator.injectFault({ type: 'drop' });
        const error = await failureOf(() => model.generate(ask('Hello')));
        expect(APICallError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ isRetryable: true, statusCode: undefined });
      });
    });

    describe('closing the request', () => {
      it('should throw AbortError and close the request when aborted mid-stream', async () => {
        simulator.setLatency(slowStream);
        const controller = new AbortController();
        const error = await failureOf(async () => {
          for await (const event of await model.stream(ask('Tell me a long story.'), {
            abortSignal: controller.signal,
          })) {
            if (event.type === 'text-delta') controller.abort();
          }
        });
        expect(AbortError.isInstance(error)).toBe(true);
        await simulator.waitFor((requests) => requests[0]?.disconnected === true);
        expect(simulator.requests[0]).toMatchObject({ completed: false, disconnected: true });
      });

      it('should throw AbortError without a reply when the signal was already aborted', async () => {
        const error = await failureOf(() =>
          model.generate(ask('Hello'), { abortSignal: AbortSignal.abort() }),
        );
        expect(AbortError.isInstance(error)).toBe(true);
        expect(simulator.requests.filter((request) => request.completed)).toEqual([]);
      });

      it('should close the request when the consumer stops iterating early', async () => {
        simulator.setLatency(slowStream);
        const stream = await model.stream(ask('Tell me a long story.'));
        for await (const event of stream) {
          if (event.type === 'text-delta') break;
        }
        await simulator.waitFor((requests) => requests[0]?.disconnected === true);
        expect(simulator.requests[0]).toMatchObject({ completed: false, disconnected: true });
      });
    });
  });
}
