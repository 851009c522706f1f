import { Keyv } from 'keyv';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { CacheStore } from './cache-options.js';
import { createMemoryKeyv } from './memory-store.js';
import { createRedisKeyv } from './redis-store.js';
import { SqliteStore } from './sqlite-store.js';

/** Options for {@link createKeyvStore}. */
export interface CreateKeyvStoreOptions {
  /** The memory store's bound on entries; the least recently used go first. @default 10_000 */
  maxEntries?: number | undefined;
  /**
   * The memory store's bound on size: the sum of each entry's key length plus its stored string's
   * length, in UTF-16 code units (bytes for ASCII JSON). An entry larger than this is not stored.
   * @default 67_108_864 (64 MiB)
   */
  maxBytes?: number | undefined;
  /**
   * The Keyv namespace: Keyv instances sharing a SQLite file or a Redis server keep their keys
   * apart by it, and `clear()` deletes only its keys there.
   * @default 'kagura'
   */
  namespace?: string | undefined;
}

/**
 * Turns a cache store option into a Keyv instance, without waiting for any network: Redis connects
 * in the background and its commands fail fast until it is up.
 *
 * - `'memory'`: an LRU in this process, bounded by `maxEntries` and `maxBytes`. A read refreshes
 *   an entry's recency. Entries are kept as Keyv's `{ value, expires }` objects, not JSON.
 * - `'sqlite:path/to/cache.db'` (or `'sqlite://path'`): a {@link SqliteStore} file, shared by the
 *   processes of one machine. `'sqlite::memory:'` keeps it in memory.
 * - `'redis://host:port'`, `'rediss://...'` (TLS): Redis, shared by many machines. It connects
 *   in the background; commands sent before the first attempt ends wait for it, and from then on
 *   commands reject at once while disconnected. Reconnection runs in the background with a
 *   backoff capped at 2 s. A hung server (connected, never answering) is not detected: its
 *   commands stay pending, so callers put their own time budget on each call. `disconnect()`
 *   closes at once, rejecting commands in flight.
 * - A Keyv instance is returned as is.
 *
 * In every case `keyv.throwOnErrors` is set to `true`: a store failure rejects the Keyv call
 * instead of reading as a miss, so that the cache above can count it (and then treat it as a
 * miss). Keyv also emits failures as `'error'` events.
 *
 * @throws {InvalidArgumentError} when `store` is none of these.
 * @example
 * const keyv = createKeyvStore('sqlite:.kagura/cache.db');
 */
export function createKeyvStore(store: CacheStore, options: CreateKeyvStoreOptions = {}): Keyv {
  const namespace = options.namespace ?? 'kagura';
  const keyv = createKeyv(store, namespace, options);
  keyv.throwOnErrors = true;
  return keyv;
}

function createKeyv(store: CacheStore, namespace: string, options: CreateKeyvStoreOptions): Keyv {
  if (isKeyv(store)) return store;
  if (store === 'memory') return createMemoryKeyv(namespace, options);
  if (typeof store === 'string' && store.startsWith('sqlite:')) {
    const path = store.replace(/^sqlite:(\/\/)?/, '');
    if (path === '') throw invalidStore(store, 'names no file');
    return new Keyv({ store: new SqliteStore({ path }), namespace });
  }
  if (typeof store === 'string' && /^rediss?:\/\//.test(store)) {
    if (!URL.canParse(store)) throw invalidStore(store, 'is not a valid URL');
    return createRedisKeyv(store, namespace);
  }
  throw invalidStore(store, 'is not a store');
}

function invalidStore(store: unknown, problem: string): InvalidArgumentError {
  const shown = typeof store === 'string' ? `'${redactCredentials(store)}'` : describeValue(store);
  return new InvalidArgumentError({
    argument: 'cache.store',
    value: store,
    message: `${shown} ${problem}. Use 'memory', 'sqlite:path/to/cache.db', 'redis://host:port', or a Keyv instance.`,
  });
}

function redactCredentials(store: string): string {
  return store.replace(/\/\/[^/@]*@/, '//***@');
}

/**
 * A Keyv instance, possibly from another copy of keyv (the application's own install), which
 * `instanceof` would miss. Store adapters such as KeyvRedis have get/set too, but no hooks.
 */
function isKeyv(value: unknown): value is Keyv {
  if (value instanceof Keyv) return true;
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof Keyv, unknown>>;
  return (
    typeof candidate.get === 'function' &&
    typeof candidate.set === 'function' &&
    typeof candidate.hooks === 'object' &&
    typeof candidate.stats === 'object' &&
    'throwOnErrors' in value
  );
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  return `${typeof value} ${String(value)}`;
}
