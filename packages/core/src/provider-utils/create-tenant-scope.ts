import { createHash } from 'node:crypto';

/**
 * A short, stable id for an account and endpoint: the first 16 hex digits of the SHA-256 of the
 * given parts (API key, base URL, ...). The secret cannot be read back from it.
 *
 * @example
 * ```ts
 * createTenantScope([apiKey, baseURL]); // '3f9a0c5e1b7d2a44'
 * ```
 */
export function createTenantScope(parts: ReadonlyArray<string | null | undefined>): string {
  const canonical = JSON.stringify(parts.map((part) => part ?? null));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
