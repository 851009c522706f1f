import type { PromptCacheRules } from '@kagura-ts/provider';

/**
 * What an Anthropic model's prompt cache takes: four `cache_control` breakpoints a request, and a
 * prefix of at least its minimum length (4096 tokens for Claude Haiku 4.5 and Opus 4.5, 2048
 * for the older Haiku models, 1024 for the others), as Anthropic documents them. It takes no
 * routing key.
 */
export function anthropicPromptCacheRules(modelId: string): PromptCacheRules {
  return { maxBreakpoints: 4, minimumTokens: minimumTokens(modelId), acceptsKey: false };
}

function minimumTokens(modelId: string): number {
  if (/haiku-4-5|opus-4-5/.test(modelId)) return 4096;
  if (modelId.includes('haiku')) return 2048;
  return 1024;
}
