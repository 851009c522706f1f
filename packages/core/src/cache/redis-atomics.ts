import type { AtomicStoreOperations } from './store-capabilities.js';

/** The node-redis commands the atomic operations use. */
export interface RedisCommandClient {
  set(key: string, value: string, options: object): Promise<unknown>;
  exists(key: string): Promise<number>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

// Compare-and-act scripts: an expired lease may already belong to another process.
const deleteIfEqualsScript =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const expireIfEqualsScript =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

/**
 * {@link AtomicStoreOperations} in Redis: `SET NX PX`, and compare-and-`PEXPIRE` and
 * compare-and-`DEL` as Lua scripts. `command` runs each on a connected node-redis client (a
 * single client or a cluster: every command names one key).
 */
export function createRedisAtomics(
  command: <T>(run: (client: RedisCommandClient) => Promise<T>) => Promise<T>,
): AtomicStoreOperations {
  return {
    async setIfAbsent(key, value, ttlMs) {
      const reply = await command((client) =>
        client.set(key, value, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } }),
      );
      return reply === 'OK';
    },
    async expireIfEquals(key, expected, ttlMs) {
      const reply = await command((client) =>
        client.eval(expireIfEqualsScript, { keys: [key], arguments: [expected, String(ttlMs)] }),
      );
      return reply === 1;
    },
    async deleteIfEquals(key, expected) {
      const reply = await command((client) =>
        client.eval(deleteIfEqualsScript, { keys: [key], arguments: [expected] }),
      );
      return reply === 1;
    },
    async exists(key) {
      return (await command((client) => client.exists(key))) === 1;
    },
  };
}
