import { createHash } from 'node:crypto';

/**
 * Serialises a value to JSON with object keys sorted at every depth, `undefined` properties
 * dropped and `null` kept, so that equal values always give equal text, whatever the order
 * their keys were written in. Binary data (`Uint8Array`) becomes its SHA-256, so large images
 * cost one hash and never sit in a key.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    // JSON has no undefined, NaN or Infinity: they become null, as JSON.stringify does in arrays.
    if (value === undefined || (typeof value === 'number' && !Number.isFinite(value)))
      return 'null';
    if (typeof value === 'bigint') return JSON.stringify(value.toString());
    return JSON.stringify(value);
  }
  if (value instanceof Uint8Array) {
    return `{"$sha256":"${createHash('sha256').update(value).digest('hex')}"}`;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const entry = record[key];
    if (entry === undefined || typeof entry === 'function' || typeof entry === 'symbol') continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(entry)}`);
  }
  return `{${parts.join(',')}}`;
}
