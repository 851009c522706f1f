import { describe, expect, it } from 'vitest';
import { withoutUndefined } from './without-undefined.js';

describe('withoutUndefined', () => {
  it('should drop undefined fields and keep every other value, null and falsy ones included', () => {
    const value = { a: 1, b: undefined, c: null, d: 0, e: '', f: false, g: { h: undefined } };
    const result = withoutUndefined(value);
    expect(result).toEqual({ a: 1, c: null, d: 0, e: '', f: false, g: { h: undefined } });
    expect(Object.keys(result)).toEqual(['a', 'c', 'd', 'e', 'f', 'g']);
    expect(result.g).toBe(value.g);
    expect(value).toHaveProperty('b');
  });
});
