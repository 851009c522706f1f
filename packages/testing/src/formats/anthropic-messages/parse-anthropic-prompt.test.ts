import Anthropic from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulator/simulator.js';
import { startSimulator } from '../../simulator/start-simulator.js';
import { parseAnthropicPrompt } from './parse-anthropic-prompt.js';

// `count` tokens of the simulator's tokenizer: one word each.
function words(count: number, salt = 'w'): string {
  return Array.from({ length: count }, (_, index) => `${salt}${index % 97}`).join(' ');
}

const FIVE_MINUTES = 5 * 60_000;
const ONE_HOUR = 60 * 60_000;
// A Sonnet-class model: prefixes of 1024 tokens or more are cached.
const SONNET = 'claude-sonnet-4-6';
const EPHEMERAL = { type: 'ephemeral' } as const;

let sim: Simulator;
let anthropic: Anthropic;

beforeAll(async () => {
  sim = await startSimulator({ latency: 'none', now: () => 1_000_000 });
  anthropic = new Anthropic({ baseURL: sim.anthropicBaseURL, apiKey: 'tenant-a', maxRetries: 0 });
});
afterEach(() => sim.reset());
afterAll(() => sim.close());

function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.catch((error: unknown) => error);
}

// The message of the API error body, as the simulator wrote it.
function messageOf(error: unknown): string {
  const body = error instanceof Anthropic.APIError ? error.error : undefined;
  const inner = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof inner === 'string' ? inner : String(error);
}

describe('parseAnthropicPrompt: top-level cache_control (automatic caching)', () => {
  const system = words(1200, 's');

  it('should write the prefix through the last block, and read it when one more turn is sent', async () => {
    const first = await anthropic.messages.create({
      model: SONNET,
      max_tokens: 16,
      cache_control: EPHEMERAL,
      system,
      messages: [{ role: 'user', content: 'First question' }],
    });
    expect(sim.requests[0]?.body).toMatchObject({ cache_control: EPHEMERAL });
    // The whole prompt is written, the question included: the breakpoint is on the last block.
    expect(first.usage).toMatchObject({
      input_tokens: 0,
      cache_creation_input_tokens: 1202,
      cache_read_input_tokens: 0,
    });
    expect(sim.requests[0]?.promptCache?.breakpoints).toEqual([
      { prefixTokens: 1202, ttlMs: FIVE_MINUTES, outcome: 'written' },
    ]);

    const next = await anthropic.messages.create({
      model: SONNET,
      max_tokens: 16,
      cache_control: EPHEMERAL,
      system,
      messages: [
        { role: 'user', content: 'First question' },
        { role: 'assistant', content: 'An answer' },
        { role: 'user', content: 'Second question' },
      ],
    });
    // The breakpoint moved to the new last block; its lookback finds the first request's prefix.
    expect(next.usage).toMatchObject({
      input_tokens: 0,
      cache_read_input_tokens: 1202,
      cache_creation_input_tokens: 4,
    });
    expect(sim.requests[1]?.promptCache?.breakpoints).toEqual([
      { prefixTokens: 1206, ttlMs: FIVE_MINUTES, outcome: 'written' },
    ]);
  });

  it('should take the ttl of the top-level cache_control', async () => {
    const reply = await anthropic.messages.create({
      model: SONNET,
      max_tokens: 16,
      cache_control: { type: 'ephemeral', ttl: '1h' },
      system,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Question' }] }],
    });
    expect(reply.usage.cache_creation).toMatchObject({
      ephemeral_5m_input_tokens: 0,
      ephemeral_1h_input_tokens: 1201,
    });
    expect(sim.requests[0]?.promptCache?.breakpoints).toEqual([
      { prefixTokens: 1201, ttlMs: ONE_HOUR, outcome: 'written' },
    ]);
  });

  it('should count the top-level cache_control toward the four breakpoints', async () => {
    const block = (index: number): Anthropic.TextBlockParam => ({
      type: 'text',
      text: `Block ${index}`,
      cache_control: EPHEMERAL,
    });
    const request = (blocks: number): Anthropic.MessageCreateParamsNonStreaming => ({
      model: SONNET,
      max_tokens: 16,
      cache_control: EPHEMERAL,
      system: Array.from({ length: blocks }, (_, index) => block(index)),
      messages: [{ role: 'user', content: 'Question' }],
    });
    // Three on blocks and the top-level one: four, accepted.
    await anthropic.messages.create(request(3));
    expect(sim.requests[0]?.promptCache?.breakpoints).toHaveLength(4);

    const error = await caught(anthropic.messages.create(request(4)));
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(messageOf(error)).toContain(
      'A maximum of 4 blocks with cache_control may be provided. Found 5 (4 on blocks and the top-level cache_control',
    );
    expect(sim.requests[1]).toMatchObject({ status: 400 });
    expect(sim.requests[1]?.promptCache).toBeUndefined();
  });

  it('should answer a malformed top-level cache_control, or a 1h one after a 5m block, with a 400', async () => {
    const body = {
      model: SONNET,
      max_tokens: 16,
      cache_control: { type: 'persistent' },
      messages: [{ role: 'user', content: 'Question' }],
    } as unknown as Anthropic.MessageCreateParamsNonStreaming;
    const malformed = await caught(anthropic.messages.create(body));
    expect(malformed).toBeInstanceOf(Anthropic.BadRequestError);
    expect(messageOf(malformed)).toContain(
      `cache_control.type: Input should be 'ephemeral', got {"type":"persistent"}`,
    );

    const outOfOrder = await caught(
      anthropic.messages.create({
        model: SONNET,
        max_tokens: 16,
        cache_control: { type: 'ephemeral', ttl: '1h' },
        system: [{ type: 'text', text: system, cache_control: EPHEMERAL }],
        messages: [{ role: 'user', content: 'Question' }],
      }),
    );
    expect(messageOf(outOfOrder)).toContain(
      "cache_control.ttl: a breakpoint with ttl '1h' cannot come after one with ttl '5m'",
    );
  });

  it('should place the top-level breakpoint on the last cacheable block, not on a thinking block', () => {
    const prompt = parseAnthropicPrompt({
      cache_control: EPHEMERAL,
      messages: [
        { role: 'user', content: 'Question' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Let me see' },
            { type: 'thinking', thinking: 'Hmm', signature: 'sig' },
          ],
        },
      ],
    });
    expect(Array.isArray(prompt) && prompt.map((segment) => segment.breakpointTtlMs)).toEqual([
      undefined,
      FIVE_MINUTES,
      undefined,
    ]);
  });
});

describe('parseAnthropicPrompt: breakpoints in tool use', () => {
  const tools: Anthropic.Tool[] = [
    { name: 'weather', description: 'Weather', input_schema: { type: 'object', properties: {} } },
  ];
  const toolUse = (marked: boolean): Anthropic.ToolUseBlockParam => ({
    type: 'tool_use',
    id: 'toolu_1',
    name: 'weather',
    input: { city: 'Paris' },
    ...(marked && { cache_control: EPHEMERAL }),
  });
  const conversation = (
    toolUseMarked: boolean,
    result: Anthropic.ToolResultBlockParam,
  ): Anthropic.MessageCreateParamsNonStreaming => ({
    model: SONNET,
    max_tokens: 16,
    tools,
    system: words(1100, 's'),
    messages: [
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: [toolUse(toolUseMarked)] },
      { role: 'user', content: [result] },
    ],
  });
  const report = words(60, 'r');
  const result = (inner: boolean, outer = false): Anthropic.ToolResultBlockParam => ({
    type: 'tool_result',
    tool_use_id: 'toolu_1',
    content: [
      { type: 'text', text: report, ...(inner && { cache_control: EPHEMERAL }) },
      { type: 'text', text: 'Sunny' },
    ],
    ...(outer && { cache_control: EPHEMERAL }),
  });

  it('should take a cache_control inside tool_result content as a breakpoint through that block', async () => {
    await anthropic.messages.create(conversation(false, result(true)));
    const recorded = sim.requests[0]?.promptCache;
    const promptTokens = recorded?.promptTokens ?? 0;
    // Everything but the last inner block ('Sunny', one token).
    expect(recorded?.breakpoints).toEqual([
      { prefixTokens: promptTokens - 1, ttlMs: FIVE_MINUTES, outcome: 'written' },
    ]);
    expect(recorded?.writeTokens).toBe(promptTokens - 1);

    // Marking the tool_result itself instead ends after its last block: one block further, so
    // the lookback reads what the inner marker wrote (the marker is not part of the prefix).
    const outer = await anthropic.messages.create(conversation(false, result(false, true)));
    expect(outer.usage).toMatchObject({
      cache_read_input_tokens: promptTokens - 1,
      cache_creation_input_tokens: 1,
      input_tokens: 0,
    });
  });

  it('should take a cache_control on a tool_use block, and one on a tool_result with string content', async () => {
    await anthropic.messages.create(
      conversation(true, {
        type: 'tool_result',
        tool_use_id: 'toolu_1',
        content: report,
        cache_control: EPHEMERAL,
      }),
    );
    const recorded = sim.requests[0]?.promptCache;
    const promptTokens = recorded?.promptTokens ?? 0;
    expect(recorded?.breakpoints).toEqual([
      // A tool call counts no tokens here: the prefix through it is the one before the result.
      { prefixTokens: promptTokens - 60, ttlMs: FIVE_MINUTES, outcome: 'written' },
      { prefixTokens: promptTokens, ttlMs: FIVE_MINUTES, outcome: 'written' },
    ]);
  });

  it('should count breakpoints inside tool_result content toward the four', async () => {
    const many: Anthropic.ToolResultBlockParam = {
      type: 'tool_result',
      tool_use_id: 'toolu_1',
      cache_control: EPHEMERAL,
      content: ['a', 'b', 'c', 'd'].map((text) => ({
        type: 'text',
        text,
        cache_control: EPHEMERAL,
      })),
    };
    const error = await caught(anthropic.messages.create(conversation(false, many)));
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(messageOf(error)).toContain('Found 5.');
  });

  it('should name the bad ttl inside tool_result content by its path', async () => {
    const bad = {
      type: 'tool_result',
      tool_use_id: 'toolu_1',
      content: [{ type: 'text', text: 'x', cache_control: { type: 'ephemeral', ttl: '2h' } }],
    } as unknown as Anthropic.ToolResultBlockParam;
    const error = await caught(anthropic.messages.create(conversation(false, bad)));
    expect(messageOf(error)).toContain(
      `messages.2.content.0.content.0.cache_control.ttl: Input should be '5m' or '1h', got "2h"`,
    );
  });
});
