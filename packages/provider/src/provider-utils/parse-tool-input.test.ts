import { describe, expect, it } from 'vitest';
import { parseToolInput } from './parse-tool-input.js';

describe('parseToolInput', () => {
  it('should parse JSON arguments', () => {
    expect(parseToolInput('{"city":"Paris"}')).toEqual({ city: 'Paris' });
  });

  it('should keep unparsable arguments as the raw string', () => {
    expect(parseToolInput('{"city": "Par')).toBe('{"city": "Par');
  });

  it('should read empty arguments as an empty object', () => {
    expect(parseToolInput('')).toEqual({});
    expect(parseToolInput('  ')).toEqual({});
  });

  it('should drop "__proto__" members at every depth, keeping the rest', () => {
    const input = parseToolInput(
      '{"__proto__":{"isAdmin":true},"city":"Paris","nested":{"__proto__":{"x":1},"a":[{"__proto__":{"y":2},"b":1}]},"constructor":"kept"}',
    ) as Record<string, unknown>;
    expect(Object.hasOwn(input, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    expect(input).toEqual({ city: 'Paris', nested: { a: [{ b: 1 }] }, constructor: 'kept' });
    const copy = Object.assign({}, input) as Record<string, unknown>;
    expect(copy.isAdmin).toBeUndefined();
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });
});
