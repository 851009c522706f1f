import { createAnthropic } from '@kagura-ts/anthropic';
import {
  AbortError,
  type Client,
  createClient,
  defineTool,
  MaxStepsError,
  type StreamEvent,
} from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import type { SimulatorRequestInfo } from '@kagura-ts/testing';
import { useSimulator } from '@kagura-ts/testing/vitest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const simulator = useSimulator();

// A request that already carries a tool result (either wire format).
const hasToolResult = (info: SimulatorRequestInfo) =>
  /"tool_call_id"|"tool_result"/.test(JSON.stringify(info.body));

function makeTools() {
  const calls: Array<{ name: string; input: unknown }> = [];
  const add = defineTool({
    name: 'add',
    description: 'Adds two numbers',
    parameters: z.object({ a: z.number(), b: z.number() }),
    execute: ({ a, b }) => {
      calls.push({ name: 'add', input: { a, b } });
      return a + b;
    },
  });
  const capital = defineTool({
    name: 'capital',
    description: 'Looks up the capital of a country',
    parameters: {
      type: 'object',
      properties: { country: { type: 'string' } },
      required: ['country'],
    },
    execute: (input: { country: string }) => {
      calls.push({ name: 'capital', input });
      const table: Record<string, string> = { France: 'Paris', Japan: 'Tokyo' };
      return table[input.country] ?? 'unknown';
    },
  });
  return { add, capital, calls };
}

describe.each([
  ['openai', 'openai:gpt-4o-mini'],
  ['anthropic', 'anthropic:claude-haiku-4-5'],
])('tool loop through %s', (api, model) => {
  function client(): Client {
    return createClient({
      providers: {
        openai: createOpenAI({ baseURL: simulator().openaiBaseURL, apiKey: 'k' }),
        anthropic: createAnthropic({ baseURL: simulator().anthropicBaseURL, apiKey: 'k' }),
      },
      model,
    });
  }

  it('should call the tools, send their results back, and return the answer', async () => {
    const { add, capital, calls } = makeTools();
    simulator().addRule({
      match: 'sum and capital',
      times: 1,
      toolCalls: [
        { name: 'add', input: { a: 2, b: 3 } },
        { name: 'capital', input: { country: 'Japan' } },
      ],
    });
    simulator().addRule({ match: hasToolResult, reply: 'It is 5, and the capital is Tokyo.' });
    const response = await client().call('What is the sum and capital?', { tools: [add, capital] });
    expect(response.text).toBe('It is 5, and the capital is Tokyo.');
    // The two calls of one turn ran side by side; their results go back in call order.
    expect(calls).toHaveLength(2);
    expect(calls).toContainEqual({ name: 'add', input: { a: 2, b: 3 } });
    expect(calls).toContainEqual({ name: 'capital', input: { country: 'Japan' } });
    expect(response.steps?.map((step) => step.toolResults.map((result) => result.output))).toEqual([
      [5, 'Tokyo'],
      [],
    ]);
    const requests = simulator().requests.filter((request) => request.api === api);
    expect(requests).toHaveLength(2);
    // The server saw both tools described, then both results sent back.
    expect(JSON.stringify(requests[0]!.body)).toContain('"capital"');
    const second = JSON.stringify(requests[1]!.body);
    expect(second).toContain('Tokyo');
    expect(second).toMatch(api === 'openai' ? /"role":"tool"/ : /"type":"tool_result"/);
    expect(response.usage.inputTokens).toBeGreaterThan(0);
  });

  it('should send invalid arguments and tool errors back as error results, without running the tool', async () => {
    const { calls } = makeTools();
    const failing = defineTool({
      name: 'explode',
      parameters: z.object({}),
      execute: () => {
        throw new Error('disk on fire');
      },
    });
    const strict = defineTool({
      name: 'add',
      parameters: z.object({ a: z.number(), b: z.number() }),
      execute: ({ a, b }) => {
        calls.push({ name: 'add', input: { a, b } });
        return a + b;
      },
    });
    simulator().addRule({
      match: 'break things',
      times: 1,
      toolCalls: [
        { name: 'add', input: { a: 'two', b: 3 } },
        { name: 'explode', input: {} },
        { name: 'nope', input: {} },
      ],
    });
    simulator().addRule({ match: hasToolResult, reply: 'Sorry, that failed.' });
    const response = await client().call('Please break things', { tools: [strict, failing] });
    expect(calls).toEqual([]);
    const [results] = response.steps!.map((step) => step.toolResults);
    expect(results!.every((result) => result.isError)).toBe(true);
    expect(JSON.stringify(results)).toMatch(/Invalid arguments for 'add': a: .*number/);
    expect(JSON.stringify(results)).toContain('disk on fire');
    expect(JSON.stringify(results)).toContain(
      "There is no tool named 'nope'. Available tools: add, explode.",
    );
    expect(JSON.stringify(simulator().requests.at(-1)!.body)).toContain('disk on fire');
  });

  it.each([false, true])(
    "should hand tools inputs without the model's __proto__ key (stream: %s)",
    async (stream) => {
      const received: Array<{ name: string; input: Record<string, unknown> }> = [];
      const lookup = defineTool({
        name: 'lookup',
        description: 'Looks up a country',
        parameters: {
          type: 'object',
          properties: { country: { type: 'string' }, filter: { type: 'object' } },
          required: ['country'],
        },
        execute: (input: Record<string, unknown>) => {
          received.push({ name: 'lookup', input });
          return 'ok';
        },
      });
      const tag = defineTool({
        name: 'tag',
        description: 'Tags a country',
        parameters: z.looseObject({ country: z.string() }),
        execute: (input: Record<string, unknown>) => {
          received.push({ name: 'tag', input });
          return 'ok';
        },
      });
      // JSON.parse makes "__proto__" an own key, and the simulator sends it as written.
      const attack = (name: string) =>
        JSON.parse(
          `{"__proto__":{"isAdmin":true},"country":"${name}","filter":{"__proto__":{"deep":true}}}`,
        );
      simulator().addRule({
        match: 'proto attack',
        times: 1,
        toolCalls: [
          { name: 'lookup', input: attack('France') },
          { name: 'tag', input: attack('Japan') },
        ],
      });
      simulator().addRule({ match: hasToolResult, reply: 'Done.' });
      const options = { tools: [lookup, tag] };
      if (stream) {
        await client().stream('A proto attack, please', options).text();
      } else {
        await client().call('A proto attack, please', options);
      }
      // What the simulated model sends carries the key.
      expect(JSON.stringify(attack('x'))).toContain('"__proto__":{"isAdmin":true}');
      expect(received.map((entry) => entry.name).sort()).toEqual(['lookup', 'tag']);
      for (const { input } of received) {
        expect(Object.hasOwn(input, '__proto__')).toBe(false);
        expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
        expect(input.isAdmin).toBeUndefined();
        const copy = Object.assign({}, input) as Record<string, unknown>;
        expect(copy.isAdmin).toBeUndefined();
        expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
        const filter = input.filter as Record<string, unknown> | undefined;
        if (filter !== undefined) {
          expect(Object.hasOwn(filter, '__proto__')).toBe(false);
          expect(Object.assign({}, filter).deep).toBeUndefined();
        }
      }
      expect(received.find((entry) => entry.name === 'lookup')?.input).toEqual({
        country: 'France',
        filter: {},
      });
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    },
  );

  it('should stop at maxSteps with the transcript', async () => {
    const { add } = makeTools();
    simulator().addRule({
      match: (info) => JSON.stringify(info.body).includes('Add forever'),
      toolCalls: [{ name: 'add', input: { a: 1, b: 1 } }],
    });
    const error = await client()
      .call('Add forever', { tools: [add], maxSteps: 2 })
      .catch((caught: unknown) => caught);
    expect(MaxStepsError.isInstance(error)).toBe(true);
    expect((error as MaxStepsError).messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
    ]);
    expect(simulator().requests.filter((request) => request.api === api)).toHaveLength(2);
  });

  it('should stream text, tool calls and tool results, while the text iterator yields only text', async () => {
    const { add } = makeTools();
    simulator().addRule({
      match: 'stream the sum',
      times: 1,
      toolCalls: [{ name: 'add', input: { a: 20, b: 22 } }],
    });
    simulator().addRule({ match: hasToolResult, reply: 'The sum is 42.' });
    const stream = client().stream('Please stream the sum', { tools: [add] });
    const events: StreamEvent[] = [];
    for await (const event of stream.events()) events.push(event);
    const kinds = events.map((event) => event.type);
    expect(kinds.indexOf('tool-call')).toBeLessThan(kinds.indexOf('tool-result'));
    expect(kinds.lastIndexOf('tool-result')).toBeLessThan(kinds.indexOf('text-delta'));
    expect(kinds.filter((kind) => kind === 'finish')).toHaveLength(1);
    expect(events.find((event) => event.type === 'tool-result')).toMatchObject({
      toolName: 'add',
      output: 42,
      isError: false,
    });
    let text = '';
    for await (const delta of stream) text += delta;
    expect(text).toBe('The sum is 42.');
    expect(await stream.text()).toBe('The sum is 42.');
  });
});

describe('tool loop and the cache', () => {
  it('should cache model turns but run the tools every time', async () => {
    const { add, calls } = makeTools();
    simulator().addRule({
      match: (info) => !hasToolResult(info),
      toolCalls: [{ name: 'add', input: { a: 1, b: 2 } }],
    });
    simulator().addRule({ match: hasToolResult, reply: 'Three.' });
    const client = createClient({
      providers: { openai: createOpenAI({ baseURL: simulator().openaiBaseURL, apiKey: 'k' }) },
      model: 'openai:gpt-4o-mini',
    });
    await client.call('One plus two?', { tools: [add] });
    await client.cache!.flush();
    const again = await client.call('One plus two?', { tools: [add] });
    expect(again.text).toBe('Three.');
    expect(simulator().requests).toHaveLength(2);
    expect(calls).toHaveLength(2);
    expect(again.cache.status).toBe('hit');
  });
});

describe('tool loop with structured output', () => {
  it('should validate the final answer and never serve an invalid one from the cache', async () => {
    const { add } = makeTools();
    simulator().addRule({
      match: (info) => !hasToolResult(info),
      toolCalls: [{ name: 'add', input: { a: 1, b: 2 } }],
    });
    simulator().addRule({ match: hasToolResult, reply: '{"total":"three"}', times: 1 });
    simulator().addRule({ match: hasToolResult, reply: '{"total":3}' });
    const client = createClient({
      providers: { openai: createOpenAI({ baseURL: simulator().openaiBaseURL, apiKey: 'k' }) },
      model: 'openai:gpt-4o-mini',
    });
    const schema = z.object({ total: z.number() });
    await expect(client.call('Sum as JSON', { tools: [add], schema })).rejects.toMatchObject({
      name: 'OutputParseError',
    });
    // The tool turn is still cached, the invalid answer is not: the model is asked again.
    const retried = await client.call('Sum as JSON', { tools: [add], schema });
    expect(retried.object).toEqual({ total: 3 });
    expect(simulator().requests).toHaveLength(3);
  });
});

describe('tool loop cancellation', () => {
  it('should give a running tool the signal and stop the loop when aborted', async () => {
    let sawAbort = false;
    const slow = defineTool({
      name: 'slow',
      parameters: z.object({}),
      execute: (_input, { abortSignal: signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(new Error('stopped'));
          });
        }),
    });
    simulator().addRule({ match: 'be slow', toolCalls: [{ name: 'slow', input: {} }] });
    const client = createClient({
      providers: { openai: createOpenAI({ baseURL: simulator().openaiBaseURL, apiKey: 'k' }) },
      model: 'openai:gpt-4o-mini',
      cache: false,
    });
    const controller = new AbortController();
    const pending = client.call('Please be slow', {
      tools: [slow],
      abortSignal: controller.signal,
    });
    await simulator().waitFor((requests) => requests.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await expect(pending).rejects.toSatisfy(AbortError.isInstance);
    expect(sawAbort).toBe(true);
    expect(simulator().requests).toHaveLength(1);
  });
});
