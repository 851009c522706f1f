import type { CacheEvent, Client } from '@kagura-ts/core';
import { shouldSkipRedisTests } from '@kagura-ts/testing';
import { describe, expect, it } from 'vitest';
import { useRedisProcesses } from './use-redis-processes.js';

// A burst of distinct calls keeps the event loop busy for longer than the store's time budget;
// that lag is the caller's, not the store's, and must not read as a slow store.
describe.skipIf(shouldSkipRedisTests())('Redis cache under a burst', () => {
  const processes = useRedisProcesses();
  const { redis } = processes;

  function burstClient(namespace: string, events: CacheEvent[]): Client {
    const client = processes.client(namespace, {}, 'burst');
    client.cache!.on('event', (event) => events.push(event));
    return client;
  }

  it('should still give up on a hung Redis during a burst, and answer every call', async () => {
    const events: CacheEvent[] = [];
    const client = burstClient(`burst-hung-${Date.now()}`, events);
    await client.cache!.keyv.has('warm-up');
    redis().pause();
    try {
      const prompts = Array.from({ length: 200 }, (_, index) => `Hung burst prompt ${index}`);
      const responses = await Promise.all(prompts.map((prompt) => client.call(prompt)));
      expect(responses.filter((response) => response.text.length > 0)).toHaveLength(200);
      expect(client.cache!.stats().errors).toBeGreaterThan(0);
      expect(events).toContainEqual({ type: 'circuit-open' });
    } finally {
      redis().resume();
    }
  });

  for (const size of [200, 1000]) {
    it(`should store a burst of ${size} distinct calls and hit them all on repeat`, async () => {
      const events: CacheEvent[] = [];
      const client = burstClient(`burst-${size}-${Date.now()}`, events);
      const prompts = Array.from({ length: size }, (_, index) => `Burst ${size} prompt ${index}`);
      const first = await Promise.all(prompts.map((prompt) => client.call(prompt)));
      await client.cache!.flush();
      const repeat = await Promise.all(prompts.map((prompt) => client.call(prompt)));
      const storeErrors = events.filter((event) => event.type === 'store-error');
      expect(storeErrors.map((event) => String(event.error)).slice(0, 3)).toEqual([]);
      expect(client.cache!.stats()).toMatchObject({ errors: 0, storeSkipped: false });
      expect(first.filter((response) => response.cache.status === 'miss')).toHaveLength(size);
      expect(repeat.filter((response) => response.cache.status === 'hit')).toHaveLength(size);
    });
  }
});
