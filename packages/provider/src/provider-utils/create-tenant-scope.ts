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
  // The same parts as the last call's (the usual case: one provider asking on every call): no
  // JSON, no lookup.
  if (last !== undefined && sameParts(parts, last.parts)) return last.scope;
  const canonical = JSON.stringify(parts.map((part) => part ?? null));
  let scope = scopes.get(canonical);
  if (scope === undefined) {
    scope = createHash('sha256').update(canonical).digest('hex').slice(0, 16);
    if (scopes.size >= maxScopes) scopes.clear();
    scopes.set(canonical, scope);
  }
  last = { parts: [...parts], scope };
  return scope;
}

let last: { parts: ReadonlyArray<string | null | undefined>; scope: string } | undefined;

function sameParts(
  parts: ReadonlyArray<string | null | undefined>,
  other: ReadonlyArray<string | null | undefined>,
): boolean {
  if (parts.length !== other.length) return false;
  for (let index = 0; index < parts.length; index += 1) {
    // null and undefined are one part (both written as null).
    if ((parts[index] ?? null) !== (other[index] ?? null)) return false;
  }
  return true;
}
