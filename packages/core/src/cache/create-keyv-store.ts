import KeyvRedis, { createClient } from '@keyv/redis';
import { Keyv } from 'keyv';
import { LRUCache } from 'lru-cache';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { CacheStore } from './cache-options';
import { SqliteStore } from './sqlite-store';

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
 * The most Redis commands waiting to be sent or answered; beyond it commands reject at once. A hung
 * server answers nothing, so this bounds the memory its pending commands hold.
 */
const redisMaxPendingCommands = 10_000;
/** How long one Redis connection attempt may take before the next is scheduled. */
const redisConnectTimeoutMs = 2000;
/** The longest pause between two reconnection attempts. */
const redisMaxReconnectDelayMs = 2000;

/** The entry Keyv keeps in the memory store: its envelope, unserialized. */
interface MemoryEntry {
  value?: unknown;
  expires?: number | undefined;
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

function createMemoryKeyv(namespace: string, options: CreateKeyvStoreOptions): Keyv {
  const cache = new KeyvLruCache({
    max: positiveInteger('cache.maxEntries', options.maxEntries ?? 10_000),
    maxSize: positiveInteger('cache.maxBytes', options.maxBytes ?? 64 * 1024 * 1024),
    sizeCalculation: (entry, key) => Math.max(1, key.length + sizeOf(entry.value)),
    // Keyv's clock, so that lru-cache's TTLs agree with Keyv's `expires`.
    perf: { now: () => Date.now() },
  });
  // Without serializers Keyv keeps its `{ value, expires }` envelope as is: no JSON round trip.
  const keyv = new Keyv({ store: cache, namespace, serialize: undefined, deserialize: undefined });
  // Keyv lists only Maps and adapters of known dialects; an LRUCache is neither.
  keyv.iterator = keyv.generateIterator((prefix: string | undefined) => cache.iterator(prefix));
  return keyv;
}

/**
 * An LRUCache that Keyv can use as its store. Keyv passes the TTL to `set` as a number of
 * milliseconds, but lru-cache 11 takes an options object there (and throws on a number), so the
 * number becomes lru-cache's own per-entry TTL, which `has` then honours too.
 */
class KeyvLruCache extends LRUCache<string, MemoryEntry> {
  /** Set by Keyv. */
  namespace?: string | undefined;

  override set(
    key: string,
    value: MemoryEntry,
    options?: number | LRUCache.SetOptions<string, MemoryEntry, unknown>,
  ): this {
    return super.set(key, value, typeof options === 'number' ? { ttl: options } : options);
  }

  /** Yields `[key, entry]` for the keys that start with `prefix:`, without touching recency. */
  async *iterator(prefix?: string): AsyncGenerator<[string, MemoryEntry], void> {
    for (const key of [...this.keys()]) {
      if (prefix !== undefined && !key.startsWith(`${prefix}:`)) continue;
      const entry = this.peek(key);
      if (entry !== undefined) yield [key, entry];
    }
  }
}

function sizeOf(value: unknown): number {
  if (typeof value === 'string') return value.length;
  return JSON.stringify(value)?.length ?? 0;
}

function createRedisKeyv(url: string, namespace: string): Keyv {
  const client = createClient({
    url,
    // Queued until the first connection attempt ends, so that a short-lived process still finds
    // its answers; from then on (see `failFast`) commands reject at once while disconnected.
    disableOfflineQueue: false,
    commandsQueueMaxLength: redisMaxPendingCommands,
    socket: {
      connectTimeout: redisConnectTimeoutMs,
      // Never give up (the default strategy gives up after a socket timeout): a cache outlives
      // Redis outages.
      reconnectStrategy: (retries: number) =>
        Math.min(50 * 2 ** retries, redisMaxReconnectDelayMs) + Math.floor(Math.random() * 100),
    },
  });
  const store = new RedisStore(client, {
    namespace,
    // Without it KeyvRedis turns failures into misses and Keyv never sees them.
    throwOnErrors: true,
    // Only used if the client was closed (after `disconnect()`): a reconnection may not hang.
    connectionTimeout: redisConnectTimeoutMs,
  });
  // KeyvRedis prefixes keys with `namespace::` itself; Keyv's own `namespace:` would double it.
  const keyv = new Keyv({ store, namespace, useKeyPrefix: false });
  // The client reads this option on each command; @keyv/redis's createKeyvNonBlocking sets it
  // the same way. On an 'error' it runs before the client flushes its queue, so the commands
  // queued during a failed first attempt reject then.
  const failFast = () => {
    client.options.disableOfflineQueue = true;
  };
  client.once('ready', failFast);
  client.once('error', failFast);
  // Connect in the background; nothing waits for it. Connection errors reach Keyv's 'error'
  // event through KeyvRedis (which listens to the client), never an unhandled 'error'.
  client.connect().catch(() => {});
  return keyv;
}

/** KeyvRedis, except that `disconnect` cannot hang. */
class RedisStore extends KeyvRedis<string> {
  /**
   * Closes the connection at once; commands still in flight reject. A graceful close would wait
   * for their answers, forever if the server hangs, and its socket would keep the process alive.
   */
  override async disconnect(): Promise<void> {
    await super.disconnect(true);
  }
}

function positiveInteger(argument: string, value: number): number {
  if (Number.isSafeInteger(value) && value > 0) return value;
  throw new InvalidArgumentError({
    argument,
    value,
    message: `${value} is not a positive integer. Give a bound such as 10000, or leave it out for the default.`,
  });
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
