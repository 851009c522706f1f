import type { Usage } from '@kagura-ts/provider';

/** The token counts of a Messages API reply (from `message`, or summed up from a stream). */
export interface AnthropicTokenCounts {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  /** The cache writes by ttl. */
  cache_creation?: {
    ephemeral_5m_input_tokens?: number;
    ephemeral_1h_input_tokens?: number;
  } | null;
}

/**
 * Converts Messages API usage. Anthropic counts cache reads and cache writes apart from
 * `input_tokens`; Kagura's `inputTokens` includes both, `cachedInputTokens` is the reads and
 * `cacheWriteInputTokens` the writes (of which `cacheWrite1hInputTokens` for an hour), the
 * latter two only when there were any.
 */
export function convertAnthropicUsage(usage: AnthropicTokenCounts | null | undefined): Usage {
  const cacheRead = usage?.cache_read_input_tokens ?? 0;
  const cacheCreation = usage?.cache_creation_input_tokens ?? 0;
  const longWrites = usage?.cache_creation?.ephemeral_1h_input_tokens ?? 0;
  return {
    inputTokens: (usage?.input_tokens ?? 0) + cacheRead + cacheCreation,
    outputTokens: usage?.output_tokens ?? 0,
    cachedInputTokens: cacheRead,
    ...(cacheCreation > 0 ? { cacheWriteInputTokens: cacheCreation } : {}),
    ...(longWrites > 0 ? { cacheWrite1hInputTokens: Math.min(longWrites, cacheCreation) } : {}),
  };
}
