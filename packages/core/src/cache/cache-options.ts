import type Keyv from 'keyv';
import type { ModelPrice } from '../call/model-prices.js';
import type { CircuitBreakerOptions } from './circuit-breaker.js';

/** Where cached answers live: a Keyv instance, or a shorthand. */
export type CacheStore =
  | Keyv
  | 'memory'
  | `sqlite:${string}`
  | `redis://${string}`
  | `rediss://${string}`;

/** How a cache hit on a stream call is replayed. */
export type ReplayMode = 'instant' | 'original' | { tokensPerSecond: number };

/** A call's cache controls with the cache's defaults filled in. */
export interface ResolvedCacheControl {
  ttl: number;
  namespace: string;
  refresh: boolean;
  store: boolean;
  replay: ReplayMode;
}

/** Options of the response cache (`createClient({ cache })`). */
export interface CacheOptions {
  /**
   * Where answers are stored: `'memory'` (an LRU in this process), `'sqlite:path/to/cache.db'`
   * (an embedded on-disk store that persists between runs and can be shared by processes on
   * one machine), `'redis://host:port'` (shared by many processes and machines), or any Keyv
   * instance. Kagura sets `throwOnErrors` on it so that store failures are seen (and counted);
   * they never fail a call.
   * @default 'memory'
   */
  store?: CacheStore;
  /**
   * How long an answer stays, in milliseconds. `0` means no expiry.
   * @default 86_400_000 (one day)
   */
  ttl?: number;
  /** The memory store's bound on entries. @default 10_000 */
  maxEntries?: number;
  /** The memory store's bound on size, in bytes (UTF-16 code units of the stored JSON). @default 67_108_864 (64 MiB) */
  maxBytes?: number;
  /** The largest answer stored, in bytes of JSON; larger ones are not cached. @default 1_048_576 (1 MiB) */
  maxEntryBytes?: number;
  /** The default namespace: entries in different namespaces never mix. @default 'default' */
  namespace?: string;
  /**
   * Who may share answers. By default each provider's scope (a hash of its API key and base
   * URL), so two accounts never share an entry. Set it to separate your own tenants on one key.
   * It is also the scope of `invalidate`, `clear`, `delete` and `stats`: with it set they cover
   * only this tenant's entries; without it, those of the providers' scopes (see `LLMCache`).
   * Only a hash of it is written to the store.
   */
  tenant?: string;
  /** Cache answers cut short by `maxTokens` (finish reason `'length'`). @default false */
  cacheTruncated?: boolean;
  /**
   * The time budget of one store operation in milliseconds; a slower store is treated as a
   * miss. Not applied to the memory store, which cannot hang. Above 0 and at most 2^31-1
   * (Node clamps a longer timer to 1 ms); anything else is an `InvalidArgumentError`.
   * @default 50
   */
  storeTimeoutMs?: number;
  /** When to stop asking a failing store, and when to try it again. */
  circuitBreaker?: CircuitBreakerOptions;
  /** How a hit on a stream call is replayed. @default 'instant' */
  replay?: ReplayMode;
  /**
   * Cross-process coalescing through a shared store that declares atomic operations (Redis; see
   * `StoreCapabilities`): the ttl of the lease a process takes on a key while it asks the model
   * (it renews the lease every third of the ttl while its call runs, so a call may take longer;
   * a process that died loses it within one ttl), and how often the others look for its answer
   * (with a store that also declares notifications, they are woken by the holder's release and
   * look every `max(pollMs, 250)` ms only as a fallback). `false` turns it off. Ignored for stores without atomic operations.
   * @default { ttlMs: 5_000, pollMs: 25 }
   */
  lease?: { ttlMs?: number; pollMs?: number } | false;
  /** Prices per million tokens, by model id or `provider:model`, over the built-in table. */
  prices?: Record<string, ModelPrice>;
  /** The clock, for entry ages and the circuit breaker. @default Date.now */
  now?: () => number;
}

/** What `invalidate` deletes: entries matching every given field. */
export interface InvalidateFilter {
  /** Entries of this namespace. */
  namespace?: string;
  /** Entries of this provider. */
  provider?: string;
  /** Entries of this model id. */
  model?: string;
  /** Entries stored by this agent. */
  agent?: string;
  /** Entries stored before this time (a `Date` or epoch milliseconds). */
  olderThan?: Date | number;
  /**
   * Match every tenant's entries on the store, not only this cache's tenants' (see `LLMCache`),
   * and entries of older key schemas, which carry no tenant. On a store that other clients,
   * processes or customers share, this deletes their entries too.
   * @default false
   */
  allTenants?: boolean;
}

/** What `stats` counts. */
export interface CacheStatsOptions {
  /**
   * Count every tenant's entries in `size` and `bytes`, not only this cache's tenants'.
   * @default false
   */
  allTenants?: boolean;
}

/** Counters of a cache since it was created. */
export interface CacheStats {
  /**
   * Entries of this cache's tenants in the store (every tenant's with `{ allTenants: true }`),
   * where the store can tell (the memory store can).
   */
  size: number | undefined;
  /** Bytes of those entries, where the store can tell. */
  bytes: number | undefined;
  /** Calls answered from the store. */
  hits: number;
  /** Calls that looked in the store, found nothing, and went upstream. */
  misses: number;
  /** `hits / (hits + misses)`, or 0 before any lookup. */
  hitRate: number;
  /** Calls that joined an identical call in flight instead of sending their own. */
  coalesced: number;
  /** Calls made with `cache: false`. */
  bypassed: number;
  /** Calls made with `refresh: true`. */
  refreshed: number;
  /** Store operations that failed or ran out of time (each counted as a miss, never a failure). */
  errors: number;
  /** Whether the circuit breaker currently skips the store. */
  storeSkipped: boolean;
  /** Input and output tokens that hits and coalesced calls did not spend. */
  tokensSaved: number;
  /** What those tokens would have cost, in US dollars, at the price table's rates. */
  costSaved: number;
  /**
   * Prompt tokens that requests sent upstream by this cache's clients read from the provider's
   * prompt cache (the prefix cache; `Client.promptCacheStats()` has them per agent).
   */
  promptCacheReadTokens: number;
  /** Prompt tokens those requests wrote to the provider's prompt cache. */
  promptCacheWriteTokens: number;
  /**
   * What the provider's prompt cache saved those requests, in US dollars: read discounts less
   * write premiums (negative while it only writes).
   */
  promptCacheCostSaved: number;
}

/** Something the cache reports: store failures, a store unreachable at start, circuit changes. */
export type CacheEvent =
  | {
      type: 'store-error';
      /** The operation that failed; `'store'` for a failure the store reported by itself. */
      operation: 'get' | 'set' | 'delete' | 'clear' | 'iterate' | 'lease' | 'store';
      error: unknown;
    }
  | {
      /**
       * A warning, once: the store could not be reached at start (Redis: calls go to the
       * provider uncached until it can; it keeps retrying in the background) or opened (an
       * SQLite file that is corrupt, not a database, or under a path that cannot be a
       * directory: every call is a miss until the process restarts with a good file; emitted
       * just after the cache is created). The same line is written to stderr.
       */
      type: 'store-unreachable';
      /** The store's URL (`redis://...` with its credentials masked, or `sqlite:path`). */
      store: string;
      /**
       * The warning, e.g. `kagura: cannot reach Redis at redis://cache:6379 (...); ...` or
       * `kagura: cannot open the SQLite cache at sqlite:cache.db (file is not a database); ...`.
       */
      message: string;
      /** Why the first connection attempt, or opening the file, failed. */
      error: unknown;
    }
  | { type: 'circuit-open' }
  | { type: 'circuit-close' }
  | {
      /**
       * What is stored under `key` is not a cache entry (not JSON, not an envelope of this
       * version, a Redis key of another type): a miss, and it is deleted. Not a store failure:
       * it does not count in `errors` nor trip the circuit breaker.
       */
      type: 'corrupt-entry';
      key: string;
    };
