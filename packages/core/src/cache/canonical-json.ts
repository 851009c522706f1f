import { hash } from 'node:crypto';

/**
 * Serialises a value to JSON with object keys sorted at every depth, `undefined` properties
 * dropped and `null` kept, so that equal values always give equal text, whatever the order
 * their keys were written in. Binary data (`Uint8Array`) becomes its SHA-256, so large images
 * cost one hash and never sit in a key.
 */
export function canonicalJson(value: unknown): string {
  // JSON.stringify does the walking natively; the replacer only sorts keys and hashes bytes.
  return JSON.stringify(value, sortKeys) ?? 'null';
}

/**
 * {@link canonicalJson}, and whether the value holds binary data (which the text has only as a
 * hash, so the value cannot be rebuilt from it).
 */
export function canonicalJsonOf(value: unknown): { json: string; binary: boolean } {
  let binary = false;
  const json =
    JSON.stringify(value, (key, inner: unknown) => {
      if (inner instanceof Uint8Array) binary = true;
      return sortKeys(key, inner);
    }) ?? 'null';
  return { json, binary };
}

function sortKeys(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  if (value instanceof Uint8Array)
    return { $sha256: hash('sha256', value, 'hex') };
  const record = value as Record<string, unknown>;
  // Null-prototype, so that a `__proto__` key is a key: assigned to `{}`, it set the prototype
  // and vanished from the text, and two requests differing there shared a cache key.
  const sorted: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(record).sort()) sorted[key] = record[key];
  return sorted;
}
