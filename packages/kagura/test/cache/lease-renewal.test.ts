import {
  type CacheEvent,
  type Client,
  createClient,
  LLMCache,
  TimeoutError,
} from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import {
  type RedisServer,
  type Simulator,
  shouldSkipRedisTests,
  startRedisServer,
  startSimulator,
} from '@kagura-ts/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

type CacheOptions = ConstructorParameters<typeof LLMCache>[0];

describe.skipIf(shouldSkipRedisTests())('cross-process lease renewal', () => {
  let simulator: Simulator;
  let redis: RedisServer;
  const caches: LLMCache[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ latency: 'none' });
    redis = await startRedisServer();
  });

  afterAll(async () => {
    await simulator.close();
    await redis.stop();
  });

  beforeEach(() => {
    simulator.reset();
  });

  afterEach(async () => {
    redis.resume();
    for (const cache of caches.splice(0)) await cache.disconnect().catch(() => {});
  });

  const chatRequests = () => simulator.requests.filter((request) => request.api === 'openai');

  function redisCache(namespace: string, options: CacheOptions = {}): LLMCache {
    const cache = new LLMCache({ store: redis.url as `redis://${string}`, namespace, ...options });
    caches.push(cache);
    return cache;
  }

  // Each client stands for a separate process: its own cache, connection and flights.
  async function processClient(namespace: string, options: CacheOptions = {}): Promise<Client> {
    const cache = redisCache(namespace, options);
    await cache.keyv.has('warm-up');
    return createClient({
      providers: {
        openai: createOpenAI({ baseURL: simulator.openaiBaseURL, apiKey: 'shared-key' }),
      },
      model: 'openai:gpt-4o-mini',
      cache,
    });
  }

  // The key a call uses, found by making it once and deleting its answer.
  async function keyOf(namespace: string, prompt: string): Promise<string> {
    const probe = await processClient(namespace);
    const { key } = (await probe.call(prompt)).cache;
    if (key === undefined) throw new Error('The probe call was not cached.');
    await probe.cache!.delete(key);
    simulator.reset();
    return key;
  }

  // A process that took the lease on `key` and died: the lease stays until its ttl runs out.
  async function crashedHolder(namespace: string, key: string, options: CacheOptions = {}) {
    const dead = redisCache(namespace, options);
    expect(await dead.acquireLease(key)).toBe(true);
    await dead.disconnect();
  }

  async function untilRequests(count: number): Promise<void> {
    while (chatRequests().length < count) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  it('should take over from a dead holder within its short lease ttl', async () => {
    const namespace = `dead-${Date.now()}`;
    const key = await keyOf(namespace, 'Holder died');
    const lease = { ttlMs: 600 };
    await crashedHolder(namespace, key, { lease });
    const waiter = await processClient(namespace, { lease });
    const started = performance.now();
    const response = await waiter.call('Holder died');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(response.cache.status).toBe('miss');
    expect(chatRequests()).toHaveLength(1);
  });

  it('should take over from a dead holder within the default ttl, not 30 s', async () => {
    const namespace = `dead-default-${Date.now()}`;
    const key = await keyOf(namespace, 'Holder died, defaults');
    await crashedHolder(namespace, key);
    const waiter = await processClient(namespace);
    const started = performance.now();
    const response = await waiter.call('Holder died, defaults');
    expect(performance.now() - started).toBeLessThan(12_000);
    expect(response.cache.status).toBe('miss');
    expect(chatRequests()).toHaveLength(1);
  }, 18_000);

  it('should keep the lease through a call three times longer than its ttl', async () => {
    simulator.setLatency({ timeToFirstTokenMs: 1_800, tokensPerSecond: 1000 });
    const namespace = `long-${Date.now()}`;
    const lease = { ttlMs: 600 };
    const [holder, waiter] = [
      await processClient(namespace, { lease }),
      await processClient(namespace, { lease }),
    ];
    const first = holder.call('A long answer');
    // The holder has the lease once its request reached the model.
    await untilRequests(1);
    const second = waiter.call('A long answer');
    const [held, waited] = await Promise.all([first, second]);
    expect(held.cache.status).toBe('miss');
    expect(waited.cache.status).toBe('coalesced');
    expect(waited.text).toBe(held.text);
    expect(chatRequests()).toHaveLength(1);
    // Released once the answer was stored: another process takes the lease at once.
    await holder.cache!.flush();
    const other = redisCache(namespace, { lease });
    expect(await other.acquireLease(held.cache.key!)).toBe(true);
  });

  it("should bound a waiter's wait by its total time limit, with a TimeoutError", async () => {
    simulator.setLatency({ timeToFirstTokenMs: 1_800, tokensPerSecond: 1000 });
    const namespace = `total-${Date.now()}`;
    const lease = { ttlMs: 600 };
    const [holder, waiter] = [
      await processClient(namespace, { lease }),
      await processClient(namespace, { lease }),
    ];
    const first = holder.call('Waiting too long');
    await untilRequests(1);
    const started = performance.now();
    const error = await waiter.call('Waiting too long', { timeout: { totalMs: 300 } }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    const waitedMs = performance.now() - started;
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ timeout: 'total', ms: 300 });
    expect(waitedMs).toBeLessThan(1_500);
    // The waiter never asked the model: the holder's request is the only one.
    expect(chatRequests()).toHaveLength(1);
    expect((await first).cache.status).toBe('miss');
  });

  it('should report failed renewals and still answer the call', async () => {
    simulator.setLatency({ timeToFirstTokenMs: 900, tokensPerSecond: 1000 });
    const namespace = `renew-fails-${Date.now()}`;
    const holder = await processClient(namespace, { lease: { ttlMs: 300 }, storeTimeoutMs: 50 });
    const events: CacheEvent[] = [];
    holder.cache!.on('event', (event) => events.push(event));
    const call = holder.call('Store goes away');
    await untilRequests(1);
    redis.pause();
    const response = await call;
    redis.resume();
    expect(response.text.length).toBeGreaterThan(0);
    expect(
      events.some((event) => event.type === 'store-error' && event.operation === 'lease'),
    ).toBe(true);
  });
});
