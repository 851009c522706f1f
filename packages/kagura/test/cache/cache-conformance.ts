import { type CacheOptions, type Client, createClient, type LLMCache } from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import { type Simulator, startSimulator } from '@kagura-ts/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/** How a store under test is made. */
export interface CacheConformanceOptions {
  /** A new cache over the store under test; the suite adds its own options. */
  createCache: (options: CacheOptions) => LLMCache | Promise<LLMCache>;
  /** Whether a new cache over the same backing store sees earlier entries (on-disk, Redis). */
  persistent: boolean;
}

/**
 * The behaviour every cache store must give through the client: hits, stream replay, expiry,
 * corrupt entries, invalidation, tenant isolation and (for shared stores) persistence.
 */
export function describeCacheConformance(name: string, options: CacheConformanceOptions): void {
  describe(`${name} cache conformance`, () => {
    let simulator: Simulator;
    const caches: LLMCache[] = [];

    beforeAll(async () => {
      simulator = await startSimulator({ latency: 'none' });
    });

    afterAll(async () => {
      for (const cache of caches) await cache.disconnect().catch(() => {});
      await simulator.close();
    });

    beforeEach(() => {
      simulator.reset();
    });

    // A unique namespace per test keeps tests apart on a shared backing store.
    let namespaceCounter = 0;
    async function newClient(cacheOptions: CacheOptions = {}, apiKey = 'key-a'): Promise<Client> {
      const cache = await options.createCache({
        namespace: `${name}-${Date.now()}-${namespaceCounter++}`,
        ...cacheOptions,
      });
      caches.push(cache);
      return createClient({
        providers: { openai: createOpenAI({ baseURL: simulator.openaiBaseURL, apiKey }) },
        model: 'openai:gpt-4o-mini',
        cache,
      });
    }

    it('should miss, then hit with the same answer', async () => {
      const client = await newClient();
      const miss = await client.call('conformance: hello');
      const hit = await client.call('conformance: hello');
      expect([miss.cache.status, hit.cache.status]).toEqual(['miss', 'hit']);
      expect(hit.text).toBe(miss.text);
      expect(simulator.requests).toHaveLength(1);
      expect(client.cache!.stats()).toMatchObject({ hits: 1, misses: 1, errors: 0 });
    });

    it('should replay a stream as its original deltas', async () => {
      const client = await newClient();
      const original: string[] = [];
      for await (const delta of client.stream('conformance: stream')) original.push(delta);
      const replay = client.stream('conformance: stream');
      const replayed: string[] = [];
      for await (const delta of replay) replayed.push(delta);
      expect(replayed).toEqual(original);
      expect((await replay.response).cache.status).toBe('hit');
    });

    it('should expire an entry after its ttl by the cache clock', async () => {
      let now = Date.now();
      const client = await newClient({ now: () => now, ttl: 60_000 });
      await client.call('conformance: expiring');
      now += 60_000;
      expect((await client.call('conformance: expiring')).cache.status).toBe('miss');
    });

    it('should treat a corrupt entry as a miss and replace it', async () => {
      const client = await newClient();
      const { cache } = await client.call('conformance: corrupt');
      await client.cache!.flush();
      await client.cache!.keyv.set(cache.key!, '{"version":1,"response":"not a response"}');
      expect((await client.call('conformance: corrupt')).cache.status).toBe('miss');
      await client.cache!.flush();
      expect((await client.call('conformance: corrupt')).cache.status).toBe('hit');
    });

    it('should invalidate by stored metadata', async () => {
      const client = await newClient();
      await client.call('conformance: agent a', { agentName: 'a' });
      await client.call('conformance: agent b', { agentName: 'b' });
      expect(await client.cache!.invalidate({ agent: 'a' })).toBe(1);
      expect((await client.call('conformance: agent a', { agentName: 'a' })).cache.status).toBe(
        'miss',
      );
      expect((await client.call('conformance: agent b', { agentName: 'b' })).cache.status).toBe(
        'hit',
      );
    });

    it('should keep API keys apart on one store', async () => {
      const first = await newClient();
      await first.call('conformance: tenant');
      const second = createClient({
        providers: { openai: createOpenAI({ baseURL: simulator.openaiBaseURL, apiKey: 'key-b' }) },
        model: 'openai:gpt-4o-mini',
        cache: first.cache!,
      });
      expect((await second.call('conformance: tenant')).cache.status).toBe('miss');
    });

    it.runIf(options.persistent)(
      'should find earlier answers from a new cache over the same store',
      async () => {
        const namespace = `${name}-persist-${Date.now()}`;
        const first = await newClient({ namespace });
        await first.call('conformance: persisted');
        await first.cache!.flush();
        const second = await newClient({ namespace });
        expect((await second.call('conformance: persisted')).cache.status).toBe('hit');
        expect(simulator.requests).toHaveLength(1);
      },
    );
  });
}
