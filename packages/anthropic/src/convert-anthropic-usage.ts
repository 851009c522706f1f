import type { Usage } from '@kagura-ts/provider';

/** The token counts of a Messages API reply (from `message`, or summed up from a stream). */
export interface AnthropicTokenCounts {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

/**
 * Converts Messages API usage. Anthropic counts cache reads and cache writes apart from
 * `input_tokens`; Kagura's `inputTokens` includes both, and `cachedInputTokens` is the reads.
 */
export function convertAnthropicUsage(usage: AnthropicTokenCounts | null | undefined): Usage {
  const cacheRead = usage?.cache_read_input_tokens ?? 0;
  const cacheCreation = usage?.cache_creation_input_tokens ?? 0;
  return {
    inputTokens: (usage?.input_tokens ?? 0) + cacheRead + cacheCreation,
    outputTokens: usage?.output_tokens ?? 0,
    cachedInputTokens: cacheRead,
  };
}
