import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from './simulator.js';
import type { SimulatorRequestInfo } from './simulator-request-info.js';
import { startSimulator } from './start-simulator.js';

let sim: Simulator;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  sim = await startSimulator({
    latency: 'none',
    rules: [{ match: 'ping', reply: 'pong' }],
  });
  openai = new OpenAI({ baseURL: sim.openaiBaseURL, apiKey: 'test', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: sim.anthropicBaseURL, apiKey: 'test', maxRetries: 0 });
});
afterEach(() => sim.reset());
afterAll(() => sim.close());

async function openaiText(
  content: string,
  extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {},
) {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content }],
    ...extra,
  });
  return completion.choices[0]?.message.content;
}

async function anthropicText(content: string) {
  const message = await anthropic.messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: 256,
    messages: [{ role: 'user', content }],
  });
  return message.content[0]?.type === 'text' ? message.content[0].text : undefined;
}

describe('planReply', () => {
  it('should give the same text to the same request', async () => {
    expect(await openaiText('What is a monad?')).toBe(await openaiText('What is a monad?'));
    expect(await anthropicText('What is a monad?')).toBe(await anthropicText('What is a monad?'));
  });

  it('should give different text to different requests', async () => {
    const base = await openaiText('What is a monad?');
    expect(await openaiText('What is a functor?')).not.toBe(base);
    expect(await openaiText('What is a monad?', { temperature: 0.2 })).not.toBe(base);
    expect(await openaiText('What is a monad?', { model: 'gpt-4.1-mini' })).not.toBe(base);
  });

  it('should give different text under a different simulator seed', async () => {
    const other = await startSimulator({ latency: 'none', seed: 99 });
    try {
      const client = new OpenAI({ baseURL: other.openaiBaseURL, apiKey: 'test', maxRetries: 0 });
      const completion = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'What is a monad?' }],
      });
      expect(completion.choices[0]?.message.content).not.toBe(await openaiText('What is a monad?'));
    } finally {
      await other.close();
    }
  });

  it('should answer with a rule from the options when the last user message contains its text', async () => {
    expect(await openaiText('ping me')).toBe('pong');
    expect(await anthropicText('please ping')).toBe('pong');
  });

  it('should use the first matching rule, with RegExp and function matchers', async () => {
    sim.addRule({ match: /^hello/i, reply: 'first' });
    sim.addRule({ match: 'hello', reply: 'second' });
    sim.addRule({ match: (request) => request.system.includes('pirate'), reply: 'arr' });
    expect(await openaiText('Hello there')).toBe('first');
    expect(await openaiText('say hello')).toBe('second');
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are a pirate.' },
        { role: 'user', content: 'Greetings' },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe('arr');
  });

  it('should stop using a rule after its times are used up', async () => {
    sim.addRule({ match: 'once', reply: 'only once', times: 1 });
    expect(await openaiText('once')).toBe('only once');
    expect(await openaiText('once')).not.toBe('only once');
  });

  it('should give a reply function the request info', async () => {
    let seen: SimulatorRequestInfo | undefined;
    sim.addRule({
      match: 'echo',
      reply: (request) => {
        seen = request;
        return `echo: ${request.lastUserText}`;
      },
    });
    const message = await anthropic.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 256,
      system: [{ type: 'text', text: 'Be brief.' }],
      tools: [{ name: 'lookup', input_schema: { type: 'object', properties: {} } }],
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: [{ type: 'text', text: 'echo this' }] },
      ],
    });
    expect(message.content[0]).toMatchObject({ text: 'echo: echo this' });
    expect(seen).toMatchObject({
      api: 'anthropic',
      model: 'claude-haiku-4-5',
      system: 'Be brief.',
      lastUserText: 'echo this',
      stream: false,
      maxTokens: 256,
      messages: [
        { role: 'user', text: 'first' },
        { role: 'assistant', text: 'ok' },
        { role: 'user', text: 'echo this' },
      ],
      tools: [{ name: 'lookup' }],
    });
  });

  it('should let a rule reply override structured output, even with invalid JSON', async () => {
    sim.addRule({ match: 'broken', reply: '{"name": ' });
    const content = await openaiText('broken json please', {
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'x', schema: { type: 'object' } },
      },
    });
    expect(content).toBe('{"name": ');
  });

  it('should report a rule finish reason', async () => {
    sim.addRule({ match: 'unsafe', reply: '', finishReason: 'content-filter' });
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'unsafe' }],
    });
    expect(completion.choices[0]?.finish_reason).toBe('content_filter');
  });

  it('should generate replies of replyTokens tokens', async () => {
    const other = await startSimulator({ latency: 'none', replyTokens: 7 });
    try {
      const client = new OpenAI({ baseURL: other.openaiBaseURL, apiKey: 'test', maxRetries: 0 });
      const completion = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'short please' }],
      });
      expect(completion.usage?.completion_tokens).toBe(7);
    } finally {
      await other.close();
    }
  });
});
