import { InvalidArgumentError } from '@kagura-ts/provider';
import type { CacheOptions } from './cache-options.js';

// Node clamps a timer above 2^31-1 ms to 1 ms: every store operation would then time out.
const maxTimerMs = 2 ** 31 - 1;

/** Checks the cache's numeric settings when the cache is created, naming the bad one. */
export function validateCacheOptions(options: CacheOptions): void {
  const { storeTimeoutMs, ttl } = options;
  if (
    storeTimeoutMs !== undefined &&
    (typeof storeTimeoutMs !== 'number' ||
      !Number.isFinite(storeTimeoutMs) ||
      storeTimeoutMs <= 0 ||
      storeTimeoutMs > maxTimerMs)
  ) {
    throw new InvalidArgumentError({
      argument: 'cache.storeTimeoutMs',
      value: storeTimeoutMs,
      message:
        `expected milliseconds above 0 and at most ${maxTimerMs}, got ${String(storeTimeoutMs)} ` +
        '(Node would clamp a longer timer to 1 ms, turning every store operation into a miss).',
    });
  }
  if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl < 0)) {
    throw new InvalidArgumentError({
      argument: 'cache.ttl',
      value: ttl,
      message: `expected milliseconds, 0 or more (0 means no expiry), got ${String(ttl)}.`,
    });
  }
}
