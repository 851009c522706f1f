import { createHash } from 'node:crypto';

// Remembered per tenant: the client asks on every call, and tenants almost never change.
const ids = new Map<string, string>();
const maxIds = 256;

/**
 * The id a tenant's entries carry in their store keys: the first 16 hex digits of a SHA-256 of
 * the tenant. A provider scope is a hash already and an explicit tenant may name a customer;
 * neither is written to the store as is.
 *
 * @example
 * ```ts
 * createCacheTenantId('acme'); // '5d1e0c3b9a4f7e21'
 * ```
 */
export function createCacheTenantId(tenant: string): string {
  let id = ids.get(tenant);
  if (id === undefined) {
    id = createHash('sha256').update(`kagura-tenant\0${tenant}`).digest('hex').slice(0, 16);
    if (ids.size >= maxIds) ids.clear();
    ids.set(tenant, id);
  }
  return id;
}

// `kagura:v2:<tenant id>:<digest>`. Store listings may add a prefix (a Keyv namespace) or drop
// one (Keyv's iterator strips `kagura:` from a key that began with its namespace `kagura`).
const tenantKeyPattern = /(?:^|:)v\d+:([0-9a-f]{16}):[0-9a-f]{64}$/;

/**
 * The tenant id in a cache key, or `undefined` for a key that carries none (a key of schema
 * version 1, or one not made by `createCacheKey`).
 */
export function tenantIdOfCacheKey(key: string): string | undefined {
  return tenantKeyPattern.exec(key)?.[1];
}
