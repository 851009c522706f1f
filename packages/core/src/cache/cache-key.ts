import { hash } from 'node:crypto';
import type { ModelRequest } from '@kagura-ts/provider';
import { createCacheTenantId } from './cache-tenant-id.js';
import { canonicalJson } from './canonical-json.js';

/**
 * The version of the key derivation. Bump it whenever what goes into a key changes, so that old
 * entries are never read under new rules. Version 2 put the tenant's id in the key, so that
 * administrative operations can tell whose an entry is; version 1 entries are misses.
 */
export const cacheKeySchemaVersion = 2;

/** Everything that identifies one cached answer. */
export interface CacheKeyInput {
  /** The provider's name, e.g. `'openai'`. */
  provider: string;
  /** The resolved model id, e.g. `'gpt-4o-mini'`. */
  model: string;
  /**
   * Who may share the answer: an explicit tenant, or the provider's scope (a hash of its API key
   * and base URL). Two tenants never share an entry.
   */
  tenant: string;
  /** The cache namespace. */
  namespace: string;
  /** The normalised request: messages, sampling settings, response format, tools, options. */
  request: ModelRequest;
  /**
   * `canonicalJson(request)`, when the caller has it already (the client makes it once per
   * call, as the request's snapshot): the request is then not walked again.
   */
  requestJson?: string;
}

/**
 * Derives a cache key: `kagura:v2:<tenant id>:<digest>`, where the tenant id is
 * {@link createCacheTenantId} of the tenant (so that `invalidate`, `clear` and `stats` can keep
 * to one tenant's entries) and the digest is the SHA-256 of the canonical JSON of the key schema
 * version, provider, model, tenant, namespace and the whole normalised request. Nothing that
 * does not change the answer (abort signals, headers, timeouts, retry settings, secrets) is in a
 * `ModelRequest`.
 *
 * @example
 * ```ts
 * createCacheKey({ provider: 'openai', model: 'gpt-4o-mini', tenant, namespace: 'default', request });
 * // 'kagura:v2:5d1e0c3b9a4f7e21:3f9a…' (16, then 64 hex digits)
 * ```
 */
export function createCacheKey(input: CacheKeyInput): string {
  return cacheKeyIn(cacheKeyFrame(input), input.requestJson ?? canonicalJson(input.request));
}

/** What a cache key holds besides its request, made once for many keys ({@link cacheKeyFrame}). */
export interface CacheKeyFrame {
  /** The tenant it was made for. */
  readonly tenant: string;
  /** The material before the request's canonical JSON. */
  readonly open: string;
  /** The material after it. */
  readonly close: string;
  /** The key before its digest: `kagura:v2:<tenant id>:`. */
  readonly prefix: string;
}

/** The parts of {@link createCacheKey}'s keys that do not depend on the request. */
export function cacheKeyFrame(
  input: Omit<CacheKeyInput, 'request' | 'requestJson'>,
): CacheKeyFrame {
  // canonicalJson of { version, provider, model, tenant, namespace, request }, written out in
  // its sorted key order around the request's own canonical JSON.
  return {
    tenant: input.tenant,
    open:
      `{"model":${JSON.stringify(input.model)},"namespace":${JSON.stringify(input.namespace)},` +
      `"provider":${JSON.stringify(input.provider)},"request":`,
    close: `,"tenant":${JSON.stringify(input.tenant)},"version":${cacheKeySchemaVersion}}`,
    prefix: `kagura:v${cacheKeySchemaVersion}:${createCacheTenantId(input.tenant)}:`,
  };
}

/** The key of the request whose canonical JSON is `requestJson`, in `frame`. */
export function cacheKeyIn(frame: CacheKeyFrame, requestJson: string): string {
  // The one-shot hash: half the time of a Hash object for a key's few hundred bytes.
  return frame.prefix + hash('sha256', frame.open + requestJson + frame.close, 'hex');
}
