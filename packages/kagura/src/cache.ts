// The `kagura-ts/cache` entry: the response cache as an object (to share one between clients,
// or to administer it), its stores, and what a store of your own declares.
export type {
  AtomicStoreOperations,
  CacheEvent,
  CacheOptions,
  CacheStats,
  CacheStatsOptions,
  CacheStore,
  CircuitBreakerOptions,
  CreateKeyvStoreOptions,
  EntryCount,
  InvalidateFilter,
  ReplayMode,
  SqliteStoreOptions,
  StoreCapabilities,
  StoreNotifications,
} from '@kagura-ts/core';
export {
  createKeyvStore,
  detectStoreCapabilities,
  LLMCache,
  SqliteStore,
  storeCapabilities,
} from '@kagura-ts/core';
