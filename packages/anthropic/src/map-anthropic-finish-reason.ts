import type { FinishReason } from '@kagura-ts/provider';

/**
 * Maps a Messages API `stop_reason` to Kagura's: `end_turn` and `stop_sequence` are `stop`,
 * `max_tokens` is `length`, `tool_use` is `tool-calls`, `refusal` is `content-filter`; anything
 * else (`pause_turn`, `model_context_window_exceeded`, ...) is `other`.
 */
export function mapAnthropicFinishReason(stopReason: string | null | undefined): FinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
      return 'length';
    case 'tool_use':
      return 'tool-calls';
    case 'refusal':
      return 'content-filter';
    default:
      return 'other';
  }
}
