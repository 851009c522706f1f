import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import type { PromptCachePolicy } from '../wire/prompt-cache-policy.js';
import type { PromptSegment } from '../wire/prompt-segment.js';
import {
  createPromptCache,
  type PromptCache,
  type PromptCacheRequest,
} from './create-prompt-cache.js';
import { startSimulator } from './start-simulator.js';

function words(count: number, salt = 'w'): string {
  return Array.from({ length: count }, (_, index) => `${salt}${index}`).join(' ');
}

const BREAKPOINTS: PromptCachePolicy = {
  mode: 'breakpoints',
  minimumTokens: 100,
  incrementTokens: 1,
  ttlMs: 0,
  partition: '',
};
const AUTOMATIC: PromptCachePolicy = {
  mode: 'automatic',
  minimumTokens: 100,
  incrementTokens: 10,
  ttlMs: 1000,
  partition: '',
};

function request(prompt: PromptSegment[], policy = BREAKPOINTS): PromptCacheRequest {
  return { api: 'test', apiKey: 'k', model: 'm', prompt, policy };
}

// Serves a request that answers its first token at once, so what it wrote is readable.
function serve(cache: PromptCache, served: PromptCacheRequest) {
  const result = cache.use(served);
  result.publish(0);
  return result;
}

describe('createPromptCache', () => {
  it('should write each long enough breakpoint beyond the read one, with its own TTL', () => {
    const cache = createPromptCache(() => 0);
    const prompt: PromptSegment[] = [
      { key: 'a', text: words(50), breakpointTtlMs: 3600 },
      { key: 'b', text: words(100), breakpointTtlMs: 3600 },
      { key: 'c', text: words(30), breakpointTtlMs: 300 },
      { key: 'd', text: words(7) },
    ];
    const first = serve(cache, request(prompt));
    expect(first.usage).toEqual({
      readTokens: 0,
      writeTokens: 180,
      writes: [
        { ttlMs: 3600, tokens: 150 },
        { ttlMs: 300, tokens: 30 },
      ],
    });
    expect(first.record.breakpoints.map((point) => point.outcome)).toEqual([
      'too-short',
      'written',
      'written',
    ]);
    const second = serve(cache, request(prompt));
    expect(second.usage).toEqual({ readTokens: 180, writeTokens: 0, writes: [] });
    expect(second.record.breakpoints.map((point) => point.outcome)).toEqual([
      'covered',
      'covered',
      'read',
    ]);
    cache.clear();
    expect(serve(cache, request(prompt)).usage.readTokens).toBe(0);
  });

  it('should key prefixes on segment keys and texts, not on where breakpoints are', () => {
    const cache = createPromptCache(() => 0);
    const head = { key: 'system', text: words(120) };
    serve(
      cache,
      request([
        { ...head, breakpointTtlMs: 300 },
        { key: 'user', text: 'one' },
      ]),
    );
    const moved = serve(
      cache,
      request([
        { ...head, breakpointTtlMs: 300 },
        { key: 'user', text: 'two', breakpointTtlMs: 300 },
      ]),
    );
    expect(moved.usage).toMatchObject({ readTokens: 120, writeTokens: 1 });
    const otherKey = serve(cache, request([{ ...head, key: 'user', breakpointTtlMs: 300 }]));
    expect(otherKey.usage.readTokens).toBe(0);
  });

  it('should read a prefix written before the breakpoint within lookbackBlocks positions only', () => {
    const cache = createPromptCache(() => 0);
    const blocks = (count: number, marked: number): PromptSegment[] => [
      { key: 'system', text: words(120) },
      ...Array.from({ length: count }, (_, index) => ({
        key: 'user',
        text: `b${index}`,
        ...(index === marked && { breakpointTtlMs: 300 }),
      })),
    ];
    const policy = { ...BREAKPOINTS, lookbackBlocks: 3 };
    serve(cache, request(blocks(2, 1), policy));
    // b1 is 2 blocks back from b3: within the 3 positions b3, b2, b1.
    const near = serve(cache, request(blocks(4, 3), policy));
    expect(near.usage).toMatchObject({ readTokens: 122, writeTokens: 2 });
    expect(near.record.breakpoints).toEqual([
      { prefixTokens: 124, ttlMs: 300, outcome: 'written' },
    ]);
    // b3 is 3 blocks back from b6: out of reach. Without lookbackBlocks only b6 itself counts.
    expect(serve(cache, request(blocks(7, 6), policy)).usage.readTokens).toBe(0);
    expect(serve(cache, request(blocks(5, 4))).usage.readTokens).toBe(0);
  });

  it('should cache automatic prefixes in increments, per partition, and expire them', () => {
    let time = 0;
    const cache = createPromptCache(() => time);
    const prompt = [
      { key: 'system', text: words(95) },
      { key: 'user', text: words(30, 'u') },
    ];
    expect(serve(cache, request(prompt, AUTOMATIC)).usage).toMatchObject({
      readTokens: 0,
      writeTokens: 120,
    });
    const changedTail = [prompt[0] as PromptSegment, { key: 'user', text: words(30, 'v') }];
    // 95 shared tokens, below the minimum of 100.
    expect(serve(cache, request(changedTail, AUTOMATIC)).usage.readTokens).toBe(0);
    const sameStart = [prompt[0] as PromptSegment, { key: 'user', text: `${words(12, 'u')} x` }];
    // 95 + 12 shared tokens, rounded down to 100.
    expect(serve(cache, request(sameStart, AUTOMATIC)).usage.readTokens).toBe(100);
    const keyed = { ...AUTOMATIC, partition: 'p' };
    expect(serve(cache, request(prompt, keyed)).usage.readTokens).toBe(0);
    time = 999;
    expect(serve(cache, request(prompt, AUTOMATIC)).usage.readTokens).toBe(120);
    time = 999 + 1000;
    expect(serve(cache, request(prompt, AUTOMATIC)).usage.readTokens).toBe(0);
  });
});

describe('Simulator.reset', () => {
  it('should empty the prompt caches', async () => {
    const sim = await startSimulator({ latency: 'none' });
    try {
      const anthropic = new Anthropic({
        baseURL: sim.anthropicBaseURL,
        apiKey: 'k',
        maxRetries: 0,
      });
      const body: Anthropic.MessageCreateParamsNonStreaming = {
        model: 'claude-opus-4-7',
        max_tokens: 16,
        system: [{ type: 'text', text: words(1100), cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: 'Hi' }],
      };
      await anthropic.messages.create(body);
      expect((await anthropic.messages.create(body)).usage.cache_read_input_tokens).toBe(1100);
      sim.reset();
      const afterReset = await anthropic.messages.create(body);
      expect(afterReset.usage).toMatchObject({
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 1100,
      });
    } finally {
      await sim.close();
    }
  });
});

describe('PromptCache.publish', () => {
  it('should keep a written prefix unreadable until its writer answered its first token', () => {
    let time = 0;
    const cache = createPromptCache(() => time);
    const prompt = [{ key: 'system', text: 'word '.repeat(2000), breakpointTtlMs: 300_000 }];
    const writing = cache.use(request(prompt));
    writing.publish(50);
    // Sent while the first is still before its first token: it writes the prefix too.
    time = 20;
    expect(cache.use(request(prompt)).usage).toMatchObject({ readTokens: 0 });
    time = 60;
    expect(cache.use(request(prompt)).usage.readTokens).toBeGreaterThan(1000);
  });
});
