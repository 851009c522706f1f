import type { PromptCacheRules } from '@kagura-ts/provider';

/** Options for {@link openAIPromptCacheRules}. */
export interface OpenAIPromptCacheRulesOptions {
  /** Whether requests carry `prompt_cache_breakpoint` markers (a model and server that take them). */
  breakpoints: boolean;
  /** Whether requests carry `prompt_cache_key`. */
  key: boolean;
}

/**
 * What an OpenAI model's prompt cache takes. OpenAI caches prompts of 1024 tokens or more by
 * itself; a model that takes explicit breakpoints (gpt-5.6 and later, on a server that accepts
 * them) also takes three a request. Three, not the four OpenAI writes: in its default
 * (implicit) mode OpenAI adds its own automatic breakpoint and writes the latest three explicit
 * ones, and keeping that automatic one covers whatever Kagura's estimate missed.
 */
export function openAIPromptCacheRules({
  breakpoints,
  key,
}: OpenAIPromptCacheRulesOptions): PromptCacheRules {
  return { maxBreakpoints: breakpoints ? 3 : 0, minimumTokens: 1024, acceptsKey: key };
}
