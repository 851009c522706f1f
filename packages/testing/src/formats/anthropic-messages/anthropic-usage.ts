import type { ReplyPlan } from '../../wire/reply-plan.js';

// Anthropic reports usage in two shapes, both written here from the plan's token counts: the
// `message` one (JSON body, `message_start`) and the shorter one of the closing `message_delta`.
// `input_tokens` leaves out the tokens read from and written to the prompt cache.

const ONE_HOUR_MS = 60 * 60_000;

function cacheTokens(plan: ReplyPlan) {
  const { readTokens, writeTokens, writes } = plan.promptCache;
  let oneHour = 0;
  for (const write of writes) if (write.ttlMs >= ONE_HOUR_MS) oneHour += write.tokens;
  return {
    input_tokens: Math.max(0, plan.promptTokens - readTokens - writeTokens),
    cache_creation_input_tokens: writeTokens,
    cache_read_input_tokens: readTokens,
    cache_creation: {
      ephemeral_5m_input_tokens: writeTokens - oneHour,
      ephemeral_1h_input_tokens: oneHour,
    },
  };
}

/** The `usage` of an Anthropic `message`, with `outputTokens` as counted so far. */
export function anthropicMessageUsage(plan: ReplyPlan, outputTokens: number): object {
  const { input_tokens, cache_creation_input_tokens, cache_read_input_tokens, cache_creation } =
    cacheTokens(plan);
  return {
    input_tokens,
    output_tokens: outputTokens,
    cache_creation_input_tokens,
    cache_read_input_tokens,
    cache_creation,
    server_tool_use: null,
    service_tier: 'standard',
    inference_geo: null,
    output_tokens_details: null,
    speed: 'standard',
  };
}

/** The `usage` of the closing Anthropic `message_delta` event (cumulative, as the API sends it). */
export function anthropicDeltaUsage(plan: ReplyPlan): object {
  const { input_tokens, cache_creation_input_tokens, cache_read_input_tokens } = cacheTokens(plan);
  return {
    input_tokens,
    output_tokens: plan.completionTokens,
    cache_creation_input_tokens,
    cache_read_input_tokens,
    server_tool_use: null,
    output_tokens_details: null,
  };
}
