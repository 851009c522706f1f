/**
 * The key-value store behind the Vercel AI SDK caching recipe ("any KV storage provider you
 * would like"): a `Map`, a file, or Redis.
 */
export interface KeyValueStore {
  /** The value under `key`, or `null`. */
  get(key: string): Promise<unknown>;
  /** Stores `value` under `key`. */
  set(key: string, value: unknown): Promise<void>;
  /** Closes files and connections. */
  close(): Promise<void>;
}

/**
 * A `Map` in this process: values are kept as the objects given, with no serialisation (the
 * in-memory variant of the recipe).
 */
export function createMapStore(map = new Map<string, unknown>()): KeyValueStore & {
  map: Map<string, unknown>;
} {
  return {
    map,
    async get(key) {
      return map.get(key) ?? null;
    },
    async set(key, value) {
      map.set(key, value);
    },
    async close() {},
  };
}
