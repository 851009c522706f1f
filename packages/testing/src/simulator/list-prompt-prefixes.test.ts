import { describe, expect, it } from 'vitest';
import type { PromptCachePolicy } from '../wire/prompt-cache-policy.js';
import { listPromptPrefixes } from './list-prompt-prefixes.js';

function words(count: number): string {
  return Array.from({ length: count }, (_, index) => `w${index}`).join(' ');
}

const automatic: PromptCachePolicy = {
  mode: 'automatic',
  minimumTokens: 4,
  incrementTokens: 4,
  ttlMs: 1000,
  partition: '',
};

describe('listPromptPrefixes', () => {
  it('should list the automatic steps and, between them, each breakpoint', () => {
    const prefixes = listPromptPrefixes(
      [
        { key: 'a', text: words(6), breakpointTtlMs: 5000 },
        { key: 'b', text: words(3) },
      ],
      automatic,
      '',
    );
    expect(prefixes.map(({ tokens, ttlMs }) => [tokens, ttlMs])).toEqual([
      [4, 1000],
      [6, 5000],
      [8, 1000],
    ]);
  });

  it('should give a breakpoint ending on a step the longer TTL, listing it once', () => {
    const prefixes = listPromptPrefixes(
      [{ key: 'a', text: words(8), breakpointTtlMs: 5000 }],
      automatic,
      '',
    );
    expect(prefixes.map(({ tokens, ttlMs }) => [tokens, ttlMs])).toEqual([
      [4, 1000],
      [8, 5000],
    ]);
  });

  it('should list every block in breakpoints mode, only the breakpoints writable', () => {
    const prefixes = listPromptPrefixes(
      [
        { key: 'a', text: words(3) },
        { key: 'b', text: words(2), breakpointTtlMs: 5000 },
        { key: 'c', text: words(1) },
      ],
      { ...automatic, mode: 'breakpoints' },
      '',
    );
    expect(prefixes.map(({ tokens, ttlMs, writable }) => [tokens, ttlMs, writable])).toEqual([
      [3, 0, false],
      [5, 5000, true],
      [6, 0, false],
    ]);
  });
});
