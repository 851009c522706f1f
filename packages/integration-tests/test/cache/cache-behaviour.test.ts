import {
  AbortError,
  APICallError,
  type CacheEvent,
  type Client,
  createClient,
  LLMCache,
  type Message,
} from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import { useSimulator } from '@kagura-ts/testing/vitest';
import Keyv from 'keyv';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

const simulator = useSimulator();

function clientWith(
  cache: ConstructorParameters<typeof LLMCache>[0] | LLMCache = {},
  apiKey = 'key-a',
): Client {
  return createClient({
    providers: { openai: createOpenAI({ baseURL: simulator().openaiBaseURL, apiKey }) },
    model: 'openai:gpt-4o-mini',
    cache,
  });
}

const chatRequests = () => simulator().requests.filter((request) => request.api === 'openai');

describe('response cache', () => {
  it('should answer a repeated call from the cache and count what it saved', async () => {
    const client = clientWith();
    const first = await client.call('What is a cache?');
    const second = await client.call('What is a cache?');
    expect(chatRequests()).toHaveLength(1);
    expect(first.cache.status).toBe('miss');
    expect(second.cache).toMatchObject({ status: 'hit', key: first.cache.key });
    expect(second.cache.ageMs).toBeGreaterThanOrEqual(0);
    expect(second.text).toBe(first.text);
    expect(second.usage).toEqual(first.usage);
    const stats = client.cache!.stats();
    expect(stats).toMatchObject({ hits: 1, misses: 1, hitRate: 0.5, size: 1 });
    expect(stats.tokensSaved).toBe(first.usage.inputTokens + first.usage.outputTokens);
    expect(stats.costSaved).toBeGreaterThan(0);
  });

  it('should send one request for 100 identical concurrent calls', async () => {
    simulator().setLatency({ timeToFirstTokenMs: 30, tokensPerSecond: 2000 });
    const client = clientWith();
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => client.call('Same question')),
    );
    expect(chatRequests()).toHaveLength(1);
    const statuses = responses.map((response) => response.cache.status);
    expect(statuses.filter((status) => status === 'miss')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'coalesced')).toHaveLength(99);
    expect(new Set(responses.map((response) => response.text)).size).toBe(1);
    expect(client.cache!.stats().coalesced).toBe(99);
  });

  it('should let a late stream joiner get the prefix, then the live deltas, from one request', async () => {
    simulator().setLatency({ timeToFirstTokenMs: 20, tokensPerSecond: 200 });
    const client = clientWith();
    const leader = client.stream('Tell a story');
    const leaderDeltas: string[] = [];
    let joiner: ReturnType<Client['stream']> | undefined;
    for await (const delta of leader) {
      leaderDeltas.push(delta);
      if (leaderDeltas.length === 3) joiner = client.stream('Tell a story');
    }
    const joinerText = await joiner!.text();
    expect(joinerText).toBe(leaderDeltas.join(''));
    expect(chatRequests()).toHaveLength(1);
    expect((await joiner!.response).cache.status).toBe('coalesced');
    expect((await leader.response).cache.status).toBe('miss');
  });

  it('should give every waiter the leader error and cache nothing', async () => {
    simulator().setLatency({ timeToFirstTokenMs: 20, tokensPerSecond: 1000 });
    // A 400 is final (a 500 would be retried), so the leader fails for everyone.
    simulator().injectFault({ type: 'status', status: 400 });
    const client = clientWith();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => client.call('Fails')));
    expect(
      results.every(
        (result) => result.status === 'rejected' && APICallError.isInstance(result.reason),
      ),
    ).toBe(true);
    expect(chatRequests()).toHaveLength(1);
    await client.call('Fails');
    expect(chatRequests()).toHaveLength(2);
  });

  it('should give a stream joiner the leader stream failure and cache nothing', async () => {
    simulator().setLatency({ timeToFirstTokenMs: 5, tokensPerSecond: 200 });
    simulator().injectFault({ type: 'drop', afterTokens: 4 });
    const client = clientWith();
    const leader = client.stream('Dropped story');
    const joiner = client.stream('Dropped story');
    const results = await Promise.allSettled([leader.text(), joiner.text()]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(
      results.every(
        (result) => result.status === 'rejected' && APICallError.isInstance(result.reason),
      ),
    ).toBe(true);
    expect(chatRequests()).toHaveLength(1);
    await client.cache!.flush();
    expect((await client.stream('Dropped story').response).cache.status).toBe('miss');
  });

  it('should replay a cached stream as its original deltas, and serve plain and stream calls from each other', async () => {
    const client = clientWith();
    const streamed: string[] = [];
    for await (const delta of client.stream('Stream me')) streamed.push(delta);
    const replayed: string[] = [];
    const replay = client.stream('Stream me');
    for await (const delta of replay) replayed.push(delta);
    expect(replayed).toEqual(streamed);
    expect((await replay.response).cache.status).toBe('hit');
    expect((await client.call('Stream me')).cache.status).toBe('hit');

    const plain = await client.call('Plain first');
    const fromPlain: string[] = [];
    for await (const delta of client.stream('Plain first')) fromPlain.push(delta);
    expect(fromPlain.length).toBeGreaterThan(1);
    expect(fromPlain.join('')).toBe(plain.text);
    expect(chatRequests()).toHaveLength(2);
  });

  it('should pace a replay when asked', async () => {
    const client = clientWith({ replay: { tokensPerSecond: 200 } });
    await client.call('Pace me');
    const started = performance.now();
    const deltas = (await client.stream('Pace me').text()).split(' ').length;
    // At least most of the pacing happened (a lower bound, never an upper one).
    expect(performance.now() - started).toBeGreaterThanOrEqual((deltas - 2) * 4);
  });

  it('should never cache errors, empty replies, truncated replies, invalid structured output or aborted streams', async () => {
    const client = clientWith();
    simulator().addRule({ match: 'empty', reply: '' });
    await client.call('empty please');
    await client.call('empty please');
    await client.call('long story', { maxTokens: 3 });
    await client.call('long story', { maxTokens: 3 });
    const schema = z.object({ name: z.string() });
    simulator().addRule({ match: 'invalid json', reply: '{"nom":"x"}' });
    await expect(client.call('invalid json', { schema })).rejects.toThrow();
    await expect(client.call('invalid json', { schema })).rejects.toThrow();
    simulator().setLatency({ timeToFirstTokenMs: 5, tokensPerSecond: 200 });
    for await (const _ of client.stream('abandoned')) break;
    await simulator().waitFor((requests) => requests.some((request) => request.disconnected));
    await client.stream('abandoned').text();
    expect(chatRequests()).toHaveLength(8);
  });

  it('should cache truncated replies when configured', async () => {
    const client = clientWith({ cacheTruncated: true });
    await client.call('long story', { maxTokens: 3 });
    expect((await client.call('long story', { maxTokens: 3 })).cache.status).toBe('hit');
  });

  it('should return the same typed object on a hit as on the miss', async () => {
    const client = clientWith();
    const schema = z.object({ city: z.string(), population: z.number() });
    const miss = await client.call('Biggest city?', { schema });
    const hit = await client.call('Biggest city?', { schema });
    expect(hit.cache.status).toBe('hit');
    expect(hit.object).toEqual(miss.object);
    expect(schema.safeParse(hit.object).success).toBe(true);
  });
});

describe('cache keys', () => {
  it('should store an answer under the key of the request as it was sent, whatever the caller mutates later', async () => {
    const client = clientWith();
    const messages: Message[] = [{ role: 'user', content: 'Original question' }];
    const pending = client.call(messages);
    // The caller reuses its array and message object right away, before the answer arrives.
    (messages[0] as { content: string }).content = 'Mutated question';
    messages.push({ role: 'assistant', content: 'extra' });
    const first = await pending;
    await client.cache!.flush();
    expect(chatRequests()[0]?.body).toMatchObject({ messages: [{ content: 'Original question' }] });
    const again = await client.call([{ role: 'user', content: 'Original question' }]);
    expect(again.cache).toMatchObject({ status: 'hit', key: first.cache.key });
    expect((await client.call('Mutated question')).cache.status).toBe('miss');
  });
});

describe('per-call cache controls', () => {
  it('should bypass with cache: false, neither reading nor writing, and not count a miss', async () => {
    const client = clientWith();
    const bypassed = await client.call('Fresh', { cache: false });
    await client.call('Fresh', { cache: false });
    expect(bypassed.cache).toEqual({ status: 'bypass', key: undefined, ageMs: undefined });
    expect((await client.call('Fresh')).cache.status).toBe('miss');
    expect(chatRequests()).toHaveLength(3);
    expect(client.cache!.stats()).toMatchObject({ bypassed: 2, misses: 1, hits: 0 });
  });

  it('should refresh: skip the read and store the new answer', async () => {
    const client = clientWith();
    simulator().addRule({ match: 'news', reply: 'old news', times: 1 });
    await client.call('news');
    simulator().addRule({ match: 'news', reply: 'new news' });
    const refreshed = await client.call('news', { cache: { refresh: true } });
    expect(refreshed).toMatchObject({ text: 'new news', cache: { status: 'refresh' } });
    expect(await client.call('news')).toMatchObject({ text: 'new news', cache: { status: 'hit' } });
  });

  it('should read but not store with store: false', async () => {
    const client = clientWith();
    await client.call('Read only', { cache: { store: false } });
    expect((await client.call('Read only')).cache.status).toBe('miss');
    expect((await client.call('Read only', { cache: { store: false } })).cache.status).toBe('hit');
  });

  it('should expire entries after their ttl, and keep ttl 0 forever', async () => {
    let now = 1_000_000;
    const client = clientWith({ now: () => now, ttl: 1000 });
    await client.call('Short lived');
    await client.call('Forever', { cache: { ttl: 0 } });
    now += 999;
    expect((await client.call('Short lived')).cache).toMatchObject({ status: 'hit', ageMs: 999 });
    now += 1;
    expect((await client.call('Short lived')).cache.status).toBe('miss');
    now += 10 * 365 * 86_400_000;
    expect((await client.call('Forever', { cache: { ttl: 0 } })).cache.status).toBe('hit');
  });

  it('should keep namespaces apart', async () => {
    const client = clientWith();
    await client.call('Shared words', { cache: { namespace: 'a' } });
    expect((await client.call('Shared words', { cache: { namespace: 'b' } })).cache.status).toBe(
      'miss',
    );
    expect((await client.call('Shared words', { cache: { namespace: 'a' } })).cache.status).toBe(
      'hit',
    );
  });

  it('should reject bad controls before any request', async () => {
    const client = clientWith();
    await expect(client.call('x', { cache: { ttl: -1 } })).rejects.toThrow(
      /cache.ttl.*0 means no expiry/,
    );
    await expect(client.call('x', { cache: { namespace: '' } })).rejects.toThrow(/cache.namespace/);
    expect(chatRequests()).toHaveLength(0);
  });
});

describe('tenant isolation', () => {
  it('should never share answers between API keys, even through one shared cache', async () => {
    const shared = new LLMCache();
    await clientWith(shared, 'key-a').call('Secret question');
    expect((await clientWith(shared, 'key-b').call('Secret question')).cache.status).toBe('miss');
    expect((await clientWith(shared, 'key-a').call('Secret question')).cache.status).toBe('hit');
    expect(chatRequests()).toHaveLength(2);
  });

  it('should separate explicit tenants on one key', async () => {
    const alice = clientWith({ tenant: 'alice' });
    const bob = createClient({
      providers: { openai: createOpenAI({ baseURL: simulator().openaiBaseURL, apiKey: 'key-a' }) },
      model: 'openai:gpt-4o-mini',
      cache: new LLMCache({ tenant: 'bob', store: alice.cache!.keyv }),
    });
    await alice.call('Who am I?');
    expect((await bob.call('Who am I?')).cache.status).toBe('miss');
  });
});

describe('cancellation', () => {
  it('should keep the request for the callers that stay, and close it when the last one leaves', async () => {
    simulator().setLatency({ timeToFirstTokenMs: 100, tokensPerSecond: 100 });
    const client = clientWith();
    const leaving = new AbortController();
    const staying = client.call('Who stays?');
    const left = client.call('Who stays?', { abortSignal: leaving.signal });
    leaving.abort();
    await expect(left).rejects.toSatisfy(AbortError.isInstance);
    expect((await staying).cache.status).toBe('miss');

    const everyone = new AbortController();
    const calls = [1, 2, 3].map(() =>
      client.call('Nobody stays', { abortSignal: everyone.signal }),
    );
    await simulator().waitFor(
      (requests) => requests.filter((request) => request.api === 'openai').length === 2,
    );
    everyone.abort();
    for (const call of calls) await expect(call).rejects.toSatisfy(AbortError.isInstance);
    await simulator().waitFor((requests) => requests.some((request) => request.disconnected));
    expect((await client.call('Nobody stays')).cache.status).toBe('miss');
  });
});

describe('administration right after a call', () => {
  // A store whose writes take 40 ms (Keyv awaits what `set` returns): answers are written
  // behind the call, so the call returns while its write is still on its way.
  class SlowStore extends Map<string, unknown> {
    override set(key: string, value: unknown): this {
      const written = new Promise((resolve) => {
        setTimeout(() => resolve(super.set(key, value)), 40);
      });
      return written as unknown as this;
    }
  }
  const slowCache = () => new LLMCache({ store: new Keyv({ store: new SlowStore() }) });

  it.each(['clear', 'invalidate', 'delete'] as const)(
    "should remove the answer of a call just made with %s(), not race the call's write",
    async (operation) => {
      const cache = slowCache();
      const client = clientWith(cache);
      const first = await client.call('Administration after a call');
      if (operation === 'clear') expect(await cache.clear()).toBe(1);
      if (operation === 'invalidate')
        expect(await cache.invalidate({ namespace: 'default' })).toBe(1);
      if (operation === 'delete') expect(await cache.delete(first.cache.key!)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 80));
      const again = await client.call('Administration after a call');
      expect(again.cache.status).toBe('miss');
      expect(chatRequests()).toHaveLength(2);
    },
  );
});

describe('fail-open store', () => {
  it('should treat a hanging store as a miss, count it, report it, and open the circuit', async () => {
    const hangingStore = {
      get: () => new Promise(() => {}),
      set: () => new Promise(() => {}),
      delete: async () => true,
      clear: async () => {},
      on() {
        return hangingStore;
      },
      opts: {},
    };
    const hanging = new Keyv({ store: hangingStore });
    const cache = new LLMCache({
      store: hanging,
      storeTimeoutMs: 20,
      circuitBreaker: { failureThreshold: 2 },
    });
    const events: CacheEvent[] = [];
    cache.on('event', (event) => events.push(event));
    const client = clientWith(cache);
    const response = await client.call('Store is down');
    expect(response.cache.status).toBe('miss');
    await client.call('Store is down');
    // The writes behind the calls time out on their own, a little later (a timer that fires
    // late on a busy machine gives its operation one more window).
    await vi.waitFor(() => expect(cache.stats().storeSkipped).toBe(true), { timeout: 2000 });
    expect(cache.stats().errors).toBeGreaterThanOrEqual(2);
    expect(events.some((event) => event.type === 'circuit-open')).toBe(true);
    expect((await client.call('Store is down')).text.length).toBeGreaterThan(0);
  });

  it('should treat a throwing store as a miss', async () => {
    const failingStore = {
      get: async () => {
        throw new Error('ECONNREFUSED');
      },
      set: async () => {
        throw new Error('ECONNREFUSED');
      },
      delete: async () => true,
      clear: async () => {},
      on() {
        return failingStore;
      },
      opts: {},
    };
    const failing = new Keyv({ store: failingStore });
    const client = clientWith({ store: failing });
    await expect(client.call('Still works')).resolves.toMatchObject({ cache: { status: 'miss' } });
    expect(client.cache!.stats().errors).toBeGreaterThanOrEqual(1);
  });

  it('should treat a corrupt entry as a miss and delete it', async () => {
    const client = clientWith();
    const { cache } = await client.call('Corrupt me');
    await client.cache!.keyv.set(cache.key!, '{"version":1,"garbage":true}');
    expect((await client.call('Corrupt me')).cache.status).toBe('miss');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await client.call('Corrupt me')).cache.status).toBe('hit');
  });
});

describe('invalidate', () => {
  it('should delete entries by stored metadata', async () => {
    let now = 0;
    const client = clientWith({ now: () => now });
    await client.call('one', { agentName: 'writer' });
    now = 100;
    await client.call('two', { model: 'openai:gpt-4o' });
    await client.call('three', { cache: { namespace: 'docs' } });
    expect(await client.cache!.invalidate({ agent: 'writer' })).toBe(1);
    expect(await client.cache!.invalidate({ model: 'gpt-4o' })).toBe(1);
    expect(await client.cache!.invalidate({ namespace: 'nothing-here' })).toBe(0);
    expect(await client.cache!.invalidate({ olderThan: 101 })).toBe(1);
    expect(client.cache!.stats().size).toBe(0);
  });
});
