import type { Usage } from '@kagura-ts/provider';
import type { CompletionUsage } from 'openai/resources/completions';

/**
 * Converts Chat Completions token usage; missing counts (some compatible servers) are zero.
 * Prompt-cache writes (`cache_write_tokens`, which newer models report and bill) are reported
 * only when there were any.
 */
export function convertOpenAIUsage(usage: CompletionUsage | null | undefined): Usage {
  const details = usage?.prompt_tokens_details;
  const writes = details?.cache_write_tokens ?? 0;
  return {
    inputTokens: usage?.prompt_tokens ?? 0,
    outputTokens: usage?.completion_tokens ?? 0,
    cachedInputTokens: details?.cached_tokens ?? 0,
    ...(writes > 0 ? { cacheWriteInputTokens: writes } : {}),
  };
}
