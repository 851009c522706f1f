import { EventEmitter } from 'node:events';
import type Keyv from 'keyv';
import { CacheEngine } from './cache-engine.js';
import { parseCacheEntry } from './cache-entry.js';
import type {
  CacheEvent,
  CacheOptions,
  CacheStats,
  CacheStatsOptions,
  InvalidateFilter,
} from './cache-options.js';
import { EntryStore } from './entry-store.js';
import { validateCacheOptions } from './validate-cache-options.js';

const engines = new WeakMap<LLMCache, CacheEngine>();

/**
 * The response cache: answers stored by a key derived from the whole request, in a Keyv store.
 * Every store failure or slow store is a miss, counted and reported, never a failed call; after
 * repeated failures a circuit breaker skips the store until it recovers. Owned by the client
 * (`createClient({ cache })`); reach it as `client.cache`.
 *
 * Tenant scope: several caches (clients, processes) may share one store, each with its own
 * tenants. `invalidate`, `clear`, `delete` and the entry counts of `stats` keep to this cache's
 * tenants: its explicit `tenant` if one was set, and otherwise the provider scope of every
 * tenant it made keys for (a client adds its default model's scope when it is created, and each
 * provider's scope on its first cached call). Entries of other tenants, and entries of an older
 * key schema, are touched only by the operations named for it: `invalidate({ allTenants: true })`
 * and `clearAllTenants()`. Clients that share one `LLMCache` object share its tenants.
 */
export class LLMCache extends EventEmitter<{ event: [CacheEvent] }> {
  /** The Keyv instance behind the cache (to share its store with another cache). */
  readonly keyv: Keyv;
  /** The default namespace. */
  readonly namespace: string;
  /** The explicit tenant, if one was set. */
  readonly tenant: string | undefined;
  /** The default time to live in milliseconds (`0`: no expiry). */
  readonly ttl: number;
  /** The options the cache was created with. */
  readonly options: Readonly<CacheOptions>;

  readonly #store: EntryStore;
  readonly #engine: CacheEngine;

  constructor(options: CacheOptions = {}) {
    super();
    validateCacheOptions(options);
    this.#store = new EntryStore(options, (event) => this.emit('event', event));
    this.#engine = new CacheEngine(this.#store);
    engines.set(this, this.#engine);
    this.options = options;
    this.keyv = this.#store.keyv;
    this.namespace = this.#store.namespace;
    this.tenant = this.#store.tenant;
    this.ttl = this.#store.ttl;
  }

  /**
   * Makes `tenant` (an explicit tenant or a provider scope) one of this cache's tenants, whose
   * entries `invalidate`, `clear`, `delete` and `stats` cover. The client does this for its
   * providers; call it yourself only for a tenant whose entries this cache should administer
   * before it has made any call for it.
   */
  addTenant(tenant: string): void {
    this.#store.addTenant(tenant);
  }

  /**
   * Deletes the entry under `key` (a response's `cache.key`) if it is one of this cache's
   * tenants'; `false` if there was none, the key is another tenant's (or of an older key schema,
   * which carries no tenant), or the store failed.
   */
  async delete(key: string): Promise<boolean> {
    if (!this.#store.ownsKey(key)) return false;
    // Answers are written behind their calls: one just made must be there to be deleted.
    await this.flush();
    return this.#store.delete(key);
  }

  /**
   * Deletes every entry of this cache's tenants (in every cache namespace), and returns how many
   * it deleted; other tenants' entries on a shared store stay. It lists every entry of the store,
   * so it is an administrative operation. To empty the store for everyone, use
   * {@link LLMCache.clearAllTenants}.
   */
  async clear(): Promise<number> {
    await this.flush();
    return this.#store.deleteWhere('clear', (key) => this.#store.ownsKey(key));
  }

  /**
   * Deletes every entry of the store's Keyv namespace, whoever's: every tenant's, on a store
   * other clients and processes share, and entries of older key schemas. Use
   * {@link LLMCache.clear} to delete only this cache's tenants' entries.
   */
  async clearAllTenants(): Promise<void> {
    await this.flush();
    await this.#store.clearAll();
  }

  /**
   * Deletes this cache's tenants' entries whose stored metadata matches every field of `filter`,
   * and returns how many it deleted. With `allTenants: true` it matches every tenant's entries
   * (and those of older key schemas). It reads every entry, so it is an administrative
   * operation, not a hot path.
   */
  async invalidate(filter: InvalidateFilter): Promise<number> {
    await this.flush();
    const olderThan =
      filter.olderThan instanceof Date ? filter.olderThan.getTime() : filter.olderThan;
    return this.#store.deleteWhere('invalidate', (key, raw) => {
      if (filter.allTenants !== true && !this.#store.ownsKey(key)) return false;
      const entry = parseCacheEntry(raw);
      if (entry === undefined) return false;
      if (filter.namespace !== undefined && entry.namespace !== filter.namespace) return false;
      if (filter.provider !== undefined && entry.provider !== filter.provider) return false;
      if (filter.model !== undefined && entry.model !== filter.model) return false;
      if (filter.agent !== undefined && entry.agent !== filter.agent) return false;
      return olderThan === undefined || entry.createdAt < olderThan;
    });
  }

  /**
   * Counters since the cache was created, and (where the store can count its entries at once,
   * as the memory store can) the entries and bytes of this cache's tenants in the store;
   * `{ allTenants: true }` counts every tenant's.
   */
  stats(options: CacheStatsOptions = {}): CacheStats {
    return this.#store.stats(options.allTenants === true);
  }

  /**
   * Waits until every answer on its way to the store has landed (or failed). Answers are stored
   * after they are returned, so call this before a process exits, or before reading the store
   * directly, to lose nothing.
   */
  flush(): Promise<void> {
    return this.#engine.flush();
  }

  /** Waits for pending writes, then closes the store's connections (Redis, SQLite). */
  async disconnect(): Promise<void> {
    await this.flush();
    await this.#store.disconnect();
  }
}

/**
 * The engine behind `cache`, for the client that calls through it.
 * @internal Not part of the public API.
 */
export function cacheEngineOf(cache: LLMCache): CacheEngine {
  const engine = engines.get(cache);
  if (engine === undefined) throw new Error('Not an LLMCache made by this copy of Kagura.');
  return engine;
}
