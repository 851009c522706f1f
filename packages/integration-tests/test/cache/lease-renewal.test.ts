import { execFileSync } from 'node:child_process';
import {
  type CacheEvent,
  type CacheOptions,
  type Client,
  detectStoreCapabilities,
  type LLMCache,
  TimeoutError,
} from '@kagura-ts/core';
import { shouldSkipRedisTests } from '@kagura-ts/testing';
import { describe, expect, it } from 'vitest';
import { useRedisProcesses } from './use-redis-processes.js';

describe.skipIf(shouldSkipRedisTests())('cross-process lease renewal', () => {
  const processes = useRedisProcesses();
  const { simulator, redis } = processes;
  const redisCache = processes.cache;

  const chatRequests = () => simulator().requests.filter((request) => request.api === 'openai');

  // A "process" whose connection is up before the race starts.
  async function processClient(namespace: string, options: CacheOptions = {}): Promise<Client> {
    const client = processes.client(namespace, options);
    await client.cache!.keyv.has('warm-up');
    return client;
  }

  // The key a call uses, found by making it once and deleting its answer.
  async function keyOf(namespace: string, prompt: string): Promise<string> {
    const probe = await processClient(namespace);
    const { key } = (await probe.call(prompt)).cache;
    if (key === undefined) throw new Error('The probe call was not cached.');
    await probe.cache!.delete(key);
    simulator().reset();
    return key;
  }

  // Takes the lease on `key` as another process would (its key is `<keyv namespace>:lease:<key>`,
  // as docs/caching.md says), through the store's atomic operations.
  function takeLease(cache: LLMCache, key: string, ttlMs: number): Promise<boolean> {
    const { atomic } = detectStoreCapabilities(cache.keyv);
    if (atomic === undefined) throw new Error('The Redis store declares no atomic operations.');
    return atomic.setIfAbsent(`${cache.keyv.namespace}:lease:${key}`, 'another-process', ttlMs);
  }

  // A process that took the lease on `key` and died: the lease stays until its ttl runs out.
  async function crashedHolder(namespace: string, key: string, options: CacheOptions = {}) {
    const dead = redisCache(namespace, options);
    const { ttlMs = 5_000 } = options.lease || {};
    expect(await takeLease(dead, key, ttlMs)).toBe(true);
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

  // With the defaults, the lease a holder takes lives 5 s (renewed while it asks), not 30 s: a
  // holder that dies stalls its waiters at most that long. Read from Redis while the call runs,
  // rather than waited out; the take-over itself is the test above, on a shorter ttl.
  it('should take its lease for the default 5 s ttl, not 30 s', async () => {
    const namespace = `default-ttl-${Date.now()}`;
    const key = await keyOf(namespace, 'Default lease');
    // After keyOf, whose reset() would put the latency back: the call must still be asking when
    // the lease is read.
    simulator().setLatency({ timeToFirstTokenMs: 400, tokensPerSecond: 1000 });
    // A store budget the loaded machine cannot miss: a lease operation that ran out of time
    // would be fail-open (asking without a lease), which is not what this test is about.
    const holder = await processClient(namespace, { storeTimeoutMs: 2_000 });
    const call = holder.call('Default lease');
    await untilRequests(1);
    const leaseKey = `${holder.cache!.keyv.namespace}:lease:${key}`;
    const ttlMs = Number(
      execFileSync('redis-cli', ['-p', String(redis().port), 'PTTL', leaseKey], {
        encoding: 'utf8',
      }).trim(),
    );
    expect(ttlMs).toBeGreaterThan(4_000);
    expect(ttlMs).toBeLessThanOrEqual(5_000);
    expect((await call).cache.status).toBe('miss');
  });

  it('should keep the lease through a call three times longer than its ttl', async () => {
    simulator().setLatency({ timeToFirstTokenMs: 900, tokensPerSecond: 1000 });
    const namespace = `long-${Date.now()}`;
    const lease = { ttlMs: 300 };
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
    expect(await takeLease(other, held.cache.key!, lease.ttlMs)).toBe(true);
  });

  it("should bound a waiter's wait by its total time limit, with a TimeoutError", async () => {
    simulator().setLatency({ timeToFirstTokenMs: 900, tokensPerSecond: 1000 });
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
    simulator().setLatency({ timeToFirstTokenMs: 900, tokensPerSecond: 1000 });
    const namespace = `renew-fails-${Date.now()}`;
    const holder = await processClient(namespace, { lease: { ttlMs: 300 }, storeTimeoutMs: 50 });
    const events: CacheEvent[] = [];
    holder.cache!.on('event', (event) => events.push(event));
    const call = holder.call('Store goes away');
    await untilRequests(1);
    redis().pause();
    const response = await call;
    redis().resume();
    expect(response.text.length).toBeGreaterThan(0);
    expect(
      events.some((event) => event.type === 'store-error' && event.operation === 'lease'),
    ).toBe(true);
  });
});
