import type { ReplyPlan } from '../../wire/reply-plan.js';

/**
 * Writes a plan's token counts as an OpenAI `usage` object (JSON body and usage chunk alike):
 * `prompt_tokens` is the whole prompt, `cached_tokens` the part of it read from the prompt cache.
 */
export function openaiUsage(plan: ReplyPlan): object {
  return {
    prompt_tokens: plan.promptTokens,
    completion_tokens: plan.completionTokens,
    total_tokens: plan.promptTokens + plan.completionTokens,
    prompt_tokens_details: { cached_tokens: plan.promptCache.readTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
