import type { ReplyPlan } from '../../wire/reply-plan.js';
import { openaiTakesCacheBreakpoints } from './openai-takes-cache-breakpoints.js';

/**
 * Writes a plan's token counts as an OpenAI `usage` object (JSON body and usage chunk alike):
 * `prompt_tokens` is the whole prompt, `cached_tokens` the part of it read from the prompt cache,
 * and, for models that bill writes (gpt-5.6 and later), `cache_write_tokens` the part written.
 */
export function openaiUsage(plan: ReplyPlan, model: string): object {
  const cache = plan.promptCache;
  return {
    prompt_tokens: plan.promptTokens,
    completion_tokens: plan.completionTokens,
    total_tokens: plan.promptTokens + plan.completionTokens,
    prompt_tokens_details: {
      cached_tokens: cache.readTokens,
      audio_tokens: 0,
      ...(openaiTakesCacheBreakpoints(model) && { cache_write_tokens: cache.writeTokens }),
    },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
