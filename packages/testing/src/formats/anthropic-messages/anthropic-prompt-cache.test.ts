import Anthropic from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulator/simulator.js';
import { startSimulator } from '../../simulator/start-simulator.js';

// `count` tokens of the simulator's tokenizer: one word each.
function words(count: number, salt = 'w'): string {
  return Array.from({ length: count }, (_, index) => `${salt}${index % 97}`).join(' ');
}

const FIVE_MINUTES = 5 * 60_000;
const ONE_HOUR = 60 * 60_000;

let sim: Simulator;
let anthropic: Anthropic;
let time = 1_000_000;

beforeAll(async () => {
  sim = await startSimulator({ latency: 'none', now: () => time });
  anthropic = new Anthropic({ baseURL: sim.anthropicBaseURL, apiKey: 'tenant-a', maxRetries: 0 });
});
afterEach(() => sim.reset());
afterAll(() => sim.close());

// A Sonnet-class model: prefixes of 1024 tokens or more are cached.
const SONNET = 'claude-sonnet-4-6';

function cachedSystem(
  tokens: number,
  ttl?: '5m' | '1h',
): Anthropic.MessageCreateParamsNonStreaming {
  return {
    model: SONNET,
    max_tokens: 64,
    system: [
      {
        type: 'text',
        text: words(tokens),
        cache_control: { type: 'ephemeral', ...(ttl !== undefined && { ttl }) },
      },
    ],
    messages: [{ role: 'user', content: 'Hello there' }],
  };
}

describe('anthropic prompt caching', () => {
  it('should write a breakpoint prefix on the first call and read it on the second', async () => {
    const request = cachedSystem(1500);
    const first = await anthropic.messages.create(request);
    expect(first.usage).toMatchObject({
      input_tokens: 2,
      cache_creation_input_tokens: 1500,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 1500, ephemeral_1h_input_tokens: 0 },
    });
    const second = await anthropic.messages.create(request);
    expect(second.usage).toMatchObject({
      input_tokens: 2,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 1500,
    });
    expect(sim.requests.map((recorded) => recorded.promptCache)).toEqual([
      {
        promptTokens: 1502,
        readTokens: 0,
        writeTokens: 1500,
        breakpoints: [{ prefixTokens: 1500, ttlMs: FIVE_MINUTES, outcome: 'written' }],
      },
      {
        promptTokens: 1502,
        readTokens: 1500,
        writeTokens: 0,
        breakpoints: [{ prefixTokens: 1500, ttlMs: FIVE_MINUTES, outcome: 'read' }],
      },
    ]);
  });

  it('should not cache a prefix below the model minimum (1024 tokens, 2048 for Haiku)', async () => {
    const short = cachedSystem(1000);
    await anthropic.messages.create(short);
    const again = await anthropic.messages.create(short);
    expect(again.usage).toMatchObject({
      input_tokens: 1002,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
    expect(sim.requests[1]?.promptCache?.breakpoints[0]?.outcome).toBe('too-short');

    // 1500 tokens is enough for Sonnet, not for Haiku.
    const haiku = { ...cachedSystem(1500), model: 'claude-haiku-4-5' };
    await anthropic.messages.create(haiku);
    const haikuAgain = await anthropic.messages.create(haiku);
    expect(haikuAgain.usage).toMatchObject({
      input_tokens: 1502,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });

  it('should answer more than four breakpoints with a 400', async () => {
    const block = (index: number) => ({
      type: 'text' as const,
      text: `Block ${index}`,
      cache_control: { type: 'ephemeral' as const },
    });
    const error = await anthropic.messages
      .create({
        model: SONNET,
        max_tokens: 64,
        system: [block(1), block(2), block(3)],
        messages: [{ role: 'user', content: [block(4), block(5)] }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as InstanceType<typeof Anthropic.BadRequestError>).message).toContain(
      'A maximum of 4 blocks with cache_control may be provided. Found 5.',
    );
    expect(sim.requests[0]).toMatchObject({ status: 400 });
    expect(sim.requests[0]?.promptCache).toBeUndefined();
  });

  it('should answer a malformed cache_control ttl with a 400', async () => {
    const body = cachedSystem(10) as unknown as { system: Array<{ cache_control: object }> };
    (body.system[0] as { cache_control: object }).cache_control = { type: 'ephemeral', ttl: '2h' };
    const error = await anthropic.messages
      .create(body as unknown as Anthropic.MessageCreateParamsNonStreaming)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(String(error)).toContain("system.0.cache_control.ttl: Input should be '5m' or '1h'");
  });

  it('should answer a 1h breakpoint after a 5m one with a 400', async () => {
    const error = await anthropic.messages
      .create({
        model: SONNET,
        max_tokens: 64,
        system: [{ type: 'text', text: 'Rules', cache_control: { type: 'ephemeral' } }],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Hi', cache_control: { type: 'ephemeral', ttl: '1h' } },
            ],
          },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(String(error)).toContain(
      "messages.0.content.0.cache_control.ttl: a breakpoint with ttl '1h' cannot come after one with ttl '5m'",
    );
  });

  it('should report a 1h breakpoint in the 1h split, and the tokens after it per breakpoint', async () => {
    const request: Anthropic.MessageCreateParamsNonStreaming = {
      model: SONNET,
      max_tokens: 64,
      tools: [
        {
          name: 'lookup',
          description: words(1200, 't'),
          input_schema: { type: 'object', properties: {} },
          cache_control: { type: 'ephemeral', ttl: '1h' },
        },
      ],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: words(300, 'm'), cache_control: { type: 'ephemeral' } },
            { type: 'text', text: 'And the question' },
          ],
        },
      ],
    };
    const first = await anthropic.messages.create(request);
    const recorded = sim.requests[0]?.promptCache;
    const toolTokens = recorded?.breakpoints[0]?.prefixTokens ?? 0;
    expect(toolTokens).toBeGreaterThan(1200);
    expect(recorded?.breakpoints).toEqual([
      { prefixTokens: toolTokens, ttlMs: ONE_HOUR, outcome: 'written' },
      { prefixTokens: toolTokens + 300, ttlMs: FIVE_MINUTES, outcome: 'written' },
    ]);
    expect(first.usage).toMatchObject({
      input_tokens: 3,
      cache_creation_input_tokens: toolTokens + 300,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 300, ephemeral_1h_input_tokens: toolTokens },
    });

    // Six minutes on, the 5-minute prefix is gone and the 1-hour one is read.
    time += 6 * 60_000;
    const later = await anthropic.messages.create(request);
    expect(later.usage).toMatchObject({
      input_tokens: 3,
      cache_read_input_tokens: toolTokens,
      cache_creation_input_tokens: 300,
      cache_creation: { ephemeral_5m_input_tokens: 300, ephemeral_1h_input_tokens: 0 },
    });
    expect(sim.requests[1]?.promptCache?.breakpoints.map((point) => point.outcome)).toEqual([
      'read',
      'written',
    ]);
  });

  it('should expire a 5-minute prefix after 5 minutes unused, and refresh it on a read', async () => {
    const request = cachedSystem(1100);
    await anthropic.messages.create(request);
    time += 4 * 60_000;
    const read = await anthropic.messages.create(request);
    expect(read.usage.cache_read_input_tokens).toBe(1100);
    // 8 minutes after the write, but 4 after the read that refreshed it.
    time += 4 * 60_000;
    const refreshed = await anthropic.messages.create(request);
    expect(refreshed.usage.cache_read_input_tokens).toBe(1100);
    time += FIVE_MINUTES;
    const expired = await anthropic.messages.create(request);
    expect(expired.usage).toMatchObject({
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 1100,
    });
  });

  it('should keep caches apart per API key and per model', async () => {
    const request = cachedSystem(1100);
    await anthropic.messages.create(request);
    const other = new Anthropic({
      baseURL: sim.anthropicBaseURL,
      apiKey: 'tenant-b',
      maxRetries: 0,
    });
    const otherTenant = await other.messages.create(request);
    expect(otherTenant.usage).toMatchObject({
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 1100,
    });
    const otherModel = await anthropic.messages.create({ ...request, model: 'claude-opus-4-7' });
    expect(otherModel.usage.cache_read_input_tokens).toBe(0);
    const sameTenant = await anthropic.messages.create(request);
    expect(sameTenant.usage.cache_read_input_tokens).toBe(1100);
  });

  it('should read the longest cached prefix when the conversation grows', async () => {
    const turn = (text: string, cached: boolean): Anthropic.TextBlockParam => ({
      type: 'text',
      text,
      ...(cached && { cache_control: { type: 'ephemeral' as const } }),
    });
    const history = words(1100, 'h');
    await anthropic.messages.create({
      model: SONNET,
      max_tokens: 64,
      messages: [{ role: 'user', content: [turn(history, true)] }],
    });
    const next = await anthropic.messages.create({
      model: SONNET,
      max_tokens: 64,
      messages: [
        { role: 'user', content: [turn(history, true)] },
        { role: 'assistant', content: [turn(words(50, 'a'), false)] },
        { role: 'user', content: [turn('Go on', true)] },
      ],
    });
    expect(next.usage).toMatchObject({
      cache_read_input_tokens: 1100,
      cache_creation_input_tokens: 52,
      input_tokens: 0,
    });
  });

  it('should report the same usage in a stream (message_start and message_delta) as in JSON', async () => {
    const request = cachedSystem(1300, '1h');
    const json = await anthropic.messages.create(request);
    sim.reset();
    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of await anthropic.messages.create({ ...request, stream: true })) {
      events.push(event);
    }
    const start = events.find((event) => event.type === 'message_start');
    const delta = events.find((event) => event.type === 'message_delta');
    const { output_tokens: _output, ...jsonPrompt } = json.usage;
    expect(start?.type === 'message_start' && start.message.usage).toMatchObject(jsonPrompt);
    expect(delta?.type === 'message_delta' && delta.usage).toMatchObject({
      input_tokens: json.usage.input_tokens,
      cache_creation_input_tokens: 1300,
      cache_read_input_tokens: 0,
      output_tokens: json.usage.output_tokens,
    });
    const final = await anthropic.messages.stream(request).finalMessage();
    expect(final.usage).toMatchObject({ cache_read_input_tokens: 1300, input_tokens: 2 });
  });
});

describe('anthropic prompt caching turned off', () => {
  it('should report no cached tokens and the whole prompt as input_tokens', async () => {
    const off = await startSimulator({ latency: 'none', promptCache: false });
    try {
      const client = new Anthropic({ baseURL: off.anthropicBaseURL, apiKey: 'k', maxRetries: 0 });
      await client.messages.create(cachedSystem(1500));
      const again = await client.messages.create(cachedSystem(1500));
      expect(again.usage).toMatchObject({
        input_tokens: 1502,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      });
      expect(off.requests[1]?.promptCache).toBeUndefined();
    } finally {
      await off.close();
    }
  });
});
