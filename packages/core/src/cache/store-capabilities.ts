import type Keyv from 'keyv';
import { LRUCache } from 'lru-cache';
import { createRedisAtomics, type RedisCommandClient } from './redis-atomics.js';
import { RedisStore } from './redis-store.js';

/**
 * Atomic operations on single keys of a store that several processes share: what a cross-process
 * lease needs (identical calls in different processes then make one request). Keys are the
 * store's raw keys; no Keyv namespace or serializer applies.
 */
export interface AtomicStoreOperations {
  /** Sets `key` to `value`, expiring after `ttlMs`, only if it has no value; `true` if it did. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Makes `key` expire `ttlMs` from now, only if its value is `expected`; `true` if it did. */
  expireIfEquals(key: string, expected: string, ttlMs: number): Promise<boolean>;
  /** Deletes `key`, only if its value is `expected`; `true` if it did. */
  deleteIfEquals(key: string, expected: string): Promise<boolean>;
  /** Whether `key` has a value. */
  exists(key: string): Promise<boolean>;
}

/** What the entries of a store in this process add up to. */
export interface EntryCount {
  entries: number;
  /** Their size as the store measures it. */
  bytes: number;
}

/**
 * What a cache store can do beyond Keyv's get, set, delete and clear; the cache uses what is
 * there. Kagura's Redis store, an `@keyv/redis` adapter and the memory store declare theirs
 * themselves; a store of your own declares its own under {@link storeCapabilities}.
 *
 * @example
 * ```ts
 * class MyStore extends EventEmitter {
 *   [storeCapabilities] = { atomic: { setIfAbsent, expireIfEquals, deleteIfEquals, exists } };
 *   // ...Keyv's get, set, delete, clear
 * }
 * ```
 */
export interface StoreCapabilities {
  /**
   * Atomic single-key operations shared with other processes. With them, identical calls in
   * several processes make one request: one takes a lease and asks, the others wait for its
   * answer. Without them each process asks for itself (coalescing stays within the process).
   */
  atomic?: AtomicStoreOperations | undefined;
  /**
   * Counts the entries whose keys `accept` takes (every entry without it), at once, in this
   * process (for `stats()`). Only for stores that can answer without a round trip.
   */
  countEntries?: ((accept?: (key: string) => boolean) => EntryCount) | undefined;
}

/**
 * The property under which a Keyv store adapter declares its {@link StoreCapabilities}
 * (`Symbol.for('kagura.storeCapabilities')`, so that it works across copies of Kagura).
 */
export const storeCapabilities: unique symbol = Symbol.for('kagura.storeCapabilities') as never;

/** A Keyv adapter from `@keyv/redis`, as far as the lease needs it. */
interface KeyvRedisLike {
  opts: { dialect?: unknown };
  getClient(): Promise<unknown>;
}

/** What the Keyv's store can do: what it declares, or what Kagura knows of the stores it ships and supports. */
export function detectStoreCapabilities(keyv: Keyv): StoreCapabilities {
  const store: unknown = keyv.store;
  if (typeof store !== 'object' || store === null) return {};
  const declared = (store as { [storeCapabilities]?: StoreCapabilities })[storeCapabilities];
  if (declared !== undefined) return declared;
  if (store instanceof RedisStore) {
    return {
      atomic: createRedisAtomics((run) =>
        store.command((client) => run(client as unknown as RedisCommandClient)),
      ),
    };
  }
  if (isKeyvRedis(store)) {
    return {
      atomic: createRedisAtomics(async (run) =>
        run((await store.getClient()) as RedisCommandClient),
      ),
    };
  }
  if (store instanceof LRUCache) return { countEntries: lruEntryCount(store) };
  return {};
}

function isKeyvRedis(store: object): store is KeyvRedisLike {
  const candidate = store as Partial<KeyvRedisLike>;
  return candidate.opts?.dialect === 'redis' && typeof candidate.getClient === 'function';
}

function lruEntryCount(
  memory: LRUCache<string, object>,
): (accept?: (key: string) => boolean) => EntryCount {
  return (accept) => {
    if (accept === undefined) return { entries: memory.size, bytes: memory.calculatedSize };
    let entries = 0;
    let bytes = 0;
    for (const key of memory.keys()) {
      if (!accept(key)) continue;
      entries += 1;
      bytes += memory.info(key)?.size ?? 0;
    }
    return { entries, bytes };
  };
}
