import type { ParsedRequest } from '../../wire/parsed-request.js';
import type { ReplyPlan } from '../../wire/reply-plan.js';
import { anthropicMessageUsage } from './anthropic-usage.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';

/**
 * Builds the Anthropic `message` object of a planned reply: the JSON body, and (emptied) the
 * `message_start` event of a stream.
 */
export function buildAnthropicMessage(
  plan: ReplyPlan,
  parsed: ParsedRequest,
  requestNumber: number,
): Record<string, unknown> {
  const text = plan.textTokens.join('');
  const withText = text !== '' || plan.toolCalls.length === 0;
  return {
    id: `msg_sim${requestNumber}`,
    type: 'message',
    role: 'assistant',
    model: parsed.info.model,
    content: [
      ...(withText ? [{ type: 'text', text, citations: null }] : []),
      ...plan.toolCalls.map((call) => ({
        type: 'tool_use',
        id: `toolu_${call.id}`,
        name: call.name,
        input: JSON.parse(call.arguments) as unknown,
        caller: { type: 'direct' },
      })),
    ],
    stop_reason: mapAnthropicStopReason(plan),
    stop_sequence: plan.stopSequence,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: anthropicMessageUsage(plan, plan.completionTokens),
  };
}
