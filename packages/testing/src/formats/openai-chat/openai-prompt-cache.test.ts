import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulator/simulator.js';
import { startSimulator } from '../../simulator/start-simulator.js';

// `count` tokens of the simulator's tokenizer: one word each.
function words(count: number, salt = 'w'): string {
  return Array.from({ length: count }, (_, index) => `${salt}${index % 97}`).join(' ');
}

let sim: Simulator;
let openai: OpenAI;
let time = 1_000_000;

beforeAll(async () => {
  sim = await startSimulator({ latency: 'none', now: () => time });
  openai = new OpenAI({ baseURL: sim.openaiBaseURL, apiKey: 'tenant-a', maxRetries: 0 });
});
afterEach(() => sim.reset());
afterAll(() => sim.close());

function ask(
  systemTokens: number,
  question = 'Hi',
  extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {},
): OpenAI.ChatCompletionCreateParamsNonStreaming {
  return {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: words(systemTokens) },
      { role: 'user', content: question },
    ],
    ...extra,
  };
}

async function cachedTokens(
  request: OpenAI.ChatCompletionCreateParamsNonStreaming,
  client = openai,
): Promise<number | undefined> {
  const completion = await client.chat.completions.create(request);
  return completion.usage?.prompt_tokens_details?.cached_tokens;
}

describe('openai prompt caching', () => {
  it('should cache a long prompt by prefix, in 128-token steps from 1024', async () => {
    const request = ask(2000);
    const first = await openai.chat.completions.create(request);
    expect(first.usage).toMatchObject({
      prompt_tokens: 2001,
      prompt_tokens_details: { cached_tokens: 0 },
    });
    const second = await openai.chat.completions.create(request);
    // 2001 tokens, rounded down to a multiple of 128: 1920.
    expect(second.usage).toMatchObject({
      prompt_tokens: 2001,
      prompt_tokens_details: { cached_tokens: 1920 },
    });
    expect(sim.requests.map((recorded) => recorded.promptCache)).toEqual([
      { promptTokens: 2001, readTokens: 0, writeTokens: 1920, breakpoints: [] },
      { promptTokens: 2001, readTokens: 1920, writeTokens: 0, breakpoints: [] },
    ]);
    // Another question after the same system prompt shares its first 1920 tokens.
    expect(await cachedTokens(ask(2000, 'Something else entirely'))).toBe(1920);
  });

  it('should round the shared prefix down to 128 tokens, and cache nothing below 1024', async () => {
    await cachedTokens(ask(1100, 'First question'));
    // The first 1100 tokens are shared: 1024 of them are cached.
    expect(await cachedTokens(ask(1100, 'Second question'))).toBe(1024);
    // 1000 shared tokens are fewer than 1024: nothing is cached, though both prompts are longer.
    await cachedTokens(ask(1000, words(200, 'q')));
    expect(await cachedTokens(ask(1000, words(200, 'r')))).toBe(0);
    // A prompt under 1024 tokens is never cached.
    await cachedTokens(ask(500));
    expect(await cachedTokens(ask(500))).toBe(0);
    expect(sim.requests.at(-1)?.promptCache).toMatchObject({ readTokens: 0, writeTokens: 0 });
  });

  it('should keep prompt_cache_key partitions apart', async () => {
    await cachedTokens(ask(1200, 'Hi', { prompt_cache_key: 'user-1' }));
    expect(await cachedTokens(ask(1200, 'Hi', { prompt_cache_key: 'user-2' }))).toBe(0);
    expect(await cachedTokens(ask(1200, 'Hi'))).toBe(0);
    expect(await cachedTokens(ask(1200, 'Hi', { prompt_cache_key: 'user-1' }))).toBe(1152);
  });

  it('should keep caches apart per API key', async () => {
    await cachedTokens(ask(1200));
    const other = new OpenAI({ baseURL: sim.openaiBaseURL, apiKey: 'tenant-b', maxRetries: 0 });
    expect(await cachedTokens(ask(1200), other)).toBe(0);
    expect(await cachedTokens(ask(1200))).toBe(1152);
    expect(await cachedTokens(ask(1200, 'Hi', { model: 'gpt-4.1-mini' }))).toBe(0);
  });

  it('should expire a prefix after 5 minutes unused, and keep it 24 h with prompt_cache_retention', async () => {
    await cachedTokens(ask(1200));
    time += 4 * 60_000;
    expect(await cachedTokens(ask(1200))).toBe(1152);
    time += 4 * 60_000;
    expect(await cachedTokens(ask(1200))).toBe(1152);
    time += 5 * 60_000;
    expect(await cachedTokens(ask(1200))).toBe(0);

    const kept = ask(1300, 'Hi', { prompt_cache_retention: '24h' });
    await cachedTokens(kept);
    time += 23 * 60 * 60_000;
    expect(await cachedTokens(kept)).toBe(1280);
  });

  it('should answer an unknown prompt_cache_retention with a 400', async () => {
    const request = {
      ...ask(10),
      prompt_cache_retention: 'forever',
    } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming;
    const error = await openai.chat.completions.create(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(String(error)).toContain("Invalid value for 'prompt_cache_retention'");
  });

  it('should report the same cached tokens in the stream usage chunk as in JSON', async () => {
    const request = ask(1500);
    await openai.chat.completions.create(request);
    const json = await openai.chat.completions.create(request);
    const stream = await openai.chat.completions.create({
      ...request,
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) usage ??= chunk.usage;
    expect(json.usage?.prompt_tokens_details?.cached_tokens).toBe(1408);
    expect(usage).toEqual(json.usage);
  });
});

type Part = OpenAI.ChatCompletionContentPartText;

// A gpt-5.6 request: the system prompt as one text part, marked where `ttl` says.
function marked(
  systemTokens: number,
  question: string,
  breakpoint: Part['prompt_cache_breakpoint'] | null = { mode: 'explicit' },
  extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {},
): OpenAI.ChatCompletionCreateParamsNonStreaming {
  const part: Part = { type: 'text', text: words(systemTokens) };
  if (breakpoint !== null) part.prompt_cache_breakpoint = breakpoint;
  return {
    model: 'gpt-5.6',
    messages: [
      { role: 'system', content: [part] },
      { role: 'user', content: question },
    ],
    ...extra,
  };
}

async function usageOf(request: OpenAI.ChatCompletionCreateParamsNonStreaming) {
  const completion = await openai.chat.completions.create(request);
  return completion.usage?.prompt_tokens_details;
}

async function errorOf(request: unknown): Promise<unknown> {
  return openai.chat.completions
    .create(request as OpenAI.ChatCompletionCreateParamsNonStreaming)
    .catch((caught: unknown) => caught);
}

describe('openai prompt_cache_breakpoint (gpt-5.6 and later)', () => {
  it('should cache exactly through a breakpoint, beside the 128-token steps, and report writes', async () => {
    expect(await usageOf(marked(1500, 'First question'))).toMatchObject({
      cached_tokens: 0,
      cache_write_tokens: 1500,
    });
    // Another question reads the whole system prompt, not the 1408 tokens of the last step.
    expect(await usageOf(marked(1500, 'Something else entirely'))).toMatchObject({
      cached_tokens: 1500,
      cache_write_tokens: 0,
    });
    // Without the marker gpt-5.6 still caches by itself, in steps; the marker does not change
    // the prefix, so the steps written above are read.
    expect(await usageOf(marked(1500, 'A third one', null))).toMatchObject({ cached_tokens: 1408 });
  });

  it('should ignore breakpoints on an older model, and report no writes for it', async () => {
    const older = { ...marked(1500, 'First question'), model: 'gpt-4o-mini' };
    await usageOf(older);
    const details = await usageOf({ ...older, messages: marked(1500, 'Another').messages });
    expect(details?.cached_tokens).toBe(1408);
    expect(details).not.toHaveProperty('cache_write_tokens');
  });

  it('should end the prefix at a marked part inside a message', async () => {
    const ask = (question: string): OpenAI.ChatCompletionCreateParamsNonStreaming => ({
      model: 'gpt-5.6-mini',
      messages: [
        { role: 'system', content: words(1100) },
        {
          role: 'user',
          content: [
            { type: 'text', text: words(100, 'd'), prompt_cache_breakpoint: { mode: 'explicit' } },
            { type: 'text', text: question },
          ],
        },
      ],
    });
    await usageOf(ask('First question'));
    // 1100 + 100 tokens through the marked part; the steps alone would give 1152.
    expect(await usageOf(ask('Second question'))).toMatchObject({ cached_tokens: 1200 });
  });

  it("should keep a breakpoint's prefix 30 minutes by default, and 12 hours with ttl '12h'", async () => {
    await usageOf(marked(1500, 'First question'));
    time += 29 * 60_000;
    expect(await usageOf(marked(1500, 'Second'))).toMatchObject({ cached_tokens: 1500 });
    time += 31 * 60_000;
    expect(await usageOf(marked(1500, 'Third'))).toMatchObject({ cached_tokens: 0 });

    const long = { mode: 'explicit', ttl: '12h' } as const;
    await usageOf(marked(1600, 'First question', long));
    time += 11 * 60 * 60_000;
    // The 12-hour prefix outlives the automatic ones (30 minutes).
    expect(await usageOf(marked(1600, 'Second', long))).toMatchObject({ cached_tokens: 1600 });
  });

  it("should cache only at breakpoints with prompt_cache_options.mode 'explicit'", async () => {
    const explicit = { prompt_cache_options: { mode: 'explicit' } } as const;
    await usageOf(marked(1500, 'First question', null, explicit));
    expect(await usageOf(marked(1500, 'Second', null, explicit))).toMatchObject({
      cached_tokens: 0,
      cache_write_tokens: 0,
    });
    await usageOf(marked(1500, 'Third', undefined, explicit));
    expect(await usageOf(marked(1500, 'Fourth', undefined, explicit))).toMatchObject({
      cached_tokens: 1500,
    });
    expect(sim.requests.at(-1)?.promptCache?.breakpoints).toEqual([
      { prefixTokens: 1500, ttlMs: 30 * 60_000, outcome: 'read' },
    ]);
  });

  it('should write only the latest three breakpoints in implicit mode, four in explicit', async () => {
    const mark = { mode: 'explicit' } as const;
    const four = (question: string, extra = {}): OpenAI.ChatCompletionCreateParamsNonStreaming => ({
      model: 'gpt-5.6',
      messages: [
        {
          role: 'system',
          content: [{ type: 'text', text: words(1100), prompt_cache_breakpoint: mark }],
        },
        {
          role: 'user',
          content: [
            ...['a', 'b', 'c'].map((salt) => ({
              type: 'text' as const,
              text: words(10, salt),
              prompt_cache_breakpoint: mark,
            })),
            { type: 'text', text: question },
          ],
        },
      ],
      ...extra,
    });
    const systemOnly = (extra = {}) => ({
      ...marked(1100, 'Another question'),
      ...extra,
    });
    await usageOf(four('First question'));
    // The system breakpoint was the fourth latest: not written, so only the 1024-token step is read.
    expect(await usageOf(systemOnly())).toMatchObject({ cached_tokens: 1024 });
    sim.reset();
    const explicit = { prompt_cache_options: { mode: 'explicit' } };
    await usageOf(four('First question', explicit));
    expect(await usageOf(systemOnly(explicit))).toMatchObject({ cached_tokens: 1100 });
  });

  it('should answer more than four breakpoints, or a bad mode or ttl, with a 400', async () => {
    const part = (text: string) => ({
      type: 'text',
      text,
      prompt_cache_breakpoint: { mode: 'explicit' },
    });
    const five = {
      model: 'gpt-5.6',
      messages: [{ role: 'user', content: ['a', 'b', 'c', 'd', 'e'].map(part) }],
    };
    const cases: Array<[unknown, string]> = [
      [five, 'at most 4 content parts with prompt_cache_breakpoint. Found 5'],
      [
        marked(10, 'Hi', { mode: 'implicit' } as unknown as Part['prompt_cache_breakpoint']),
        'Invalid value for \'messages[0].content[0].prompt_cache_breakpoint.mode\': "implicit"',
      ],
      [
        marked(10, 'Hi', {
          mode: 'explicit',
          ttl: '1h',
        } as unknown as Part['prompt_cache_breakpoint']),
        'Invalid value for \'messages[0].content[0].prompt_cache_breakpoint.ttl\': "1h"',
      ],
      [
        { ...marked(10, 'Hi'), prompt_cache_options: { mode: 'auto' } },
        "Invalid value for 'prompt_cache_options.mode'",
      ],
      [
        { ...marked(10, 'Hi'), prompt_cache_options: { ttl: '12h' } },
        "Invalid value for 'prompt_cache_options.ttl'",
      ],
    ];
    for (const [request, message] of cases) {
      const error = await errorOf(request);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(String(error)).toContain(message);
    }
    // Four are fine.
    const four = { ...five, messages: [{ role: 'user', content: ['a', 'b', 'c', 'd'].map(part) }] };
    expect(await errorOf(four)).not.toBeInstanceOf(Error);
  });
});

describe('openai prompt caching turned off', () => {
  it('should report no cached tokens', async () => {
    const off = await startSimulator({ latency: 'none', promptCache: false });
    try {
      const client = new OpenAI({ baseURL: off.openaiBaseURL, apiKey: 'k', maxRetries: 0 });
      await cachedTokens(ask(2000), client);
      expect(await cachedTokens(ask(2000), client)).toBe(0);
      expect(off.requests[1]?.promptCache).toBeUndefined();
    } finally {
      await off.close();
    }
  });
});
