/**
 * What a store hands the cache in place of data that is not a cache entry at all (not JSON, not
 * a Keyv envelope, a Redis key of another type): the cache reads it as a corrupt entry, a miss
 * that it deletes, rather than as a store failure.
 */
export const corruptValue: unique symbol = Symbol('kagura.corrupt-value');

/** A Keyv envelope holding {@link corruptValue}, as a store's `get` returns one. */
export const corruptEnvelope: Readonly<{ value: typeof corruptValue }> = Object.freeze({
  value: corruptValue,
});

/** Whether `data` is a Keyv envelope (`{ value, expires? }`), the shape every Keyv store holds. */
export function isKeyvEnvelope(data: unknown): data is { value: unknown; expires?: unknown } {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && 'value' in data;
}
