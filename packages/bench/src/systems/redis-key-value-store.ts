import { createClient } from 'redis';
import type { KeyValueStore } from './key-value-store.js';

/** A key-value store in Redis over node-redis, values as JSON (as `@upstash/redis` stores them). */
export async function createRedisKeyValueStore(url: string): Promise<KeyValueStore> {
  const redis = createClient({ url });
  await redis.connect();
  return {
    async get(key) {
      const value = await redis.get(key);
      return value === null ? null : (JSON.parse(value) as unknown);
    },
    async set(key, value) {
      await redis.set(key, JSON.stringify(value));
    },
    async close() {
      await redis.quit();
    },
  };
}
