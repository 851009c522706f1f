import type { ReplyPlan } from '../../wire/reply-plan.js';

// Anthropic reports usage in two shapes, both written here from the plan's token counts: the
// `message` one (JSON body, `message_start`) and the shorter one of the closing `message_delta`.

/** The `usage` of an Anthropic `message`, with `outputTokens` as counted so far. */
export function anthropicMessageUsage(plan: ReplyPlan, outputTokens: number): object {
  return {
    input_tokens: plan.promptTokens,
    output_tokens: outputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    server_tool_use: null,
    service_tier: 'standard',
    inference_geo: null,
    output_tokens_details: null,
    speed: 'standard',
  };
}

/** The `usage` of the closing Anthropic `message_delta` event. */
export function anthropicDeltaUsage(plan: ReplyPlan): object {
  return {
    input_tokens: plan.promptTokens,
    output_tokens: plan.completionTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    server_tool_use: null,
    output_tokens_details: null,
  };
}
