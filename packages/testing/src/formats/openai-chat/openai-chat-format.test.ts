import { Ajv2020 } from 'ajv/dist/2020.js';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulator/simulator.js';
import { startSimulator } from '../../simulator/start-simulator.js';

const RECIPE_SCHEMA = {
  type: 'object',
  properties: {
    title: { type: 'string' },
    servings: { type: 'integer', minimum: 1, maximum: 12 },
    vegetarian: { type: 'boolean' },
    steps: { type: 'array', items: { type: 'string' }, minItems: 2 },
    note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
  },
  required: ['title', 'servings', 'vegetarian', 'steps', 'note'],
  additionalProperties: false,
};

const WEATHER_TOOL = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather in a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { enum: ['celsius', 'fahrenheit'] } },
      required: ['city', 'unit'],
      additionalProperties: false,
    },
  },
};

let sim: Simulator;
let openai: OpenAI;
const ajv = new Ajv2020({ strict: false });

beforeAll(async () => {
  sim = await startSimulator({ latency: 'none' });
  openai = new OpenAI({ baseURL: sim.openaiBaseURL, apiKey: 'test', maxRetries: 0 });
});
afterEach(() => sim.reset());
afterAll(() => sim.close());

function ask(content: string) {
  return { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content }] };
}

describe('buildOpenAIReply', () => {
  it('should answer a chat completion the SDK reads, with usage', async () => {
    const completion = await openai.chat.completions.create(ask('Say hello to the simulator'));
    const choice = completion.choices[0];
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('gpt-4o-mini');
    expect(choice?.message.role).toBe('assistant');
    expect(choice?.message.content).toMatch(/^[A-Z][a-z]+ .+\.$/);
    expect(choice?.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({
      prompt_tokens: 5,
      completion_tokens: 24,
      total_tokens: 29,
      prompt_tokens_details: { cached_tokens: 0 },
    });
    expect(sim.requests[0]).toMatchObject({
      api: 'openai',
      stream: false,
      status: 200,
      completed: true,
    });
  });

  it('should stream a role chunk, one delta per token, a finish chunk and a usage chunk', async () => {
    const request = ask('Stream something');
    const expected = await openai.chat.completions.create(request);
    const stream = await openai.chat.completions.create({
      ...request,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    const contentChunks = chunks.filter((chunk) => chunk.choices[0]?.delta.content);
    expect(contentChunks).toHaveLength(24);
    const text = contentChunks.map((chunk) => chunk.choices[0]?.delta.content).join('');
    expect(text).toBe(expected.choices[0]?.message.content);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toMatchObject({ completion_tokens: 24, total_tokens: 24 + 2 });
    expect(sim.requests[1]).toMatchObject({ stream: true, completed: true });
  });

  it('should not send a usage chunk unless include_usage is set', async () => {
    const stream = await openai.chat.completions.create({
      ...ask('No usage please'),
      stream: true,
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.usage === undefined)).toBe(true);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('should answer json_schema structured output with JSON satisfying the schema', async () => {
    const request = {
      ...ask('Give me a recipe'),
      response_format: {
        type: 'json_schema' as const,
        json_schema: { name: 'recipe', schema: RECIPE_SCHEMA, strict: true },
      },
    };
    const completion = await openai.chat.completions.create(request);
    const recipe = JSON.parse(completion.choices[0]?.message.content ?? '');
    expect(ajv.validate(RECIPE_SCHEMA, recipe)).toBe(true);
    expect(typeof recipe.title).toBe('string');

    const stream = await openai.chat.completions.create({ ...request, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(JSON.parse(text)).toEqual(recipe);
  });

  it('should answer json_object with a JSON object', async () => {
    const completion = await openai.chat.completions.create({
      ...ask('Reply in JSON'),
      response_format: { type: 'json_object' },
    });
    const value: unknown = JSON.parse(completion.choices[0]?.message.content ?? '');
    expect(value).toBeTypeOf('object');
  });

  it('should call a forced tool with arguments satisfying its parameters', async () => {
    const completion = await openai.chat.completions.create({
      ...ask('Weather in Paris?'),
      tools: [WEATHER_TOOL],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    const input = call?.type === 'function' ? JSON.parse(call.function.arguments) : undefined;
    expect(ajv.validate(WEATHER_TOOL.function.parameters, input)).toBe(true);
  });

  it('should return scripted tool calls in JSON', async () => {
    sim.addRule({
      match: 'weather',
      toolCalls: [
        { name: 'get_weather', input: { city: 'Paris', unit: 'celsius' } },
        { name: 'get_weather', input: { city: 'Oslo', unit: 'celsius' } },
      ],
    });
    const completion = await openai.chat.completions.create({
      ...ask('What is the weather?'),
      tools: [WEATHER_TOOL],
    });
    const message = completion.choices[0]?.message;
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(message?.content).toBeNull();
    const calls = (message?.tool_calls ?? []).map((call) =>
      call.type === 'function'
        ? [call.id.startsWith('call_'), call.function.name, JSON.parse(call.function.arguments)]
        : [],
    );
    expect(calls).toEqual([
      [true, 'get_weather', { city: 'Paris', unit: 'celsius' }],
      [true, 'get_weather', { city: 'Oslo', unit: 'celsius' }],
    ]);
  });

  it('should stream scripted tool calls as delta.tool_calls fragments', async () => {
    sim.addRule({
      match: 'weather',
      reply: 'Let me check.',
      toolCalls: [{ name: 'get_weather', input: { city: 'Paris', unit: 'celsius' } }],
    });
    const request = {
      ...ask('What is the weather?'),
      tools: [WEATHER_TOOL],
      stream: true as const,
    };
    const stream = await openai.chat.completions.create(request);
    let fragments = 0;
    for await (const chunk of stream)
      if (chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments) fragments++;
    expect(fragments).toBeGreaterThan(3);

    // The SDK's own accumulator reassembles the fragments into the final message.
    const final = await openai.chat.completions.stream(request).finalChatCompletion();
    const message = final.choices[0]?.message;
    expect(message?.content).toBe('Let me check.');
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    const call = message?.tool_calls?.[0];
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
      city: 'Paris',
      unit: 'celsius',
    });
  });

  it('should truncate the reply at max_completion_tokens with finish reason length', async () => {
    const completion = await openai.chat.completions.create({
      ...ask('Talk a lot'),
      max_completion_tokens: 5,
    });
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.usage?.completion_tokens).toBe(5);

    const stream = await openai.chat.completions.create({
      ...ask('Talk a lot'),
      max_tokens: 3,
      stream: true,
    });
    const reasons: Array<string | null | undefined> = [];
    let deltas = 0;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) deltas++;
      reasons.push(chunk.choices[0]?.finish_reason);
    }
    expect(deltas).toBe(3);
    expect(reasons).toContain('length');
  });

  it('should stop before a stop sequence', async () => {
    sim.addRule({ match: 'count', reply: 'one two three four' });
    const completion = await openai.chat.completions.create({ ...ask('count'), stop: [' three'] });
    expect(completion.choices[0]?.message.content).toBe('one two');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });
});
