import type { ReplyPlan } from '../../wire/reply-plan.js';

/** The Anthropic `stop_reason` of a planned reply. */
export function mapAnthropicStopReason(plan: ReplyPlan): string {
  switch (plan.finishReason) {
    case 'length':
      return 'max_tokens';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
      return 'refusal';
    default:
      return plan.stopSequence === null ? 'end_turn' : 'stop_sequence';
  }
}
