import { InvalidArgumentError } from '@kagura-ts/provider';
import { Keyv } from 'keyv';
import { LRUCache } from 'lru-cache';
import { corruptEnvelope, isKeyvEnvelope } from './corrupt-value.js';

/** Bounds of the memory store. */
export interface MemoryStoreBounds {
  /** The most entries. @default 10_000 */
  maxEntries?: number | undefined;
  /** The most bytes (UTF-16 code units of keys and stored strings). @default 67_108_864 */
  maxBytes?: number | undefined;
}

/** The entry Keyv keeps in the memory store: its envelope, unserialized. */
interface MemoryEntry {
  value?: unknown;
  expires?: number | undefined;
}

/**
 * A Keyv over a true LRU in this process (a read refreshes recency), bounded by entries and
 * bytes, with TTLs and an iterator (for `invalidate`).
 */
export function createMemoryKeyv(namespace: string, options: MemoryStoreBounds): Keyv {
  const cache = new MemoryLruStore({
    max: positiveInteger('cache.maxEntries', options.maxEntries ?? 10_000),
    maxSize: positiveInteger('cache.maxBytes', options.maxBytes ?? 64 * 1024 * 1024),
    sizeCalculation: (entry, key) => Math.max(1, key.length + sizeOf(entry.value)),
    // Keyv's clock, so that lru-cache's TTLs agree with Keyv's `expires`.
    perf: { now: () => Date.now() },
  });
  // Without serializers Keyv keeps its `{ value, expires }` envelope as is: no JSON round trip.
  const keyv = new Keyv({ store: cache, namespace, serialize: undefined, deserialize: undefined });
  // Keyv lists only Maps and adapters of known dialects; an LRUCache is neither.
  keyv.iterator = keyv.generateIterator((prefix: string | undefined) => cache.iterator(prefix));
  return keyv;
}

/**
 * An LRUCache that Keyv can use as its store. Keyv passes the TTL to `set` as a number of
 * milliseconds, but lru-cache 11 takes an options object there (and throws on a number), so the
 * number becomes lru-cache's own per-entry TTL, which `has` then honours too.
 */
export class MemoryLruStore extends LRUCache<string, MemoryEntry> {
  /** Set by Keyv. */
  namespace?: string | undefined;

  override set(
    key: string,
    value: MemoryEntry,
    options?: number | LRUCache.SetOptions<string, MemoryEntry, unknown>,
  ): this {
    return super.set(key, value, typeof options === 'number' ? { ttl: options } : options);
  }

  /**
   * The entry under `key`. Anything else found there (written around Keyv) is handed over as a
   * corrupt value, so that the cache deletes it, instead of reading as an empty key forever.
   */
  override get(
    key: string,
    options?: LRUCache.GetOptions<string, MemoryEntry, unknown>,
  ): MemoryEntry | undefined {
    const entry: unknown = super.get(key, options);
    if (entry === undefined || isKeyvEnvelope(entry)) return entry as MemoryEntry | undefined;
    return corruptEnvelope;
  }

  /**
   * Keyv's envelope under `key` (its full, prefixed key), as `get` finds it (refreshing its
   * recency), or `undefined` when there is none or it is not an envelope.
   */
  getEnvelope(key: string): MemoryEntry | undefined {
    const entry: unknown = super.get(key);
    return entry !== undefined && isKeyvEnvelope(entry) ? (entry as MemoryEntry) : undefined;
  }

  /** Yields `[key, entry]` for the keys that start with `prefix:`, without touching recency. */
  async *iterator(prefix?: string): AsyncGenerator<[string, MemoryEntry], void> {
    for (const key of [...this.keys()]) {
      if (prefix !== undefined && !key.startsWith(`${prefix}:`)) continue;
      const entry = this.peek(key);
      if (entry !== undefined) yield [key, entry];
    }
  }
}

/** The stored sizes of values kept parsed (see {@link rememberStoredSize}). */
const storedSizes = new WeakMap<object, number>();

/**
 * Records that `value`, kept parsed in the memory store, stands for a stored string of `length`
 * code units, so that the store's size bound counts it as that string without serialising it.
 */
export function rememberStoredSize(value: object, length: number): void {
  storedSizes.set(value, length);
}

function sizeOf(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'object' && value !== null) {
    const known = storedSizes.get(value);
    if (known !== undefined) return known;
  }
  return JSON.stringify(value)?.length ?? 0;
}

function positiveInteger(argument: string, value: number): number {
  if (Number.isSafeInteger(value) && value > 0) return value;
  throw new InvalidArgumentError({
    argument,
    value,
    message: `${value} is not a positive integer. Give a bound such as 10000, or leave it out for the default.`,
  });
}
