import { describe, expect, it } from 'vitest';
import { countTokens, splitTokens } from './count-tokens.js';

describe('countTokens', () => {
  it('should count words and punctuation marks as tokens', () => {
    expect(countTokens('Hello, world!')).toBe(4);
  });

  it('should count nothing for an empty string', () => {
    expect(countTokens('')).toBe(0);
  });

  it('should not count trailing whitespace as a token', () => {
    expect(countTokens('one two  \n')).toBe(2);
  });

  it('should always equal the number of tokens splitTokens returns', () => {
    for (const text of ['', ' ', 'a', '  lead', '{"a":[1,2]}', 'naïve café — ok', 'x \n\t y. ']) {
      expect(countTokens(text)).toBe(splitTokens(text).length);
    }
  });
});

describe('splitTokens', () => {
  it('should attach leading whitespace to the following token', () => {
    expect(splitTokens('Hello, world!')).toEqual(['Hello', ',', ' world', '!']);
  });

  it('should give back the exact text when the tokens are joined', () => {
    const text = '  {"name": "Ada", "born": 1815}\n and more  ';
    expect(splitTokens(text).join('')).toBe(text);
  });

  it('should keep non-ASCII letters inside words', () => {
    expect(splitTokens('café au lait')).toEqual(['café', ' au', ' lait']);
  });
});
