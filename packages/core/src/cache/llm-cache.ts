import { EventEmitter } from 'node:events';
import type { Usage } from '@kagura-ts/provider';
import type Keyv from 'keyv';
import { LRUCache } from 'lru-cache';
import {
  costOf,
  defaultModelPrices,
  findModelPrice,
  type ModelPrice,
} from '../call/model-prices.js';
import { sleep } from '../util/sleep.js';
import { type CacheEntry, cacheEntryVersion, parseCacheEntry } from './cache-entry.js';
import { type CacheKeyInput, createCacheKey } from './cache-key.js';
import type {
  CacheEvent,
  CacheOptions,
  CacheStats,
  CacheStatsOptions,
  InvalidateFilter,
} from './cache-options.js';
import { createCacheTenantId, tenantIdOfCacheKey } from './cache-tenant-id.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { createKeyvStore } from './create-keyv-store.js';
import { type CacheLease, createRedisLease } from './redis-lease.js';
import { RedisStore } from './redis-store.js';
import { validateCacheOptions } from './validate-cache-options.js';
import { type WithTimeoutOptions, withTimeout } from './with-timeout.js';

const oneDay = 86_400_000;

/** What `LLMCache.set` stores: an entry without the fields the cache fills in. */
export type NewCacheEntry = Omit<CacheEntry, 'version' | 'createdAt' | 'ttl'>;

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
  /** The Keyv instance behind the cache. */
  readonly keyv: Keyv;
  /** The default namespace. */
  readonly namespace: string;
  /** The explicit tenant, if one was set. */
  readonly tenant: string | undefined;
  /** The default time to live in milliseconds (`0`: no expiry). */
  readonly ttl: number;
  /** The options the cache was created with. */
  readonly options: Readonly<CacheOptions>;

  private readonly breaker: CircuitBreaker;
  private readonly lease: CacheLease | undefined;
  private readonly pendingWrites = new Set<Promise<unknown>>();
  /** The ids of this cache's tenants, as they appear in its keys. */
  private readonly tenantIds = new Set<string>();
  private readonly prices: Record<string, ModelPrice>;
  private readonly now: () => number;
  private readonly memory: LRUCache<string, { value: string }> | undefined;
  /** A Redis store still loading its client and making its first connection attempt. */
  private starting: RedisStore | undefined;
  /** The guard's options: a Redis store reports its activity (see `withTimeout`). */
  private readonly timeoutOptions: WithTimeoutOptions;
  private readonly counters = {
    hits: 0,
    misses: 0,
    coalesced: 0,
    bypassed: 0,
    refreshed: 0,
    errors: 0,
    tokensSaved: 0,
    costSaved: 0,
  };

  constructor(options: CacheOptions = {}) {
    super();
    validateCacheOptions(options);
    this.options = options;
    this.keyv = createKeyvStore(options.store ?? 'memory', {
      maxEntries: options.maxEntries,
      maxBytes: options.maxBytes,
      onUnreachable: (warning) => this.emit('event', { type: 'store-unreachable', ...warning }),
    });
    this.namespace = options.namespace ?? 'default';
    this.tenant = options.tenant;
    if (options.tenant !== undefined) this.addTenant(options.tenant);
    this.ttl = options.ttl ?? oneDay;
    this.now = options.now ?? Date.now;
    this.breaker = new CircuitBreaker({ now: this.now, ...options.circuitBreaker });
    this.prices = { ...defaultModelPrices, ...options.prices };
    const store: unknown = this.keyv.store;
    this.memory =
      store instanceof LRUCache ? (store as LRUCache<string, { value: string }>) : undefined;
    this.starting = store instanceof RedisStore ? store : undefined;
    this.timeoutOptions = store instanceof RedisStore ? { activity: store } : {};
    this.lease = options.lease === false ? undefined : createRedisLease(this.keyv);
    // Keyv also reports store errors as events (e.g. a Redis connection dropping).
    this.keyv.on('error', (error: unknown) => this.storeFailed('store', error, false));
  }

  /**
   * The key a request is stored under (see `createCacheKey`). Its tenant becomes one of this
   * cache's tenants (see {@link LLMCache.addTenant}).
   */
  keyFor(input: Omit<CacheKeyInput, 'namespace'> & { namespace?: string }): string {
    this.addTenant(input.tenant);
    return createCacheKey({ ...input, namespace: input.namespace ?? this.namespace });
  }

  /**
   * Makes `tenant` (an explicit tenant or a provider scope, as passed to `keyFor`) one of this
   * cache's tenants, whose entries `invalidate`, `clear`, `delete` and `stats` cover. The client
   * does this for its providers; call it yourself only for a tenant whose entries this cache
   * should administer before it has made any key for it.
   */
  addTenant(tenant: string): void {
    this.tenantIds.add(createCacheTenantId(tenant));
  }

  /** Whether `key` holds an entry of one of this cache's tenants. */
  private ownsKey(key: string): boolean {
    const id = tenantIdOfCacheKey(key);
    return id !== undefined && this.tenantIds.has(id);
  }

  /** Reads an entry. A store failure, a slow store or a corrupt entry is a miss. */
  async get(key: string): Promise<CacheEntry | undefined> {
    if (!this.breaker.allow()) return undefined;
    let raw: unknown;
    try {
      raw = await this.guard(() => this.keyv.get(key));
      this.storeSucceeded();
    } catch (error) {
      this.storeFailed('get', error);
      return undefined;
    }
    if (raw === undefined) return undefined;
    // Keyv reads a missing key as `undefined`; a stored `null` is not an entry (corrupt).
    const entry = parseCacheEntry(raw);
    if (entry === undefined) {
      this.emit('event', { type: 'corrupt-entry', key });
      void this.delete(key);
      return undefined;
    }
    if (entry.ttl > 0 && this.now() - entry.createdAt >= entry.ttl) return undefined;
    return entry;
  }

  /**
   * Stores an entry. Resolves `false` (never rejects) when it was not stored: too large, or the
   * store failed.
   */
  async set(key: string, entry: NewCacheEntry, options: { ttl?: number } = {}): Promise<boolean> {
    const ttl = options.ttl ?? this.ttl;
    const envelope: CacheEntry = {
      version: cacheEntryVersion,
      createdAt: this.now(),
      ttl,
      ...entry,
    };
    const json = JSON.stringify(envelope);
    if (json.length > (this.options.maxEntryBytes ?? 1_048_576)) return false;
    if (!this.breaker.allow()) return false;
    try {
      await this.guard(() => this.keyv.set(key, json, ttl === 0 ? undefined : ttl));
      this.storeSucceeded();
      return true;
    } catch (error) {
      this.storeFailed('set', error);
      return false;
    }
  }

  /**
   * Deletes an entry of one of this cache's tenants; `false` if there was none, the key is
   * another tenant's (or of an older key schema, which carries no tenant), or the store failed.
   */
  async delete(key: string): Promise<boolean> {
    if (!this.ownsKey(key)) return false;
    // Answers are written behind their calls: one just made must be there to be deleted.
    await this.flush();
    return this.deleteKey(key);
  }

  private async deleteKey(key: string): Promise<boolean> {
    try {
      return await this.guard(() => this.keyv.delete(key));
    } catch (error) {
      this.storeFailed('delete', error);
      return false;
    }
  }

  /**
   * Deletes every entry of this cache's tenants (in every cache namespace), and returns how many
   * it deleted; other tenants' entries on a shared store stay. It lists every entry of the store,
   * so it is an administrative operation. To empty the store for everyone, use
   * {@link LLMCache.clearAllTenants}.
   */
  async clear(): Promise<number> {
    await this.flush();
    return this.deleteWhere('clear', (key) => this.ownsKey(key));
  }

  /**
   * Deletes every entry of the store's Keyv namespace, whoever's: every tenant's, on a store
   * other clients and processes share, and entries of older key schemas. Use
   * {@link LLMCache.clear} to delete only this cache's tenants' entries.
   */
  async clearAllTenants(): Promise<void> {
    await this.flush();
    try {
      await this.keyv.clear();
    } catch (error) {
      this.storeFailed('clear', error);
      throw error;
    }
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
    return this.deleteWhere('invalidate', (key, raw) => {
      if (filter.allTenants !== true && !this.ownsKey(key)) return false;
      const entry = parseCacheEntry(raw);
      if (entry === undefined) return false;
      if (filter.namespace !== undefined && entry.namespace !== filter.namespace) return false;
      if (filter.provider !== undefined && entry.provider !== filter.provider) return false;
      if (filter.model !== undefined && entry.model !== filter.model) return false;
      if (filter.agent !== undefined && entry.agent !== filter.agent) return false;
      return olderThan === undefined || entry.createdAt < olderThan;
    });
  }

  // Lists the store's entries and deletes those `doomed` picks; resolves how many it deleted.
  private async deleteWhere(
    operation: 'clear' | 'invalidate',
    doomed: (key: string, raw: unknown) => boolean,
  ): Promise<number> {
    const iterator = this.keyv.iterator;
    if (typeof iterator !== 'function') {
      throw new Error(
        operation === 'clear'
          ? "This cache store cannot list its entries, so it cannot tell this cache's tenants' entries from others'. Use clearAllTenants() to empty it for every tenant."
          : 'This cache store cannot list its entries, so it cannot invalidate by filter.',
      );
    }
    const keys: string[] = [];
    try {
      for await (const [key, raw] of iterator.call(this.keyv, this.keyv.namespace) as AsyncIterable<
        [string, unknown]
      >) {
        if (doomed(key, raw)) keys.push(key);
      }
    } catch (error) {
      this.storeFailed('iterate', error);
      throw error;
    }
    let deleted = 0;
    for (const key of keys) if (await this.deleteKey(key)) deleted += 1;
    return deleted;
  }

  /**
   * Takes the cross-process lease on `key`, for the lease's ttl. `true` when this process should
   * ask the model: it holds the lease, or the store has no leases, or the store failed
   * (fail-open). The holder keeps it with {@link LLMCache.keepLease} while it asks.
   */
  async acquireLease(key: string): Promise<boolean> {
    const { lease } = this;
    if (lease === undefined || !this.breaker.allow()) return true;
    try {
      const acquired = await this.guard(() => lease.acquire(key, this.leaseTtlMs));
      this.storeSucceeded();
      return acquired;
    } catch (error) {
      this.storeFailed('lease', error);
      return true;
    }
  }

  /**
   * Keeps the lease on `key` while this process asks the model: renews it every third of its
   * ttl, so a call longer than the ttl keeps it, and a holder that died loses it within one ttl.
   * Returns the function that stops renewing (call it before releasing). A renewal that fails
   * (store down) is reported like any lease failure and tried again a third of a ttl later; a
   * lease found lost (it expired; another process may hold it now) is not renewed again. The
   * call goes on either way. The timer does not keep the process alive.
   */
  keepLease(key: string): () => void {
    const { lease } = this;
    if (lease === undefined) return () => {};
    const ttlMs = this.leaseTtlMs;
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const schedule = () => {
      if (stopped) return;
      timer = setTimeout(renew, Math.max(1, Math.floor(ttlMs / 3)));
      timer.unref();
    };
    const renew = () => {
      if (!this.breaker.allow()) {
        schedule();
        return;
      }
      this.guard(() => lease.renew(key, ttlMs)).then(
        (held) => {
          this.storeSucceeded();
          if (held) schedule();
        },
        (error: unknown) => {
          this.storeFailed('lease', error);
          schedule();
        },
      );
    };
    schedule();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  /** Gives the lease on `key` back (after the answer landed, or the call failed). */
  async releaseLease(key: string): Promise<void> {
    const { lease } = this;
    if (lease === undefined) return;
    await this.guard(() => lease.release(key)).catch((error: unknown) =>
      this.storeFailed('lease', error),
    );
  }

  /**
   * Waits while another process holds the lease on `key`, for its answer to land. The holder
   * renews its lease while it asks, so this waits as long as its call runs. Resolves the entry,
   * or `undefined` once the lease is gone without one (the holder failed, or died and its lease
   * expired, within one ttl) or `deadline` (a `performance.now()` time: the waiting call's own
   * time limit) has passed.
   */
  async waitForEntry(
    key: string,
    abortSignal: AbortSignal,
    deadline = Number.POSITIVE_INFINITY,
  ): Promise<CacheEntry | undefined> {
    const pollMs = (this.options.lease || undefined)?.pollMs ?? 25;
    while (performance.now() < deadline) {
      await sleep(Math.min(pollMs, deadline - performance.now()), abortSignal);
      const entry = await this.get(key);
      if (entry !== undefined) return entry;
      const held = await this.guard(() => this.lease?.isHeld(key) ?? Promise.resolve(false)).catch(
        () => false,
      );
      if (!held) return this.get(key);
    }
    return undefined;
  }

  // Short, because the holder renews it: a holder that died stalls its waiters for one ttl.
  private get leaseTtlMs(): number {
    return (this.options.lease || undefined)?.ttlMs ?? 5_000;
  }

  /**
   * Counters since the cache was created, and (memory store) the entries and bytes of this
   * cache's tenants in the store; `{ allTenants: true }` counts every tenant's.
   */
  stats(options: CacheStatsOptions = {}): CacheStats {
    const { hits, misses } = this.counters;
    const { size, bytes } = this.memorySize(options.allTenants === true);
    return {
      ...this.counters,
      size,
      bytes,
      hitRate: hits + misses === 0 ? 0 : hits / (hits + misses),
      storeSkipped: this.breaker.state === 'open',
    };
  }

  private memorySize(allTenants: boolean): { size?: number; bytes?: number } {
    const { memory } = this;
    if (memory === undefined) return {};
    if (allTenants) return { size: memory.size, bytes: memory.calculatedSize };
    let size = 0;
    let bytes = 0;
    for (const key of memory.keys()) {
      if (!this.ownsKey(key)) continue;
      size += 1;
      bytes += memory.info(key)?.size ?? 0;
    }
    return { size, bytes };
  }

  /** Counts one call's outcome. Savings are what the call would have cost upstream. */
  record(status: 'hit' | 'miss' | 'coalesced' | 'bypass' | 'refresh', saved?: SavedCall): void {
    if (status === 'hit') this.counters.hits += 1;
    else if (status === 'miss') this.counters.misses += 1;
    else if (status === 'coalesced') this.counters.coalesced += 1;
    else if (status === 'bypass') this.counters.bypassed += 1;
    else this.counters.refreshed += 1;
    if (saved !== undefined && (status === 'hit' || status === 'coalesced')) {
      this.counters.tokensSaved += saved.usage.inputTokens + saved.usage.outputTokens;
      this.counters.costSaved += costOf(
        saved.usage,
        findModelPrice(this.prices, saved.provider, saved.model),
      );
    }
  }

  /**
   * Waits until every answer on its way to the store has landed (or failed). Answers are stored
   * after they are returned, so call this before a process exits, or before reading the store
   * directly, to lose nothing.
   */
  async flush(): Promise<void> {
    while (this.pendingWrites.size > 0) await Promise.allSettled([...this.pendingWrites]);
  }

  /** Tracks a write in progress, for {@link LLMCache.flush}. */
  trackWrite(write: Promise<unknown>): void {
    this.pendingWrites.add(write);
    write.finally(() => this.pendingWrites.delete(write)).catch(() => {});
  }

  /** The cache's clock (epoch milliseconds). */
  currentTime(): number {
    return this.now();
  }

  /** Waits for pending writes, then closes the store's connections (Redis, SQLite). */
  async disconnect(): Promise<void> {
    await this.flush();
    await this.keyv.disconnect();
  }

  private guard<T>(operation: () => Promise<T>): Promise<T> {
    // The memory store cannot hang; a timer per lookup would only cost time.
    if (this.memory !== undefined) return operation();
    const timeoutMs = this.options.storeTimeoutMs ?? 50;
    if (this.starting === undefined) {
      return withTimeout(operation(), timeoutMs, this.timeoutOptions);
    }
    // The time budget is the store's, not its start's: the first operations wait for a Redis
    // store to load its client and end its first connection attempt (at most its 2 s connect
    // timeout), so that a short-lived process finds its answers.
    return this.starting.whenStarted().then(() => {
      this.starting = undefined;
      return withTimeout(operation(), timeoutMs, this.timeoutOptions);
    });
  }

  private storeSucceeded(): void {
    if (this.breaker.recordSuccess()) this.emit('event', { type: 'circuit-close' });
  }

  private storeFailed(
    operation: Extract<CacheEvent, { type: 'store-error' }>['operation'],
    error: unknown,
    count = true,
  ): void {
    if (count) this.counters.errors += 1;
    this.emit('event', { type: 'store-error', operation, error });
    if (count && this.breaker.recordFailure()) this.emit('event', { type: 'circuit-open' });
  }
}

/** What a hit or a coalesced call saved. */
export interface SavedCall {
  provider: string;
  model: string;
  usage: Usage;
}
