import { InvalidArgumentError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { LLMCache } from '../cache/llm-cache.js';
import type { CacheControl } from './call-options.js';
import { resolveCacheControl } from './resolve-cache-control.js';

describe('resolveCacheControl', () => {
  const cache = new LLMCache();

  it.each([
    ['the string yes', 'yes'],
    ['a number', 1],
    ['null', null],
    ['an array', [{ ttl: 1 }]],
  ])('should refuse a cache control that is %s', (_what, control) => {
    let caught: unknown;
    try {
      resolveCacheControl(cache, control as unknown as CacheControl);
    } catch (error) {
      caught = error;
    }
    expect(InvalidArgumentError.isInstance(caught)).toBe(true);
    expect((caught as InvalidArgumentError).argument).toBe('cache');
    expect((caught as Error).message).toContain(
      'expected false (bypass the cache), true or an object',
    );
  });

  it('should bypass on false and use the defaults on true or nothing', () => {
    expect(resolveCacheControl(cache, false)).toBeUndefined();
    expect(resolveCacheControl(cache, true)).toMatchObject({ refresh: false, store: true });
    expect(resolveCacheControl(cache, undefined)).toMatchObject({ refresh: false, store: true });
  });
});
