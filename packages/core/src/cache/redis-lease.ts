import { randomUUID } from 'node:crypto';
import type Keyv from 'keyv';
import { RedisStore } from './redis-store.js';

/** The Redis commands a lease needs. */
interface LeaseClient {
  set(key: string, value: string, options: object): Promise<unknown>;
  exists(key: string): Promise<number>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

// Deletes the lease only if it is still ours: an expired lease may already belong to another process.
const releaseScript =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

// Extends the lease only if it is still ours, so a holder whose lease expired cannot take it back.
const renewScript =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

/**
 * A short lock per cache key in a shared store, so that identical calls in different processes
 * make one request: the first takes the lease and asks the model; the others wait for its
 * answer to land in the store. The holder renews its short lease while it asks, so a holder
 * that died loses it within one ttl, and a long call keeps it.
 */
export interface CacheLease {
  /** Tries to take the lease on `key` for `ttlMs`; `true` if this process now holds it. */
  acquire(key: string, ttlMs: number): Promise<boolean>;
  /**
   * Extends the lease on `key` to `ttlMs` from now, if this process still holds it; `false`
   * if it does not (it expired, and another process may have taken it).
   */
  renew(key: string, ttlMs: number): Promise<boolean>;
  /** Whether some process holds the lease on `key`. */
  isHeld(key: string): Promise<boolean>;
  /** Gives the lease back, if this process still holds it. */
  release(key: string): Promise<void>;
}

/**
 * A lease in Redis (`SET key token NX PX ttl`, renewed by compare-and-`PEXPIRE`, released by
 * compare-and-delete), for a Keyv whose store is Redis; `undefined` for any other store (a
 * process-local store needs none).
 */
export function createRedisLease(keyv: Keyv): CacheLease | undefined {
  const store: unknown = keyv.store;
  if (!(store instanceof RedisStore)) return undefined;
  // Through the store, so that lease commands connect, fail fast and keep the process alive as
  // the store's own operations do.
  const command = <T>(run: (client: LeaseClient) => Promise<T>): Promise<T> =>
    store.command((client) => run(client as unknown as LeaseClient));
  const token = randomUUID();
  const leaseKey = (key: string) => `${keyv.namespace ?? 'kagura'}:lease:${key}`;
  return {
    async acquire(key, ttlMs) {
      const reply = await command((client) =>
        client.set(leaseKey(key), token, {
          condition: 'NX',
          expiration: { type: 'PX', value: ttlMs },
        }),
      );
      return reply === 'OK';
    },
    async renew(key, ttlMs) {
      const reply = await command((client) =>
        client.eval(renewScript, { keys: [leaseKey(key)], arguments: [token, String(ttlMs)] }),
      );
      return reply === 1;
    },
    async isHeld(key) {
      return (await command((client) => client.exists(leaseKey(key)))) === 1;
    },
    async release(key) {
      await command((client) =>
        client.eval(releaseScript, { keys: [leaseKey(key)], arguments: [token] }),
      );
    },
  };
}
