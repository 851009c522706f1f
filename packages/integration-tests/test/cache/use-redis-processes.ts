import { type CacheOptions, type Client, createClient, LLMCache } from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import {
  type RedisServer,
  type Simulator,
  startRedisServer,
  startSimulator,
} from '@kagura-ts/testing';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/**
 * A redis-server and a simulator for the tests of one `describe` (call it inside), and clients
 * that each stand for a separate process: their own cache, connection and flights on the one
 * Redis. The simulator is reset before each test; a paused Redis is resumed and every cache
 * disconnected after it.
 */
export function useRedisProcesses() {
  let simulator: Simulator | undefined;
  let redis: RedisServer | undefined;
  const caches: LLMCache[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ latency: 'none' });
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await simulator?.close();
    await redis?.stop();
  });
  beforeEach(() => simulator?.reset());
  afterEach(async () => {
    await redis?.resume();
    for (const cache of caches.splice(0)) await cache.disconnect().catch(() => {});
  });

  const fixture = {
    simulator: (): Simulator => simulator!,
    redis: (): RedisServer => redis!,
    /** A cache on the shared Redis, in `namespace`. */
    cache(namespace: string, options: CacheOptions = {}): LLMCache {
      const cache = new LLMCache({
        store: redis!.url as `redis://${string}`,
        namespace,
        ...options,
      });
      caches.push(cache);
      return cache;
    },
    /** A client over a cache of its own on the shared Redis: one "process". */
    client(namespace: string, options: CacheOptions = {}, apiKey = 'shared-key'): Client {
      return createClient({
        providers: { openai: createOpenAI({ baseURL: simulator!.openaiBaseURL, apiKey }) },
        model: 'openai:gpt-4o-mini',
        cache: fixture.cache(namespace, options),
      });
    },
  };
  return fixture;
}
