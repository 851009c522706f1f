import type { Usage } from '@kagura-ts/provider';
import type Keyv from 'keyv';
import { LRUCache } from 'lru-cache';
import type { CacheStatus } from '../call/cache-info.js';
import {
  costOf,
  defaultModelPrices,
  findModelPrice,
  type ModelPrice,
} from '../call/model-prices.js';
import {
  type CacheEntry,
  cacheEntryVersion,
  frozenEntry,
  isTrustedEntry,
  parseCacheEntry,
} from './cache-entry.js';
import type { CacheEvent, CacheOptions, CacheStats } from './cache-options.js';
import { createCacheTenantId, tenantIdOfCacheKey } from './cache-tenant-id.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { createKeyvStore, storesPlainJson } from './create-keyv-store.js';
import { MemoryLruStore, rememberStoredSize } from './memory-store.js';
import { RedisStore } from './redis-store.js';
import { SqliteStore } from './sqlite-store.js';
import { detectStoreCapabilities, type StoreCapabilities } from './store-capabilities.js';
import { type WithTimeoutOptions, withTimeout } from './with-timeout.js';

const oneDay = 86_400_000;

/** What is written to the store: an entry without the fields the store fills in. */
export type NewCacheEntry = Omit<CacheEntry, 'version' | 'createdAt' | 'ttl'>;

/** The store operations that can fail (and be reported as `'store-error'` events). */
export type StoreOperation = Extract<CacheEvent, { type: 'store-error' }>['operation'];

/** What a hit or a coalesced call saved. */
export interface SavedCall {
  provider: string;
  model: string;
  usage: Usage;
}

/**
 * The cache's access to its Keyv store: entries read and written within the store's time budget,
 * every failure or slow answer a miss, counted and reported, and a circuit breaker that skips a
 * failing store until it recovers. Also the cache's tenants, its counters and its clock.
 * Internal to the cache: the engine and `LLMCache` use it.
 */
export class EntryStore {
  readonly keyv: Keyv;
  readonly options: Readonly<CacheOptions>;
  readonly namespace: string;
  readonly tenant: string | undefined;
  /** The default time to live in milliseconds (`0`: no expiry). */
  readonly ttl: number;
  /** The cache's clock (epoch milliseconds). */
  readonly now: () => number;
  /** What the store can do beyond get and set (`atomic` is left out with `lease: false`). */
  readonly capabilities: StoreCapabilities;

  private readonly emit: (event: CacheEvent) => void;
  private readonly breaker: CircuitBreaker;
  /** The ids of the cache's tenants, as they appear in its keys. */
  private readonly tenantIds = new Set<string>();
  private readonly prices: Record<string, ModelPrice>;
  /** Prices found so far, by provider and model. */
  private readonly modelPrices = new Map<string, Map<string, ModelPrice | undefined>>();
  /** The memory store cannot hang: a timer per lookup would only cost time. */
  private readonly unguarded: boolean;
  /** The memory store, read at once by `getAtOnce`. */
  private readonly memory: MemoryLruStore | undefined;
  /** Kagura's SQLite store with its plain-JSON envelopes, read at once by `getAtOnce` too. */
  private readonly sqlite: SqliteStore | undefined;
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
    promptCacheReadTokens: 0,
    promptCacheWriteTokens: 0,
    promptCacheCostSaved: 0,
  };

  constructor(options: CacheOptions, emit: (event: CacheEvent) => void) {
    this.options = options;
    this.emit = emit;
    this.keyv = createKeyvStore(options.store ?? 'memory', {
      maxEntries: options.maxEntries,
      maxBytes: options.maxBytes,
      onUnreachable: (warning) => emit({ type: 'store-unreachable', ...warning }),
    });
    this.namespace = options.namespace ?? 'default';
    this.tenant = options.tenant;
    if (options.tenant !== undefined) this.addTenant(options.tenant);
    this.ttl = options.ttl ?? oneDay;
    this.now = options.now ?? Date.now;
    this.breaker = new CircuitBreaker({ now: this.now, ...options.circuitBreaker });
    this.prices = { ...defaultModelPrices, ...options.prices };
    const detected = detectStoreCapabilities(this.keyv);
    this.capabilities = options.lease === false ? { ...detected, atomic: undefined } : detected;
    const store: unknown = this.keyv.store;
    this.unguarded = store instanceof LRUCache;
    this.memory = store instanceof MemoryLruStore ? store : undefined;
    this.sqlite = store instanceof SqliteStore && storesPlainJson(this.keyv) ? store : undefined;
    this.starting = store instanceof RedisStore ? store : undefined;
    this.timeoutOptions = store instanceof RedisStore ? { activity: store } : {};
    // Keyv also reports store errors as events (e.g. a Redis connection dropping).
    this.keyv.on('error', (error: unknown) => this.failed('store', error, false));
  }

  /** Makes `tenant` (an explicit tenant or a provider scope) one of the cache's tenants. */
  addTenant(tenant: string): void {
    this.tenantIds.add(createCacheTenantId(tenant));
  }

  /** Whether `key` holds an entry of one of the cache's tenants. */
  ownsKey(key: string): boolean {
    const id = tenantIdOfCacheKey(key);
    return id !== undefined && this.tenantIds.has(id);
  }

  /** Whether the circuit breaker lets an operation through now. */
  available(): boolean {
    return this.breaker.allow();
  }

  /**
   * Runs `operation` on the store within its time budget, counting a success for the circuit
   * breaker; a failure (or running out of time) is counted, reported and rethrown.
   */
  async attempt<T>(name: StoreOperation, operation: () => Promise<T>): Promise<T> {
    try {
      const value = await this.guard(operation);
      this.succeeded();
      return value;
    } catch (error) {
      this.failed(name, error);
      throw error;
    }
  }

  /** Reads an entry. A store failure, a slow store or a corrupt entry is a miss. */
  async get(key: string): Promise<CacheEntry | undefined> {
    if (!this.breaker.allow()) return undefined;
    let raw: unknown;
    try {
      raw = await this.attempt('get', () => this.keyv.get(key));
    } catch {
      return undefined;
    }
    if (raw === undefined) return undefined;
    // Keyv reads a missing key as `undefined`; a stored `null` is not an entry (corrupt).
    const entry = parseCacheEntry(raw);
    if (entry === undefined) {
      this.emit({ type: 'corrupt-entry', key });
      if (this.ownsKey(key)) void this.delete(key);
      return undefined;
    }
    if (entry.ttl > 0 && this.now() - entry.createdAt >= entry.ttl) return undefined;
    return entry;
  }

  /**
   * An entry carried in a message (a lease holder's release, see `CrossProcessLease`), read like
   * one from the store: `undefined` when it is not a fresh entry.
   */
  readCarried(json: string): CacheEntry | undefined {
    const entry = parseCacheEntry(json);
    if (entry === undefined) return undefined;
    if (entry.ttl > 0 && this.now() - entry.createdAt >= entry.ttl) return undefined;
    return entry;
  }

  /**
   * The fresh entry in `text`, a Keyv envelope as a store holds it (read by a store operation
   * other than Keyv's `get`); `undefined` when it is expired, not an entry, or not an envelope of
   * Kagura's plain-JSON form (a read through Keyv then handles it: it deletes an expired or
   * corrupt value and reports it).
   */
  readStored(text: string): CacheEntry | undefined {
    if (!storesPlainJson(this.keyv)) return undefined;
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (typeof envelope !== 'object' || envelope === null) return undefined;
    const { expires, value } = envelope as { expires?: unknown; value?: unknown };
    if (typeof expires === 'number' && Date.now() > expires) return undefined;
    const entry = parseCacheEntry(value);
    if (entry === undefined) return undefined;
    if (entry.ttl > 0 && this.now() - entry.createdAt >= entry.ttl) return undefined;
    return entry;
  }

  /**
   * Whether the memory store has nothing under `key` (no envelope, or an expired one), known at
   * once: a miss then skips reading it again through Keyv. `false` for every other store.
   */
  isAbsentAtOnce(key: string): boolean {
    const { memory } = this;
    return memory !== undefined && !memory.has(keyvKeyOf(this.keyv, key));
  }

  /**
   * The entry under `key` of the memory store or of Kagura's SQLite store (both in this process,
   * both synchronous), read at once: no Keyv call (so no Keyv hooks or stats), no promise, no
   * timer. `undefined` for any other store, when there is no fresh entry, or when what is there
   * is not an entry (or, in memory, not one this process froze) or could not be read: `get` then
   * reads it the usual way, counting a failure and deleting a corrupt entry. For the hit path.
   */
  getAtOnce(key: string): CacheEntry | undefined {
    const { memory, sqlite } = this;
    if ((memory === undefined && sqlite === undefined) || !this.breaker.allow()) return undefined;
    const storeKey = keyvKeyOf(this.keyv, key);
    const envelope =
      memory !== undefined ? memory.getEnvelope(storeKey) : this.readSqlite(storeKey);
    if (envelope === undefined) return undefined;
    const { expires, value } = envelope;
    if (typeof expires === 'number' && Date.now() > expires) return undefined;
    const entry =
      memory !== undefined ? (isTrustedEntry(value) ? value : undefined) : parseCacheEntry(value);
    if (entry === undefined) return undefined;
    if (entry.ttl > 0 && this.now() - entry.createdAt >= entry.ttl) return undefined;
    return entry;
  }

  // Keyv's envelope in the SQLite store, read at once; `undefined` for no row, and for anything
  // that fails (the read through Keyv then counts and reports it).
  private readSqlite(storeKey: string): { expires?: unknown; value?: unknown } | undefined {
    let text: string | undefined;
    try {
      text = this.sqlite?.getNow(storeKey);
    } catch {
      return undefined;
    }
    this.succeeded();
    if (text === undefined) return undefined;
    try {
      const envelope: unknown = JSON.parse(text);
      return typeof envelope === 'object' && envelope !== null ? envelope : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Stores an entry. Resolves the entry's JSON as stored, or `undefined` (never rejects) when it
   * was not stored: too large, or the store failed.
   */
  async set(key: string, entry: NewCacheEntry, ttl: number): Promise<string | undefined> {
    const envelope: CacheEntry = {
      version: cacheEntryVersion,
      createdAt: this.now(),
      ttl,
      ...entry,
    };
    const json = JSON.stringify(envelope);
    if (json.length > (this.options.maxEntryBytes ?? 1_048_576)) return undefined;
    if (!this.breaker.allow()) return undefined;
    const { memory } = this;
    if (memory !== undefined) {
      // The memory store keeps the entry parsed and frozen (a hit neither parses nor checks it),
      // written at once in Keyv's envelope, as Keyv would write it, without Keyv's two awaits,
      // hooks and stats.
      const expires = ttl === 0 ? undefined : Date.now() + ttl;
      const value = frozenForMemory(envelope, json);
      memory.set(keyvKeyOf(this.keyv, key), { value, expires }, ttl === 0 ? undefined : ttl);
      return json;
    }
    const stored = this.unguarded ? frozenForMemory(envelope, json) : json;
    try {
      await this.attempt('set', () => this.keyv.set(key, stored, ttl === 0 ? undefined : ttl));
      return json;
    } catch {
      return undefined;
    }
  }

  /** Deletes the entry under `key`; `false` if there was none or the store failed. */
  async delete(key: string): Promise<boolean> {
    try {
      return await this.guard(() => this.keyv.delete(key));
    } catch (error) {
      this.failed('delete', error, true);
      return false;
    }
  }

  /**
   * Lists the store's entries and deletes those `doomed` picks; resolves how many it deleted.
   * A store that cannot list its entries is an error naming what to use instead.
   */
  async deleteWhere(
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
      this.failed('iterate', error);
      throw error;
    }
    let deleted = 0;
    for (const key of keys) if (await this.delete(key)) deleted += 1;
    return deleted;
  }

  /** Deletes every entry of the store's Keyv namespace; a failure is reported and rethrown. */
  async clearAll(): Promise<void> {
    try {
      await this.keyv.clear();
    } catch (error) {
      this.failed('clear', error);
      throw error;
    }
  }

  /** Counts one call's outcome. Savings are what the call would have cost upstream. */
  record(status: CacheStatus, saved?: SavedCall): void {
    if (status === 'hit') this.counters.hits += 1;
    else if (status === 'miss') this.counters.misses += 1;
    else if (status === 'coalesced') this.counters.coalesced += 1;
    else if (status === 'bypass') this.counters.bypassed += 1;
    else this.counters.refreshed += 1;
    if (saved !== undefined && (status === 'hit' || status === 'coalesced')) {
      this.counters.tokensSaved += saved.usage.inputTokens + saved.usage.outputTokens;
      this.counters.costSaved += costOf(saved.usage, this.priceOf(saved.provider, saved.model));
    }
  }

  // A model's price, looked up once per provider and model (a dated id costs a regular
  // expression to look up).
  private priceOf(provider: string, model: string): ModelPrice | undefined {
    let byModel = this.modelPrices.get(provider);
    if (byModel === undefined) {
      byModel = new Map();
      this.modelPrices.set(provider, byModel);
    }
    if (!byModel.has(model)) byModel.set(model, findModelPrice(this.prices, provider, model));
    return byModel.get(model);
  }

  /** Counts what the provider's prompt cache did for a request sent upstream. */
  recordPromptCache(usage: Usage, savedUsd: number): void {
    this.counters.promptCacheReadTokens += usage.cachedInputTokens;
    this.counters.promptCacheWriteTokens += usage.cacheWriteInputTokens ?? 0;
    this.counters.promptCacheCostSaved += savedUsd;
  }

  /** The counters, and the entries of the cache's tenants (every tenant's with `allTenants`). */
  stats(allTenants: boolean): CacheStats {
    const { hits, misses } = this.counters;
    const count = this.capabilities.countEntries?.(
      allTenants ? undefined : (key) => this.ownsKey(key),
    );
    return {
      ...this.counters,
      size: count?.entries,
      bytes: count?.bytes,
      hitRate: hits + misses === 0 ? 0 : hits / (hits + misses),
      storeSkipped: this.breaker.state === 'open',
    };
  }

  /** Closes the store's connections (Redis, SQLite). */
  disconnect(): Promise<void> {
    return this.keyv.disconnect();
  }

  /** Reports a store failure; `count` also counts it and tells the circuit breaker. */
  failed(operation: StoreOperation, error: unknown, count = true): void {
    if (count) this.counters.errors += 1;
    this.emit({ type: 'store-error', operation, error });
    if (count && this.breaker.recordFailure()) this.emit({ type: 'circuit-open' });
  }

  private succeeded(): void {
    if (this.breaker.recordSuccess()) this.emit({ type: 'circuit-close' });
  }

  private guard<T>(operation: () => Promise<T>): Promise<T> {
    if (this.unguarded) return operation();
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
}

function frozenForMemory(envelope: CacheEntry, json: string): CacheEntry {
  const entry = frozenEntry(envelope);
  rememberStoredSize(entry, json.length);
  return entry;
}

// The key Keyv gives the store for `key` (its `_getKeyPrefix`, which is not public).
function keyvKeyOf(keyv: Keyv, key: string): string {
  const { namespace } = keyv;
  if (!keyv.useKeyPrefix || !namespace) return key;
  // Already `namespace:…` (checked without making that string on every read; 58 is ':').
  if (key.startsWith(namespace) && key.charCodeAt(namespace.length) === 58) return key;
  return `${namespace}:${key}`;
}
