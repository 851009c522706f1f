import { describe, expect, it } from 'vitest';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';

describe('convertAnthropicUsage', () => {
  it('should count cache reads and writes as input, and reads as cached', () => {
    expect(
      convertAnthropicUsage({
        input_tokens: 10,
        output_tokens: 4,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 20,
      }),
    ).toEqual({
      inputTokens: 130,
      outputTokens: 4,
      cachedInputTokens: 100,
      cacheWriteInputTokens: 20,
    });
  });

  it('should report the writes that last an hour apart, from the ttl split', () => {
    expect(
      convertAnthropicUsage({
        input_tokens: 5,
        output_tokens: 1,
        cache_creation_input_tokens: 3000,
        cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 },
      }),
    ).toEqual({
      inputTokens: 3005,
      outputTokens: 1,
      cachedInputTokens: 0,
      cacheWriteInputTokens: 3000,
      cacheWrite1hInputTokens: 2000,
    });
  });

  it('should read missing counts as zero', () => {
    expect(convertAnthropicUsage({ input_tokens: 3, cache_read_input_tokens: null })).toEqual({
      inputTokens: 3,
      outputTokens: 0,
      cachedInputTokens: 0,
    });
  });
});
