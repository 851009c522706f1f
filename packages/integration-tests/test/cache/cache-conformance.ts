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

    describe.runIf(options.persistent)('tenant scope of admin operations', () => {
      // Two clients (two caches) over one backing store and one cache namespace, with API keys
      // or tenants of their own: `clear` spans every namespace, so earlier tests' entries on a
      // shared store must not be this test's tenants'.
      type TenantChoice = 'apiKey' | 'tenant';
      let tenantCounter = 0;
      async function twoTenants(
        choice: TenantChoice,
      ): Promise<{ a: Client; b: Client; namespace: string; keyA: string }> {
        const run = `${Date.now()}-${tenantCounter++}`;
        const namespace = `${name}-tenants-${run}`;
        const keyA = choice === 'apiKey' ? `key-a-${run}` : `key-${run}`;
        const keyB = choice === 'apiKey' ? `key-b-${run}` : keyA;
        const tenant = (label: string) =>
          choice === 'tenant' ? { tenant: `${label}-${run}` } : {};
        return {
          a: await newClient({ ...tenant('alpha'), namespace }, keyA),
          b: await newClient({ ...tenant('beta'), namespace }, keyB),
          namespace,
          keyA,
        };
      }
      const byApiKey = 'apiKey';
      const byTenant = 'tenant';

      async function callBoth(clients: { a: Client; b: Client }, prompt: string): Promise<void> {
        await clients.a.call(prompt);
        await clients.a.call(`${prompt} (2)`);
        await clients.b.call(prompt);
        await clients.a.cache!.flush();
        await clients.b.cache!.flush();
      }

      for (const [label, tenants] of [
        ['API keys', byApiKey],
        ['explicit tenants', byTenant],
      ] as const) {
        it(`should invalidate only its own tenant's entries (${label})`, async () => {
          const clients = await twoTenants(tenants);
          await callBoth(clients, 'conformance: scoped invalidate');
          expect(await clients.a.cache!.invalidate({ namespace: clients.namespace })).toBe(2);
          expect((await clients.b.call('conformance: scoped invalidate')).cache.status).toBe('hit');
          expect((await clients.a.call('conformance: scoped invalidate')).cache.status).toBe(
            'miss',
          );
        });

        it(`should clear only its own tenant's entries (${label})`, async () => {
          const clients = await twoTenants(tenants);
          await callBoth(clients, 'conformance: scoped clear');
          expect(await clients.a.cache!.clear()).toBe(2);
          expect((await clients.b.call('conformance: scoped clear')).cache.status).toBe('hit');
          expect((await clients.a.call('conformance: scoped clear')).cache.status).toBe('miss');
        });

        it(`should delete no other tenant's key (${label})`, async () => {
          const clients = await twoTenants(tenants);
          const { cache } = await clients.b.call('conformance: scoped delete');
          await clients.b.cache!.flush();
          expect(await clients.a.cache!.delete(cache.key!)).toBe(false);
          expect((await clients.b.call('conformance: scoped delete')).cache.status).toBe('hit');
        });

        it(`should invalidate every tenant's entries only when asked to (${label})`, async () => {
          const clients = await twoTenants(tenants);
          await callBoth(clients, 'conformance: all tenants');
          expect(
            await clients.a.cache!.invalidate({ namespace: clients.namespace, allTenants: true }),
          ).toBe(3);
          expect((await clients.b.call('conformance: all tenants')).cache.status).toBe('miss');
          expect((await clients.a.call('conformance: all tenants')).cache.status).toBe('miss');
        });
      }

      it("should clear every tenant's entries with clearAllTenants", async () => {
        const clients = await twoTenants(byApiKey);
        await callBoth(clients, 'conformance: clear all tenants');
        await clients.a.cache!.clearAllTenants();
        expect((await clients.b.call('conformance: clear all tenants')).cache.status).toBe('miss');
        expect((await clients.a.call('conformance: clear all tenants')).cache.status).toBe('miss');
      });

      it('should clear its own earlier entries from a new cache, before any call', async () => {
        const clients = await twoTenants(byApiKey);
        await callBoth(clients, 'conformance: clear on start');
        const restarted = await newClient({ namespace: clients.namespace }, clients.keyA);
        expect(await restarted.cache!.clear()).toBe(2);
        expect((await clients.b.call('conformance: clear on start')).cache.status).toBe('hit');
      });

      it('should leave entries of the older key schema to invalidate({ allTenants })', async () => {
        const clients = await twoTenants(byApiKey);
        const { cache } = await clients.a.call('conformance: old schema');
        await clients.a.cache!.flush();
        const { keyv } = clients.a.cache!;
        const stored: unknown = await keyv.get(cache.key!);
        const oldKey = `kagura:v1:${cache.key!.slice(-64)}`;
        await keyv.set(oldKey, stored);
        expect(await keyv.get(oldKey)).toBeDefined();
        expect(await clients.a.cache!.invalidate({ namespace: clients.namespace })).toBe(1);
        expect(
          await clients.a.cache!.invalidate({ namespace: clients.namespace, allTenants: true }),
        ).toBe(1);
        expect(await keyv.get(oldKey)).toBeUndefined();
      });

      it("should count only its own tenant's entries in stats", async () => {
        const clients = await twoTenants(byApiKey);
        await callBoth(clients, 'conformance: scoped stats');
        const stats = clients.a.cache!.stats();
        expect(stats).toMatchObject({ hits: 0, misses: 2 });
        const all = clients.a.cache!.stats({ allTenants: true });
        if (stats.size !== undefined) {
          expect(stats.size).toBe(2);
          expect(all.size).toBeGreaterThanOrEqual(3);
          expect(all.bytes!).toBeGreaterThan(stats.bytes!);
        }
      });
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
