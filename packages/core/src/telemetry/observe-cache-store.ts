import type { CacheEvent } from '../cache/cache-options.js';
import { createDebugLog } from './debug-log.js';
import { instruments } from './instruments.js';

/** What {@link observeCacheStore} listens to: an `LLMCache`. */
interface CacheEvents {
  on(name: 'event', listener: (event: CacheEvent) => void): unknown;
}

const observed = new WeakSet<CacheEvents>();

/**
 * Counts a cache's store failures in the `kagura.cache.store_errors` metric, and writes its
 * store events to the debug log (`DEBUG=kagura:store`). Once per cache, however many clients
 * share it: both are the process's, not a client's.
 */
export function observeCacheStore(cache: CacheEvents): void {
  if (observed.has(cache)) return;
  observed.add(cache);
  const debug = createDebugLog();
  cache.on('event', (event) => {
    if (event.type === 'store-error') {
      instruments().storeErrors.add(1, { 'kagura.cache.operation': event.operation });
    }
    debug?.('store', describeCacheEvent(event));
  });
}

function describeCacheEvent(event: CacheEvent): string {
  switch (event.type) {
    case 'store-error': {
      const { error } = event;
      return `${event.operation} failed, read as a miss: ${error instanceof Error ? error.message : String(error)}`;
    }
    case 'store-unreachable':
      return `store unreachable: ${event.message}`;
    case 'corrupt-entry':
      return `corrupt entry deleted: ${event.key}`;
    case 'circuit-open':
      return 'circuit open: the store is skipped for a while';
    case 'circuit-close':
      return 'circuit closed: the store answers again';
  }
}
