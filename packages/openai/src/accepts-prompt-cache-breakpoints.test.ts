import { describe, expect, it } from 'vitest';
import { acceptsPromptCacheBreakpoints } from './accepts-prompt-cache-breakpoints.js';

describe('acceptsPromptCacheBreakpoints', () => {
  it.each([
    'gpt-5.6',
    'gpt-5.6-mini',
    'gpt-5.6-pro',
    'gpt-5.6-2026-09-01',
    'gpt-5.7',
    'gpt-5.10',
    'gpt-6',
    'gpt-6.1-nano',
    'ft:gpt-5.6-mini:acme::abc123',
  ])('should take breakpoints for %s', (modelId) => {
    expect(acceptsPromptCacheBreakpoints(modelId)).toBe(true);
  });

  it.each([
    'gpt-4o',
    'gpt-4o-mini',
    'gpt-4.1',
    'gpt-4.1-nano',
    'gpt-5',
    'gpt-5-mini',
    'gpt-5.5',
    'gpt-5.5-pro',
    'gpt-oss-120b',
    'o3',
    'o4-mini',
    'chatgpt-4o-latest',
    'gpt-5.6o',
    'qwen3:8b',
  ])('should take none for %s', (modelId) => {
    expect(acceptsPromptCacheBreakpoints(modelId)).toBe(false);
  });
});
