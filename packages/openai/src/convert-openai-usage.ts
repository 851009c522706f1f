import type { Usage } from '@kagura-ts/provider';
import type { CompletionUsage } from 'openai/resources/completions';

/** Converts Chat Completions token usage; missing counts (some compatible servers) are zero. */
export function convertOpenAIUsage(usage: CompletionUsage | null | undefined): Usage {
  return {
    inputTokens: usage?.prompt_tokens ?? 0,
    outputTokens: usage?.completion_tokens ?? 0,
    cachedInputTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
  };
}
