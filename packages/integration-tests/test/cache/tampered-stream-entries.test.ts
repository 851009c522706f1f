import {
  type CacheEvent,
  createClient,
  type LanguageModel,
  LLMCache,
  type StreamEvent,
} from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import { useSimulator } from '@kagura-ts/testing/vitest';
import { describe, expect, it } from 'vitest';

const simulator = useSimulator();

const chatRequests = () => simulator().requests.filter((request) => request.api === 'openai');

interface StoredEntry {
  response: { text: string };
  stream: unknown;
}

// Each turns a good streamed entry into one whose stream disagrees with its response. The stream
// is a string of base64url VLQ numbers: a code and a gap per event, the finish event's gap last
// ('B' is 1, a tool call; 'E' is 4, a text delta of two characters; 'A' is 0).
const tamperings: Record<string, (entry: StoredEntry) => void> = {
  'a stream cut short': (entry) => {
    entry.stream = String(entry.stream).slice(0, -1);
  },
  'a foreign character': (entry) => {
    entry.stream = `${String(entry.stream).slice(0, -1)}!`;
  },
  'text deltas that do not add up to the text': (entry) => {
    entry.stream = `EA${String(entry.stream)}`;
  },
  'a tool call the response does not have': (entry) => {
    entry.stream = `BA${String(entry.stream)}`;
  },
  'a stream that is not a string': (entry) => {
    entry.stream = [{ at: 0, event: { type: 'finish' } }];
  },
};

// An entry as a store holds it: the memory store keeps it parsed (and frozen), others as JSON.
function readStored(raw: unknown): StoredEntry {
  return (typeof raw === 'string' ? JSON.parse(raw) : structuredClone(raw)) as StoredEntry;
}

describe('tampered streamed cache entries', () => {
  it.each(Object.keys(tamperings))(
    'should treat an entry with %s as corrupt: a fresh answer, and the entry replaced',
    async (name) => {
      simulator().setLatency({ timeToFirstTokenMs: 5, tokensPerSecond: 2000 });
      const cache = new LLMCache();
      const events: CacheEvent[] = [];
      cache.on('event', (event) => events.push(event));
      const client = createClient({
        providers: { openai: createOpenAI({ baseURL: simulator().openaiBaseURL, apiKey: 'k' }) },
        model: 'openai:gpt-4o-mini',
        cache,
      });
      const first = await client.stream('Tell me about tampering').response;
      await cache.flush();
      const key = first.cache.key;
      if (key === undefined) throw new Error('The stream call was not cached.');
      const stored = readStored(await cache.keyv.get(key));
      tamperings[name]?.(stored);
      await cache.keyv.set(key, JSON.stringify(stored));

      const stream = client.stream('Tell me about tampering');
      const deltas: string[] = [];
      for await (const delta of stream) deltas.push(delta);
      const second = await stream.response;

      expect(second.cache.status).toBe('miss');
      expect(second.text).toBe(first.text);
      expect(deltas.join('')).toBe(first.text);
      expect(chatRequests()).toHaveLength(2);
      expect(events).toContainEqual({ type: 'corrupt-entry', key });
      await cache.flush();
      // The good answer was stored again in its place.
      const replaced = readStored(await cache.keyv.get(key));
      expect(replaced.response.text).toBe(first.text);
      expect(typeof replaced.stream).toBe('string');
      expect((await client.stream('Tell me about tampering').response).cache.status).toBe('hit');
    },
  );
});

describe('streamed answers whose events disagree with their response', () => {
  it('should not store them, so they are not refused and deleted on every read', async () => {
    const usage = { inputTokens: 3, outputTokens: 2, cachedInputTokens: 0 };
    let streams = 0;
    // A model that sends a text delta after its finish event.
    const model: LanguageModel = {
      provider: 'odd',
      modelId: 'odd-1',
      generate: () => Promise.reject(new Error('not used')),
      stream: async () => {
        streams += 1;
        const events: StreamEvent[] = [
          { type: 'text-delta', text: 'Hi' },
          { type: 'finish', finishReason: 'stop', usage, model: 'odd-1' },
          { type: 'text-delta', text: ' there' },
        ];
        return (async function* () {
          yield* events;
        })();
      },
    };
    const cache = new LLMCache();
    const corrupt: CacheEvent[] = [];
    cache.on('event', (event) => {
      if (event.type === 'corrupt-entry') corrupt.push(event);
    });
    const client = createClient({
      providers: { odd: { name: 'odd', languageModel: () => model } },
      model: 'odd:odd-1',
      cache,
    });
    await client.stream('Odd').text();
    await cache.flush();
    expect((await client.stream('Odd').response).cache.status).toBe('miss');
    expect(streams).toBe(2);
    expect(corrupt).toEqual([]);
  });
});
