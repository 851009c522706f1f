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
});
