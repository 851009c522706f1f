/** How a call used the cache. */
export type CacheStatus = 'hit' | 'miss' | 'bypass' | 'coalesced' | 'refresh';

/** What every response reports about the cache. */
export interface CacheInfo {
  /**
   * `'hit'`: read from the store. `'miss'`: not there, asked the model. `'coalesced'`: joined an
   * identical call in flight. `'refresh'`: skipped the read, stored the new answer. `'bypass'`:
   * the cache was off for this call.
   */
  status: CacheStatus;
  /** The cache key, when the cache was used. */
  key: string | undefined;
  /** For a hit, the entry's age in milliseconds. */
  ageMs: number | undefined;
}

/** The cache info of a call that did not use the cache. */
export const bypassedCache: CacheInfo = Object.freeze({
  status: 'bypass',
  key: undefined,
  ageMs: undefined,
});
