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
