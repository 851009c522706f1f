import { describe, expect, it } from 'vitest';
import { createRng } from '../util/create-rng.js';
import { countTokens, splitTokens } from './count-tokens.js';
import { generateText, generateWords } from './generate-text.js';

describe('generateText', () => {
  it('should produce exactly the requested number of tokens', () => {
    for (const count of [0, 1, 2, 7, 24, 100]) {
      const tokens = generateText(createRng(count), count);
      expect(tokens).toHaveLength(count);
      expect(countTokens(tokens.join(''))).toBe(count);
    }
  });

  it('should return tokens that the tokenizer splits the same way', () => {
    const tokens = generateText(createRng(5), 40);
    expect(splitTokens(tokens.join(''))).toEqual(tokens);
  });

  it('should read like sentences: capitalized and ending with a period', () => {
    for (let count = 2; count < 80; count++) {
      for (const seed of [1, 2, 3]) {
        const text = generateText(createRng(seed), count).join('');
        expect(text).toMatch(/^[A-Z][a-z]*[ .]/);
        expect(text.endsWith('.'), text).toBe(true);
        expect(text).not.toMatch(/\. [a-z]|,\.|\.\./);
      }
    }
  });

  it('should be deterministic for a seed', () => {
    expect(generateText(createRng(11), 20)).toEqual(generateText(createRng(11), 20));
    expect(generateText(createRng(11), 20)).not.toEqual(generateText(createRng(12), 20));
  });
});

describe('generateWords', () => {
  it('should produce the requested number of lowercase words', () => {
    const words = generateWords(createRng(1), 4).split(' ');
    expect(words).toHaveLength(4);
    for (const word of words) expect(word).toMatch(/^[a-z]+$/);
  });
});
