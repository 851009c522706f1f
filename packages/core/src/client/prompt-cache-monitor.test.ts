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
