import { InvalidArgumentError } from '@kagura-ts/provider';
import { Keyv, type KeyvOptions } from 'keyv';
import type { CacheStore } from './cache-options.js';
import { corruptEnvelope, isKeyvEnvelope } from './corrupt-value.js';
import { createMemoryKeyv } from './memory-store.js';
import { redactCredentials } from './redact-credentials.js';
import { RedisStore, type StoreUnreachableWarning } from './redis-store.js';
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
  /**
   * Called once when a Redis store cannot be reached at start (its first connection attempt
   * failed), or an SQLite file cannot be opened (just after this returns); the cache turns it
   * into a `'store-unreachable'` event.
   */
  onUnreachable?: ((warning: StoreUnreachableWarning) => void) | undefined;
  /**
   * Where the one-line warning about a store unreachable at start (Redis) or that cannot be
   * opened (SQLite) goes, or `false` for nowhere.
   * @default a line on `process.stderr`
   */
  warn?: ((line: string) => void) | false | undefined;
}

/**
 * Turns a cache store option into a Keyv instance, without waiting for any network: Redis connects
 * in the background and its commands fail fast until it is up.
 *
 * - `'memory'`: an LRU in this process, bounded by `maxEntries` and `maxBytes`. A read refreshes
 *   an entry's recency. Entries are kept as Keyv's `{ value, expires }` objects, not JSON.
 * - `'sqlite:path/to/cache.db'` (or `'sqlite://path'`): a {@link SqliteStore} file, shared by the
 *   processes of one machine. `'sqlite::memory:'` keeps it in memory. A file that cannot be
 *   opened (corrupt, not a database, a directory that cannot be made) does not throw: one line
 *   on stderr says so (see `warn`), `onUnreachable` is called, and every operation rejects.
 * - `'redis://host:port'`, `'rediss://...'` (TLS): a {@link RedisStore}, shared by many machines.
 *   It loads @keyv/redis and connects in the background; commands sent before the first attempt
 *   ends wait for it, and from then on commands reject at once while disconnected. Reconnection
 *   runs in the background with a backoff capped at 2 s. If the first attempt fails, one line on
 *   stderr says so (see `warn`) and `onUnreachable` is called. The connection does not keep the
 *   process alive; pending commands do, for at most 5 s each. A hung server (connected, never
 *   answering) is not detected: its commands stay pending, so callers put their own time budget
 *   on each call. `disconnect()` closes at once, rejecting commands in flight.
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
  tolerateCorruptData(keyv);
  return keyv;
}

/** The deserializers {@link tolerateCorruptData} made, so that a Keyv is wrapped only once. */
const tolerantDeserializers = new WeakSet<object>();

/**
 * Makes `keyv` read data that does not deserialize to an envelope (not JSON, an empty string, a
 * bare number, `null`, an array) as a corrupt value instead of throwing or reading as empty, so
 * that the cache deletes it as a corrupt entry and never counts it as a store failure.
 */
function tolerateCorruptData(keyv: Keyv): void {
  const deserialize = keyv.deserialize;
  if (deserialize === undefined || tolerantDeserializers.has(deserialize)) return;
  const tolerant = async (data: string) => {
    try {
      const envelope: unknown = await deserialize(data);
      return isKeyvEnvelope(envelope) ? envelope : corruptEnvelope;
    } catch {
      return corruptEnvelope;
    }
  };
  tolerantDeserializers.add(tolerant);
  keyv.deserialize = tolerant as typeof deserialize;
}

function createKeyv(store: CacheStore, namespace: string, options: CreateKeyvStoreOptions): Keyv {
  if (isKeyv(store)) return store;
  if (store === 'memory') return createMemoryKeyv(namespace, options);
  if (typeof store === 'string' && store.startsWith('sqlite:')) {
    const path = store.replace(/^sqlite:(\/\/)?/, '');
    if (path === '') throw invalidStore(store, 'names no file');
    const { onUnreachable, warn } = options;
    const keyv = new Keyv({
      store: new SqliteStore({ path, onUnreachable, warn }),
      namespace,
      ...entryJsonSerializers,
    });
    entryJsonKeyvs.add(keyv);
    return keyv;
  }
  if (typeof store === 'string' && /^rediss?:\/\//.test(store)) {
    if (!URL.canParse(store)) throw invalidStore(store, 'is not a valid URL');
    const { onUnreachable, warn } = options;
    const redis = new RedisStore({ url: store, namespace, onUnreachable, warn });
    // KeyvRedis prefixes keys with `namespace::` itself; Keyv's own `namespace:` would double it.
    const keyv = new Keyv({
      store: redis,
      namespace,
      useKeyPrefix: false,
      ...entryJsonSerializers,
    });
    entryJsonKeyvs.add(keyv);
    return keyv;
  }
  throw invalidStore(store, 'is not a store');
}

/** The Keyvs made here with {@link entryJsonSerializers}. */
const entryJsonKeyvs = new WeakSet<Keyv>();

/**
 * Whether `keyv` keeps its values in an envelope that is plain JSON (made by
 * {@link createKeyvStore} for SQLite or Redis): its raw data is then read with `JSON.parse`.
 */
export function storesPlainJson(keyv: Keyv): boolean {
  return entryJsonKeyvs.has(keyv);
}

/** How every cache entry's JSON begins (`version` is its first key). */
const entryJsonStart = '{"version":';

/**
 * Keyv's envelope with a cache entry's JSON in it as JSON, not as a string of JSON: one parse
 * per read where Keyv's default made two (its envelope, then the entry inside it), and no
 * reviver call per value (Keyv's default turns `:base64:` strings back into Buffers, which an
 * entry never holds). Envelopes written before, with the entry as a string, still read: the
 * cache takes an entry as a string or as an object.
 */
const entryJsonSerializers = {
  serialize: (data: { value?: unknown; expires?: number | null | undefined }): string => {
    const { value, expires } = data;
    const expiry = typeof expires === 'number' ? `,"expires":${expires}` : '';
    if (typeof value === 'string' && value.startsWith(entryJsonStart))
      return `{"value":${value}${expiry}}`;
    return JSON.stringify(data);
  },
  deserialize: (text: string) => JSON.parse(text),
} as Pick<KeyvOptions, 'serialize' | 'deserialize'>;

function invalidStore(store: unknown, problem: string): InvalidArgumentError {
  const shown = typeof store === 'string' ? `'${redactCredentials(store)}'` : describeValue(store);
  return new InvalidArgumentError({
    argument: 'cache.store',
    value: store,
    message: `${shown} ${problem}. Use 'memory', 'sqlite:path/to/cache.db', 'redis://host:port', or a Keyv instance.`,
  });
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
