import { describe, expect, it } from 'vitest';
import { convertOpenAIUsage } from './convert-openai-usage.js';

describe('convertOpenAIUsage', () => {
  it('should report cached prompt tokens, and cache writes only when there were some', () => {
    expect(
      convertOpenAIUsage({
        prompt_tokens: 2048,
        completion_tokens: 7,
        total_tokens: 2055,
        prompt_tokens_details: { cached_tokens: 1024 },
      }),
    ).toEqual({ inputTokens: 2048, outputTokens: 7, cachedInputTokens: 1024 });
    expect(
      convertOpenAIUsage({
        prompt_tokens: 3000,
        completion_tokens: 1,
        total_tokens: 3001,
        prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 2944 },
      }),
    ).toEqual({
      inputTokens: 3000,
      outputTokens: 1,
      cachedInputTokens: 0,
      cacheWriteInputTokens: 2944,
    });
  });

  it('should read the missing counts of a compatible server as zero', () => {
    expect(convertOpenAIUsage(undefined)).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      cachedInputTokens: 0,
    });
  });
});
