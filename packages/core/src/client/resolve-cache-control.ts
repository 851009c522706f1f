import { InvalidArgumentError } from '@kagura-ts/provider';
import type { ResolvedCacheControl } from '../cache/cache-options.js';
import type { LLMCache } from '../cache/llm-cache.js';
import type { CacheControl } from './call-options.js';

// A call that sets no cache controls (`undefined` or `true`): the cache's defaults throughout.
const noControls: Exclude<CacheControl, boolean> = Object.freeze({});

/**
 * Combines a call's cache controls with the cache's defaults; `undefined` means the call
 * bypasses the cache. Bad values are an `InvalidArgumentError` before any request.
 */
export function resolveCacheControl(
  cache: LLMCache,
  control: CacheControl | undefined,
): ResolvedCacheControl | undefined {
  if (control === false) return undefined;
  if (
    control !== undefined &&
    control !== true &&
    (typeof control !== 'object' || control === null || Array.isArray(control))
  ) {
    throw new InvalidArgumentError({
      argument: 'cache',
      value: control,
      message:
        `expected false (bypass the cache), true or an object of cache controls such as ` +
        `{ ttl: 60_000 }, got ${typeof control === 'string' ? `the string '${control}'` : String(control)}.`,
    });
  }
  const given = typeof control === 'object' && control !== null ? control : noControls;
  const ttl = given.ttl ?? cache.ttl;
  if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl < 0) {
    throw new InvalidArgumentError({
      argument: 'cache.ttl',
      value: ttl,
      message: `expected milliseconds, 0 or more (0 means no expiry), got ${String(ttl)}.`,
    });
  }
  const namespace = given.namespace ?? cache.namespace;
  if (typeof namespace !== 'string' || namespace === '') {
    throw new InvalidArgumentError({
      argument: 'cache.namespace',
      value: namespace,
      message: 'expected a non-empty string.',
    });
  }
  const replay = given.replay ?? cache.options.replay ?? 'instant';
  if (typeof replay === 'object' && !(replay.tokensPerSecond > 0)) {
    throw new InvalidArgumentError({
      argument: 'cache.replay.tokensPerSecond',
      value: replay.tokensPerSecond,
      message: 'expected a positive number.',
    });
  }
  return { ttl, namespace, refresh: given.refresh === true, store: given.store !== false, replay };
}
