import type { LanguageModel, Usage } from '@kagura-ts/provider';
import { MockLanguageModel, type MockReply, mockProvider } from '@kagura-ts/testing';
import { describe, expect, it } from 'vitest';
import type { KaguraEvent, PromptCacheMissEvent } from '../telemetry/call-event.js';
import { createClient } from './create-client.js';

const instructions = 'You are the travel desk of Kyoto station; answer in one sentence. '.repeat(
  100,
);
const written: Usage = { inputTokens: 2000, outputTokens: 5, cachedInputTokens: 0 };
const read: Usage = { inputTokens: 2000, outputTokens: 5, cachedInputTokens: 1900 };

// A client over a mock model with a prompt cache (four breakpoints, 1024 tokens), answering with
// the given usages in turn, and the prompt-cache misses it reports.
function watched(usages: Usage[]) {
  const replies: MockReply[] = usages.map((usage, index) => ({ text: `answer ${index}`, usage }));
  const base = new MockLanguageModel({ replies });
  const model = Object.assign(Object.create(base) as MockLanguageModel & LanguageModel, {
    promptCache: { maxBreakpoints: 4, minimumTokens: 1024, acceptsKey: false },
  });
  const misses: PromptCacheMissEvent[] = [];
  const client = createClient({
    providers: { mock: mockProvider(model) },
    model: 'mock:mock-model',
    cache: false,
    onEvent: (event: KaguraEvent) => {
      if (event.type === 'prompt-cache-miss') misses.push(event);
    },
  });
  return { client, misses };
}

describe('prompt-cache misses', () => {
  it('should name the change in the system prompt that stopped the cache, with a hint', async () => {
    const { client, misses } = watched([written, written]);
    const system = (time: string) => `Now: 2026-12-02 ${time}. ${instructions}`;
    await client.call('Where is the bus stop?', { system: system('09:14'), agentName: 'desk' });
    await client.call('And the taxis?', { system: system('09:15'), agentName: 'desk' });
    expect(misses).toHaveLength(1);
    expect(misses[0]!.difference).toMatchObject({
      part: 'system',
      character: 16,
      was: expect.stringMatching(/^09:14/),
      now: expect.stringMatching(/^09:15/),
      hint: 'a timestamp?',
    });
    expect(misses[0]!.reason).toMatch(
      /^the system prompt changed at character 16 \(a timestamp\?\)/,
    );
    expect(misses[0]!.agent).toBe('desk');
  });

  it('should say nothing when the call read the cache, or could not have', async () => {
    const { client, misses } = watched([written, read, written, written]);
    await client.call('One', { system: instructions, agentName: 'desk' });
    await client.call('Two', { system: instructions, agentName: 'desk' });
    // Another agent's first call, and a call too short to be cached before it.
    await client.call('Three', { system: instructions, agentName: 'hotel' });
    await client.call('Four', { system: 'Short.', agentName: 'taxi' });
    expect(misses).toEqual([]);
  });

  it('should blame the cache itself when the prefix did not change', async () => {
    const { client, misses } = watched([written, written]);
    await client.call('One', { system: instructions, agentName: 'desk' });
    await client.call('Two', { system: instructions, agentName: 'desk' });
    expect(misses[0]!.difference).toBeUndefined();
    expect(misses[0]!.reason).toMatch(/unchanged: the prompt cache expired or was evicted/);
  });

  it('should name the tool whose definition changed', async () => {
    const { client, misses } = watched([written, written]);
    const tools = (order: string) => [
      { name: 'timetable', description: instructions, inputSchema: { type: 'object' } },
      { name: 'fares', description: `Fares, sorted by ${order}.`, inputSchema: { type: 'object' } },
    ];
    await client.call('One', { tools: tools('price'), agentName: 'desk' });
    await client.call('Two', { tools: tools('distance'), agentName: 'desk' });
    expect(misses[0]!.difference).toMatchObject({ part: 'tools', toolName: 'fares' });
  });
});

describe('promptCacheStats', () => {
  it('should count requests, reads, tokens, misses and savings, in all and per agent', async () => {
    const wrote: Usage = { ...written, cacheWriteInputTokens: 1900 };
    const { client } = watched([wrote, read, wrote, wrote]);
    const ask = (question: string, agentName: string) =>
      client.call(question, { system: instructions, agentName });
    await ask('Where is the bus stop?', 'desk');
    await ask('And the taxis?', 'desk');
    await ask('A room for two?', 'hotel');
    await ask('With breakfast?', 'hotel');
    // A call that asks nothing of the prompt cache is not counted.
    await client.call('Hi', { promptCache: false });
    const stats = client.promptCacheStats();
    expect(stats).toMatchObject({
      requests: 4,
      reads: 1,
      hitRate: 0.25,
      readTokens: 1900,
      writeTokens: 3 * 1900,
      misses: 1,
    });
    expect(stats.byAgent).toEqual([
      expect.objectContaining({
        agent: 'desk',
        provider: 'mock',
        model: 'mock-model',
        requests: 2,
        reads: 1,
        hitRate: 0.5,
        misses: 0,
      }),
      expect.objectContaining({ agent: 'hotel', requests: 2, reads: 0, hitRate: 0, misses: 1 }),
    ]);
    // The mock model has no price: nothing saved or lost.
    expect(stats.savedUsd).toBe(0);
  });

  it('should price reads and writes at the table, in the stats and the response cache stats', async () => {
    const wrote: Usage = { ...written, cacheWriteInputTokens: 1900 };
    const replies: MockReply[] = [wrote, read].map((usage) => ({ usage }));
    const base = new MockLanguageModel({ replies, modelId: 'claude-sonnet-4-6' });
    const model = Object.assign(Object.create(base) as MockLanguageModel & LanguageModel, {
      promptCache: { maxBreakpoints: 4, minimumTokens: 1024, acceptsKey: false },
    });
    const client = createClient({
      providers: { mock: mockProvider(model) },
      model: 'mock:claude-sonnet-4-6',
      prices: {
        'claude-sonnet-4-6': { input: 3, cachedInput: 0.3, cacheWriteInput: 3.75, output: 15 },
      },
    });
    await client.call('Where is the bus stop?', { system: instructions });
    await client.call('And the taxis?', { system: instructions });
    // 1900 tokens read at 2.7 $/M off, 1900 written at 0.75 $/M on.
    const saved = (1900 * 2.7 - 1900 * 0.75) / 1_000_000;
    expect(client.promptCacheStats().savedUsd).toBeCloseTo(saved, 12);
    expect(client.cache!.stats()).toMatchObject({
      promptCacheReadTokens: 1900,
      promptCacheWriteTokens: 1900,
    });
    expect(client.cache!.stats().promptCacheCostSaved).toBeCloseTo(saved, 12);
  });
});
