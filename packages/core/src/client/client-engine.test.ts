// The client's engine (cache path, coalescing, retries, the tool loop, streams) over a scripted
// in-process model: no HTTP, so each test runs in milliseconds. The wire is tested against the
// simulator in the provider packages.

import { APICallError } from '@kagura-ts/provider';
import { MockLanguageModel, mockProvider } from '@kagura-ts/testing';
import { describe, expect, it } from 'vitest';
import type { KaguraEvent } from '../telemetry/call-event.js';
import { defineTool } from '../tools/define-tool.js';
import { createClient } from './create-client.js';

function clientOver(model: MockLanguageModel, events: KaguraEvent[] = []) {
  return createClient({
    providers: { mock: mockProvider(model) },
    model: 'mock:mock-model',
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    onEvent: (event) => events.push(event),
  });
}

const rateLimited = new APICallError({ provider: 'mock', message: 'Slow down', statusCode: 429 });

describe('the client over a mock model', () => {
  it('should answer a repeated call from the cache, with no second model call', async () => {
    const model = new MockLanguageModel({ replies: [{ text: 'Bonjour' }] });
    const client = clientOver(model);
    const first = await client.call('Translate hello');
    const second = await client.call('Translate hello');
    expect([first.cache.status, second.cache.status]).toEqual(['miss', 'hit']);
    expect(second.text).toBe('Bonjour');
    expect(model.calls).toHaveLength(1);
  });

  it.each(['call', 'stream'] as const)(
    'should report a %s refused for its retry options as failed, not leave it open',
    async (kind) => {
      const model = new MockLanguageModel({ replies: [{ text: 'never sent' }] });
      const events: KaguraEvent[] = [];
      const client = clientOver(model, events);
      const options = { retry: { maxRetries: -1 } };
      if (kind === 'call') {
        await expect(client.call('Question', options)).rejects.toThrow('maxRetries');
      } else {
        expect(() => client.stream('Question', options)).toThrow('maxRetries');
      }
      expect(events.map((event) => event.type)).toEqual(['request-start', 'error']);
      expect(model.calls).toHaveLength(0);
    },
  );

  it('should make one model call for identical calls in flight', async () => {
    const model = new MockLanguageModel({ replies: [{ text: 'shared', delayMs: 20 }] });
    const client = clientOver(model);
    const answers = await Promise.all([1, 2, 3].map(() => client.call('Same question')));
    expect(answers.map((answer) => answer.cache.status).sort()).toEqual([
      'coalesced',
      'coalesced',
      'miss',
    ]);
    expect(model.calls).toHaveLength(1);
  });

  it('should retry a retryable failure, report it, and not retry a final one', async () => {
    const model = new MockLanguageModel({ replies: [{ error: rateLimited }, { text: 'at last' }] });
    const events: KaguraEvent[] = [];
    const answer = await clientOver(model, events).call('Busy model');
    expect(answer.text).toBe('at last');
    expect(model.calls).toHaveLength(2);
    expect(events.find((event) => event.type === 'retry-scheduled')).toMatchObject({
      attempt: 1,
      reason: '429',
    });
    const refusing = new MockLanguageModel({
      replies: [{ error: new APICallError({ provider: 'mock', message: 'No', statusCode: 400 }) }],
    });
    await expect(clientOver(refusing).call('Refused')).rejects.toThrow('No');
    expect(refusing.calls).toHaveLength(1);
  });

  it("should send a JSON Schema in the caller's key order, and key it in any order", async () => {
    const model = new MockLanguageModel({ replies: [{ text: '{"reasoning":"r","answer":"a"}' }] });
    const client = clientOver(model);
    const schemaIn = (order: string[]) => ({
      type: 'object',
      properties: Object.fromEntries(order.map((name) => [name, { type: 'string' }])),
      required: order,
    });
    const lookup = (order: string[]) =>
      defineTool({ name: 'lookup', parameters: schemaIn(order), execute: () => 'found' });
    const first = await client.call('Think, then answer', {
      responseFormat: { type: 'json', schema: schemaIn(['reasoning', 'answer']) },
      tools: [lookup(['zone', 'city'])],
    });
    const sent = model.calls[0]!.request;
    const schema = sent.responseFormat?.type === 'json' ? sent.responseFormat.schema : undefined;
    expect(Object.keys(schema!)).toEqual(['type', 'properties', 'required']);
    expect(Object.keys(schema!.properties as object)).toEqual(['reasoning', 'answer']);
    expect(Object.keys(sent.tools![0]!.inputSchema.properties as object)).toEqual(['zone', 'city']);
    // The key ignores key order: the same request written in another order is a hit.
    const reordered = schemaIn(['reasoning', 'answer']);
    const second = await client.call('Think, then answer', {
      tools: [lookup(['zone', 'city'])],
      responseFormat: {
        schema: { required: reordered.required, properties: reordered.properties, type: 'object' },
        type: 'json',
      },
    });
    expect([first.cache.status, second.cache.status]).toEqual(['miss', 'hit']);
    expect(model.calls).toHaveLength(1);
  });

  it('should run the tool loop: call the tool, send its result back, return the answer', async () => {
    const model = new MockLanguageModel({
      replies: [
        {
          toolCalls: [
            { type: 'tool-call', toolCallId: 't1', toolName: 'add', input: { a: 2, b: 3 } },
          ],
        },
        (request) => ({ text: `The sum is ${JSON.stringify(request.messages.at(-1))}` }),
      ],
    });
    const add = defineTool({
      name: 'add',
      parameters: {
        type: 'object',
        properties: { a: { type: 'number' }, b: { type: 'number' } },
        required: ['a', 'b'],
      },
      execute: (input: { a: number; b: number }) => input.a + input.b,
    });
    const answer = await clientOver(model).call('Add 2 and 3', { tools: [add] });
    expect(answer.steps).toHaveLength(2);
    expect(answer.steps![0]!.toolResults).toMatchObject([{ toolName: 'add', output: 5 }]);
    expect(answer.text).toContain('"output":5');
    expect(model.calls.map((call) => call.request.tools?.map((tool) => tool.name))).toEqual([
      ['add'],
      ['add'],
    ]);
  });

  it('should report prompt-cache reads and writes in usage and cost, summed over a tool loop', async () => {
    const first = {
      inputTokens: 3000,
      outputTokens: 10,
      cachedInputTokens: 0,
      cacheWriteInputTokens: 2500,
      cacheWrite1hInputTokens: 1000,
    };
    const second = { inputTokens: 3100, outputTokens: 20, cachedInputTokens: 2500 };
    const model = new MockLanguageModel({
      replies: [
        {
          toolCalls: [{ type: 'tool-call', toolCallId: 't1', toolName: 'now', input: {} }],
          usage: first,
        },
        { text: 'It is noon.', usage: second },
      ],
    });
    const now = defineTool({
      name: 'now',
      parameters: { type: 'object', properties: {} },
      execute: () => '12:00',
    });
    const client = createClient({
      providers: { mock: mockProvider(model) },
      model: 'mock:mock-model',
      prices: {
        'mock-model': {
          input: 1,
          cachedInput: 0.1,
          cacheWriteInput: 1.25,
          cacheWriteInput1h: 2,
          output: 5,
        },
      },
    });
    const answer = await client.call('What time is it?', { tools: [now] });
    expect(answer.usage).toEqual({
      inputTokens: 6100,
      outputTokens: 30,
      cachedInputTokens: 2500,
      cacheWriteInputTokens: 2500,
      cacheWrite1hInputTokens: 1000,
    });
    // Turn 1: 500 fresh, 1500 5-minute and 1000 hour-long writes; turn 2: 600 fresh, 2500 read.
    const expected = (500 + 1500 * 1.25 + 1000 * 2 + 10 * 5 + 600 + 2500 * 0.1 + 20 * 5) / 1e6;
    expect(answer.cost.usd).toBeCloseTo(expected, 12);
  });

  it('should stream the text, then replay it from the cache', async () => {
    const model = new MockLanguageModel({ replies: [{ text: 'Once upon a time' }] });
    const client = clientOver(model);
    const deltas: string[] = [];
    for await (const delta of client.stream('Tell a story')) deltas.push(delta);
    expect(deltas.join('')).toBe('Once upon a time');
    const again = client.stream('Tell a story');
    expect(await again.text()).toBe('Once upon a time');
    expect((await again.response).cache.status).toBe('hit');
    expect(model.calls.map((call) => call.kind)).toEqual(['stream']);
  });
});
