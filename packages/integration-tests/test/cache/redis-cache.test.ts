import { createClient, LLMCache } from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import { shouldSkipRedisTests } from '@kagura-ts/testing';
import KeyvRedis, { createClient as createRedisClient } from '@keyv/redis';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { useRedisProcesses } from './use-redis-processes.js';

describe.skipIf(shouldSkipRedisTests())('Redis cache', () => {
  const { simulator, redis, client: processClient } = useRedisProcesses();

  it('should coalesce identical calls across processes through a lease: one request', async () => {
    simulator().setLatency({ timeToFirstTokenMs: 150, tokensPerSecond: 1000 });
    const namespace = `cross-${Date.now()}`;
    const processes = [
      processClient(namespace),
      processClient(namespace),
      processClient(namespace),
    ];
    // Warm the connections so the race is between the processes, not their first connects.
    await Promise.all(processes.map((client) => client.cache!.keyv.has('warm-up')));
    const responses = await Promise.all(
      processes.flatMap((client) =>
        Array.from({ length: 10 }, () => client.call('Across processes')),
      ),
    );
    expect(simulator().requests.filter((request) => request.api === 'openai')).toHaveLength(1);
    expect(new Set(responses.map((response) => response.text)).size).toBe(1);
    const statuses = responses.map((response) => response.cache.status);
    expect(statuses.filter((status) => status === 'miss')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'coalesced')).toHaveLength(29);
  });

  it("should coalesce across processes on a user's own new Keyv(new KeyvRedis(url)): one request", async () => {
    simulator().setLatency({ timeToFirstTokenMs: 150, tokensPerSecond: 1000 });
    const namespace = `plain-keyv-${Date.now()}`;
    const caches = [0, 1, 2].map(
      () => new LLMCache({ store: new Keyv(new KeyvRedis(redis().url)), namespace }),
    );
    try {
      const processes = caches.map((cache) =>
        createClient({
          providers: {
            openai: createOpenAI({ baseURL: simulator().openaiBaseURL, apiKey: 'shared-key' }),
          },
          model: 'openai:gpt-4o-mini',
          cache,
        }),
      );
      await Promise.all(caches.map((cache) => cache.keyv.has('warm-up')));
      const responses = await Promise.all(
        processes.flatMap((client) =>
          Array.from({ length: 5 }, () => client.call('Across processes, plain Keyv')),
        ),
      );
      expect(simulator().requests.filter((request) => request.api === 'openai')).toHaveLength(1);
      const statuses = responses.map((response) => response.cache.status);
      expect(statuses.filter((status) => status === 'miss')).toHaveLength(1);
      expect(statuses.filter((status) => status === 'coalesced')).toHaveLength(14);
    } finally {
      for (const cache of caches) await cache.disconnect().catch(() => {});
    }
  });

  it("should read a hit and claim a miss's lease in one script: a hit claims no lease", async () => {
    const client = processClient(`one-trip-${Date.now()}`);
    const admin = createRedisClient({ url: redis().url });
    await admin.connect();
    // Every command the server runs, by name, from `INFO commandstats`.
    const commandCounts = async () => {
      const info = await admin.info('commandstats');
      return Object.fromEntries(
        [...info.matchAll(/cmdstat_(\w+):calls=(\d+)/g)].map(([, name, calls]) => [
          name,
          Number(calls),
        ]),
      ) as Record<string, number>;
    };
    try {
      await client.cache!.keyv.has('warm-up');
      // The server forgets its scripts: the first is sent by digest, refused, then sent whole.
      await admin.scriptFlush();
      const beforeMiss = await commandCounts();
      expect((await client.call('One round trip')).cache.status).toBe('miss');
      // The lease is given back behind the answer.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const afterMiss = await commandCounts();
      // Counts include the commands a script runs. The miss: the script (its read, and its set
      // of the lease), the entry's write, and the lease given back (a script: read, delete,
      // publish).
      const missRan = (name: string) => (afterMiss[name] ?? 0) - (beforeMiss[name] ?? 0);
      expect([
        missRan('eval') >= 1,
        missRan('get'),
        missRan('set'),
        missRan('del'),
        missRan('publish'),
      ]).toEqual([true, 2, 2, 1, 1]);
      const before = await commandCounts();
      for (let index = 0; index < 5; index += 1) {
        expect((await client.call('One round trip')).cache.status).toBe('hit');
      }
      const after = await commandCounts();
      const ran = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
      // One script per hit (by digest now), its read only: no lease set, none deleted, no other
      // read.
      expect([ran('evalsha'), ran('eval'), ran('get'), ran('set'), ran('del')]).toEqual([
        5, 0, 5, 0, 0,
      ]);
      // Another miss, the scripts known to the server now: the read-or-claim script, the entry's
      // write, and one script that gives the lease back and tells the waiters (read, delete,
      // publish): three commands, two of them scripts sent by digest.
      const beforeSecond = await commandCounts();
      expect((await client.call('One round trip, again')).cache.status).toBe('miss');
      await client.cache!.flush();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const afterSecond = await commandCounts();
      const second = (name: string) => (afterSecond[name] ?? 0) - (beforeSecond[name] ?? 0);
      expect(
        ['evalsha', 'eval', 'get', 'set', 'del', 'publish'].map((name) => [name, second(name)]),
      ).toEqual([
        ['evalsha', 2],
        ['eval', 0],
        ['get', 2],
        ['set', 2],
        ['del', 1],
        ['publish', 1],
      ]);
      expect(simulator().requests.filter((request) => request.api === 'openai')).toHaveLength(2);
    } finally {
      await admin.close();
    }
  });

  it('should read the usual way when the key holds another type: the script is refused', async () => {
    const client = processClient(`wrong-type-${Date.now()}`);
    const first = await client.call('Wrong type');
    const admin = createRedisClient({ url: redis().url });
    await admin.connect();
    try {
      // Keyv's namespace is 'kagura'; the cache's own is in the key.
      const entryKey = `kagura::${first.cache.key}`;
      expect(await admin.type(entryKey)).toBe('string');
      await admin.del(entryKey);
      await admin.rPush(entryKey, 'not an entry');
      const again = await client.call('Wrong type');
      expect(again).toMatchObject({ text: first.text, cache: { status: 'miss' } });
      expect(await admin.type(entryKey)).toBe('string');
      expect((await client.call('Wrong type')).cache.status).toBe('hit');
    } finally {
      await admin.close();
    }
  });

  it('should let a waiting process ask the model itself when the lease holder fails', async () => {
    simulator().setLatency({ timeToFirstTokenMs: 100, tokensPerSecond: 1000 });
    simulator().injectFault({ type: 'status', status: 400 });
    const namespace = `failover-${Date.now()}`;
    const [first, second] = [processClient(namespace), processClient(namespace)];
    await Promise.all([first.cache!.keyv.has('warm-up'), second.cache!.keyv.has('warm-up')]);
    const results = await Promise.allSettled([
      first.call('Leader fails'),
      second.call('Leader fails'),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(simulator().requests.filter((request) => request.api === 'openai')).toHaveLength(2);
  });

  it('should fail no call while Redis is killed and restarted mid-run', async () => {
    const client = processClient(`outage-${Date.now()}`, {
      storeTimeoutMs: 100,
      circuitBreaker: { cooldownMs: 200 },
    });
    const prompts = Array.from({ length: 20 }, (_, index) => `Outage prompt ${index % 5}`);
    const failures: unknown[] = [];
    const run = async (prompt: string) =>
      client.call(prompt).catch((error: unknown) => failures.push(error));

    for (const prompt of prompts.slice(0, 5)) await run(prompt);
    await client.cache!.flush();
    await redis().kill();
    await Promise.all(prompts.slice(5, 15).map(run));
    await redis().restart();
    // The cache comes back once Redis does (reconnect and the circuit's cooldown).
    let status = 'miss';
    for (let attempt = 0; attempt < 50 && status !== 'hit'; attempt += 1) {
      await client.call('After the outage');
      await client.cache!.flush();
      status = (await client.call('After the outage')).cache.status;
      if (status !== 'hit') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await Promise.all(prompts.slice(15).map(run));
    expect(failures).toEqual([]);
    expect(client.cache!.stats().errors).toBeGreaterThan(0);
    expect(status).toBe('hit');
  });

  it('should answer every call while Redis hangs, within the store time budget', async () => {
    const client = processClient(`hung-${Date.now()}`, { storeTimeoutMs: 50 });
    await client.cache!.keyv.has('warm-up');
    await redis().pause();
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, index) => client.call(`Hung store ${index}`)),
    );
    expect(responses.every((response) => response.text.length > 0)).toBe(true);
    expect(client.cache!.stats().errors).toBeGreaterThan(0);
  });

  it('should not wait for Redis at start-up', async () => {
    const cache = new LLMCache({ store: 'redis://127.0.0.1:1', storeTimeoutMs: 50 });
    const client = createClient({
      providers: { openai: createOpenAI({ baseURL: simulator().openaiBaseURL, apiKey: 'k' }) },
      model: 'openai:gpt-4o-mini',
      cache,
    });
    try {
      await expect(client.call('No Redis at all')).resolves.toMatchObject({
        cache: { status: 'miss' },
      });
    } finally {
      await cache.disconnect();
    }
  });
});
