import { createHash } from 'node:crypto';

// A provider asks for its scope on every call; the inputs almost never change.
const scopes = new Map<string, string>();
const maxScopes = 256;

/**
 * A short, stable id for an account and endpoint: the first 16 hex digits of the SHA-256 of the
 * given parts (API key, base URL, ...). The secret cannot be read back from it. Results are
 * remembered per input, so asking on every call costs a lookup, not a hash.
 *
 * @example
 * ```ts
 * createTenantScope([apiKey, baseURL]); // '3f9a0c5e1b7d2a44'
 * ```
 */
export function createTenantScope(parts: ReadonlyArray<string | null | undefined>): string {
  const canonical = JSON.stringify(parts.map((part) => part ?? null));
  let scope = scopes.get(canonical);
  if (scope === undefined) {
    scope = createHash('sha256').update(canonical).digest('hex').slice(0, 16);
    if (scopes.size >= maxScopes) scopes.clear();
    scopes.set(canonical, scope);
  }
  return scope;
}
