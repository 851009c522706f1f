import { InvalidArgumentError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { validateConcurrency } from './validate-concurrency.js';

describe('validateConcurrency', () => {
  it('should accept positive integers and Infinity', () => {
    expect([1, 4, 1000, Number.POSITIVE_INFINITY].map(validateConcurrency)).toEqual([
      1,
      4,
      1000,
      Number.POSITIVE_INFINITY,
    ]);
  });

  it.each([
    [0, 'got 0.'],
    [-2, 'got -2.'],
    [Number.NaN, 'got NaN.'],
    [1.5, 'got 1.5.'],
    [Number.NEGATIVE_INFINITY, 'got -Infinity.'],
    ['4', 'got the string "4".'],
    [null, 'got null.'],
    [true, 'got true (boolean).'],
  ])('should refuse %s with a message naming it', (value, named) => {
    let caught: unknown;
    try {
      validateConcurrency(value);
    } catch (error) {
      caught = error;
    }
    expect(InvalidArgumentError.isInstance(caught)).toBe(true);
    const error = caught as InvalidArgumentError;
    expect(error.argument).toBe('concurrency');
    expect(error.value).toBe(value);
    expect(error.message).toContain(named);
    expect(error.message).toMatch(/^Invalid concurrency: expected a positive integer or Infinity/);
  });
});
