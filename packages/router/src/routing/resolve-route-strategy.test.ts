import { InvalidArgumentError } from '@kagura-ts/core';
import { describe, expect, it } from 'vitest';
import { resolveRouteStrategy } from './resolve-route-strategy.js';
import type { RouteStrategy } from './route-strategy.js';

describe('resolveRouteStrategy', () => {
  it('should resolve the shorthands to the built-in strategies', () => {
    expect(resolveRouteStrategy('keyword').name).toBe('keyword');
    expect(resolveRouteStrategy('llm').name).toBe('llm');
  });

  it('should return a strategy object as it is', () => {
    const own: RouteStrategy = { name: 'own', decide: () => undefined };
    expect(resolveRouteStrategy(own)).toBe(own);
  });

  it.each([
    ['fast', "'fast' is not a strategy."],
    [42, '42 is not a strategy.'],
    [null, 'null is not a strategy.'],
    [() => undefined, 'A function is not a strategy.'],
    [{ name: 'half' }, 'the strategy object has no decide(query, context) method.'],
    [{ name: '', decide: () => undefined }, 'the strategy object has no name.'],
  ])('should refuse %s, saying what is wrong', (value, message) => {
    const attempt = () => resolveRouteStrategy(value as never);
    expect(attempt).toThrow(InvalidArgumentError);
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(expect.objectContaining({ argument: 'strategy', value }));
  });
});
