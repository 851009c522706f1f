import { describe, expect, it } from 'vitest';
import { estimateTokens } from './estimate-tokens.js';

describe('estimateTokens', () => {
  it('should count short words as a token each, long ones by five characters, marks apart', () => {
    expect(estimateTokens('Hello, world!')).toBe(4);
    expect(estimateTokens('internationalization')).toBe(4);
    expect(estimateTokens('   ')).toBe(0);
  });

  it('should count CJK characters one by one', () => {
    expect(estimateTokens('京都駅')).toBe(3);
  });

  it('should stay at or under a BPE count for English prose (about 0.75 words a token)', () => {
    const prose = 'The quick brown fox jumps over the lazy dog near the riverbank. '.repeat(20);
    // 13 words and a period a sentence: a BPE tokenizer gives about 14 tokens.
    expect(estimateTokens(prose)).toBeLessThanOrEqual(14 * 20);
    expect(estimateTokens(prose)).toBeGreaterThan(12 * 20);
  });
});
