import type Keyv from 'keyv';
import { LRUCache } from 'lru-cache';
import { createRedisAtomics, type RedisCommandClient } from './redis-atomics.js';
import {
  createRedisNotifications,
  type RedisPublishClient,
  type RedisSubscribeClient,
} from './redis-notify.js';
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
  /**
   * A miss's first look in one round trip (optional): the raw value stored under the cache key
   * `entryKey` (the key as the Keyv store is given it), or, only when there is none, sets
   * `leaseKey` as {@link setIfAbsent} does. Resolves `{ stored }` with that raw text, unchecked,
   * `{ set }`, or `{ refused }` when the store would not run it (the cache then reads and claims
   * the usual way). Without it, the read and the claim are two commands sent together.
   */
  readOrSetIfAbsent?(
    entryKey: string,
    leaseKey: string,
    value: string,
    ttlMs: number,
  ): Promise<{ stored: string } | { set: boolean } | { refused: string }>;
  /**
   * A lease given back and its waiters told in one command (optional): deletes `leaseKey` if its
   * value is `expected`, as {@link deleteIfEquals} does, then publishes `message` on `channel` of
   * the store's publish/subscribe ({@link StoreNotifications}). `'refused'` when the store would
   * not run it (the cache then deletes and publishes the usual way). Without it, those are two
   * commands.
   */
  releaseAndPublish?(
    leaseKey: string,
    expected: string,
    channel: string,
    message: string,
  ): Promise<'released' | 'refused'>;
}

/**
 * Publish/subscribe on a store that several processes share, so that a process waiting for
 * another's answer wakes when it lands instead of polling. The cache publishes on one channel per
 * Keyv namespace (`<namespace>:lease`), the key as the message: a waiter subscribes once per key
 * it waits on, a store keeps one subscriber connection, and a channel per namespace keeps the
 * store's subscriptions few. Delivery may be lost (a subscriber reconnecting): the cache still
 * polls, slowly, and treats every failure here as no notification.
 */
export interface StoreNotifications {
  /** Sends `message` to every subscriber of `channel`, in every process. */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Calls `listener` with each message on `channel` until the returned function is called.
   * Resolves once the subscription is active (messages published from then on arrive). One
   * subscriber connection per store serves every listener.
   */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => void>;
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
   * Publish/subscribe shared with other processes. With it, a process waiting on another's lease
   * wakes as soon as that answer is stored (or the holder gave up); without it, it polls.
   */
  notify?: StoreNotifications | undefined;
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
  disconnect?: (...args: unknown[]) => Promise<unknown>;
}

/** What the Keyv's store can do: what it declares, or what Kagura knows of the stores it ships and supports. */
export function detectStoreCapabilities(keyv: Keyv): StoreCapabilities {
  const store: unknown = keyv.store;
  if (typeof store !== 'object' || store === null) return {};
  const declared = (store as { [storeCapabilities]?: StoreCapabilities })[storeCapabilities];
  if (declared !== undefined) return declared;
  if (store instanceof RedisStore) {
    return {
      atomic: {
        ...createRedisAtomics((run) =>
          store.command((client) => run(client as unknown as RedisCommandClient)),
        ),
        readOrSetIfAbsent: (entryKey, leaseKey, value, ttlMs) =>
          store.readOrSetIfAbsent(entryKey, leaseKey, value, ttlMs),
        releaseAndPublish: (leaseKey, expected, channel, message) =>
          store.releaseAndPublish(leaseKey, expected, channel, message),
      },
      notify: store.notifications,
    };
  }
  if (isKeyvRedis(store)) {
    return {
      atomic: createRedisAtomics(async (run) =>
        run((await store.getClient()) as RedisCommandClient),
      ),
      notify: keyvRedisNotifications(store),
    };
  }
  if (store instanceof LRUCache) return { countEntries: lruEntryCount(store) };
  return {};
}

// One subscriber connection per adapter, however often its capabilities are detected.
const adapterNotifications = new WeakMap<KeyvRedisLike, StoreNotifications>();

// The subscriber is a duplicate of the adapter's client that does not keep the process alive; it
// is closed with the adapter's `disconnect()`.
function keyvRedisNotifications(store: KeyvRedisLike): StoreNotifications {
  const known = adapterNotifications.get(store);
  if (known !== undefined) return known;
  const notifications = createRedisNotifications({
    publish: async (run) => run((await store.getClient()) as RedisPublishClient),
    openSubscriber: async () => {
      const client = (await store.getClient()) as DuplicableRedisClient;
      // A lost subscriber is reopened on the next wait rather than reconnected on a timer.
      const subscriber = client.duplicate({
        socket: { ...client.options?.socket, reconnectStrategy: false },
      });
      subscriber.on('error', () => {});
      subscriber.unref();
      await subscriber.connect();
      return subscriber;
    },
  });
  const { disconnect } = store;
  if (typeof disconnect === 'function') {
    store.disconnect = async (...args: unknown[]) => {
      notifications.close();
      return disconnect.apply(store, args);
    };
  }
  adapterNotifications.set(store, notifications);
  return notifications;
}

/** A node-redis client, as far as opening a subscriber from it goes. */
interface DuplicableRedisClient {
  options?: { socket?: object };
  duplicate(overrides: object): RedisSubscribeClient & {
    unref(): void;
    connect(): Promise<unknown>;
  };
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
