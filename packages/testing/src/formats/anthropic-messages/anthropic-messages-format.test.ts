import Anthropic from '@anthropic-ai/sdk';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulator/simulator.js';
import { startSimulator } from '../../simulator/start-simulator.js';

const PERSON_SCHEMA = {
  type: 'object' as const,
  properties: {
    name: { type: 'string' },
    born: { type: 'integer', minimum: 1800, maximum: 2000 },
    email: { type: 'string', format: 'email' },
    knownFor: { type: 'array', items: { type: 'string' }, minItems: 1 },
  },
  required: ['name', 'born', 'knownFor'],
  additionalProperties: false,
};

let sim: Simulator;
let anthropic: Anthropic;
const ajv = new Ajv2020({ strict: false, validateFormats: false });

beforeAll(async () => {
  sim = await startSimulator({ latency: 'none' });
  anthropic = new Anthropic({ baseURL: sim.anthropicBaseURL, apiKey: 'test', maxRetries: 0 });
});
afterEach(() => sim.reset());
afterAll(() => sim.close());

function ask(content: string, maxTokens = 1024) {
  return {
    model: 'claude-haiku-4-5',
    max_tokens: maxTokens,
    system: 'You are terse.',
    messages: [{ role: 'user' as const, content }],
  };
}

describe('buildAnthropicReply', () => {
  it('should answer a message the SDK reads, with usage', async () => {
    const message = await anthropic.messages.create(ask('Say hello to the simulator'));
    expect(message.type).toBe('message');
    expect(message.model).toBe('claude-haiku-4-5');
    expect(message.stop_reason).toBe('end_turn');
    expect(message.content[0]?.type === 'text' && message.content[0].text).toMatch(/^[A-Z].+\.$/);
    expect(message.usage).toMatchObject({
      input_tokens: 5 + 4,
      output_tokens: 24,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    });
    expect(sim.requests[0]).toMatchObject({ api: 'anthropic', path: '/v1/messages', status: 200 });
    expect(sim.requests[0]?.headers['anthropic-version']).toBeDefined();
  });

  it('should stream the full event sequence, and finalMessage should match the JSON reply', async () => {
    const request = ask('Stream something');
    const expected = await anthropic.messages.create(request);
    const stream = await anthropic.messages.create({ ...request, stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types[0]).toBe('message_start');
    expect(types[1]).toBe('content_block_start');
    expect(types.filter((type) => type === 'content_block_delta')).toHaveLength(24);
    expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);

    const final = await anthropic.messages.stream(request).finalMessage();
    expect(final.content).toEqual(expected.content);
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage.output_tokens).toBe(24);
    expect(final.usage.input_tokens).toBe(expected.usage.input_tokens);
  });

  it('should send event lines and a ping on the wire', async () => {
    const response = await fetch(`${sim.anthropicBaseURL}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ ...ask('Raw stream', 2), stream: true }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = [...(await response.text()).matchAll(/^event: (\w+)$/gm)].map(
      (match) => match[1],
    );
    expect(events).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('should answer a forced tool_choice with tool input satisfying the input_schema', async () => {
    const message = await anthropic.messages.create({
      ...ask('Tell me about Ada Lovelace'),
      tools: [
        { name: 'record_person', description: 'Records a person', input_schema: PERSON_SCHEMA },
      ],
      tool_choice: { type: 'tool', name: 'record_person' },
    });
    expect(message.stop_reason).toBe('tool_use');
    const block = message.content[0];
    expect(block?.type).toBe('tool_use');
    if (block?.type !== 'tool_use') return;
    expect(block.name).toBe('record_person');
    expect(ajv.validate(PERSON_SCHEMA, block.input)).toBe(true);
  });

  it('should answer output_config.format with JSON text satisfying the schema', async () => {
    const message = await anthropic.messages.parse({
      ...ask('Tell me about Ada Lovelace'),
      output_config: { format: { type: 'json_schema', schema: PERSON_SCHEMA } },
    });
    expect(ajv.validate(PERSON_SCHEMA, message.parsed_output)).toBe(true);
  });

  it('should return scripted tool_use blocks in JSON', async () => {
    sim.addRule({
      match: /weather/i,
      reply: 'Checking.',
      toolCalls: [{ name: 'get_weather', input: { city: 'Paris' } }],
    });
    const message = await anthropic.messages.create({
      ...ask('What is the weather?'),
      tools: [
        {
          name: 'get_weather',
          input_schema: { type: 'object', properties: { city: { type: 'string' } } },
        },
      ],
    });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Checking.' });
    expect(message.content[1]).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      input: { city: 'Paris' },
    });
    expect(message.content[1]?.type === 'tool_use' && message.content[1].id).toMatch(/^toolu_/);
  });

  it('should stream scripted tool_use blocks with input_json_delta', async () => {
    sim.addRule({
      match: 'weather',
      toolCalls: [{ name: 'get_weather', input: { city: 'Paris', days: [1, 2] } }],
    });
    const request = { ...ask('What is the weather?'), stream: true as const };
    const stream = await anthropic.messages.create(request);
    let fragments = 0;
    for await (const event of stream) {
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta')
        fragments++;
    }
    expect(fragments).toBeGreaterThan(3);

    const final = await anthropic.messages.stream(request).finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content).toHaveLength(1);
    expect(final.content[0]).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      input: { city: 'Paris', days: [1, 2] },
    });
  });

  it('should truncate at max_tokens with stop reason max_tokens', async () => {
    const message = await anthropic.messages.create(ask('Talk a lot', 4));
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.usage.output_tokens).toBe(4);

    const final = await anthropic.messages.stream(ask('Talk a lot', 4)).finalMessage();
    expect(final.stop_reason).toBe('max_tokens');
    expect(final.content).toEqual(message.content);
  });

  it('should report the stop sequence that ended the reply', async () => {
    sim.addRule({ match: 'count', reply: 'one two three four' });
    const message = await anthropic.messages.create({
      ...ask('count'),
      stop_sequences: ['four', 'three'],
    });
    expect(message.stop_reason).toBe('stop_sequence');
    expect(message.stop_sequence).toBe('three');
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'one two ' });
  });
});
