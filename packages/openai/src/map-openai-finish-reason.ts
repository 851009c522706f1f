import type { FinishReason } from '@kagura-ts/provider';

/**
 * Maps a Chat Completions `finish_reason` to Kagura's: `stop`, `length`, `tool_calls` (and the
 * deprecated `function_call`) and `content_filter`; anything else is `other`.
 */
export function mapOpenAIFinishReason(finishReason: string | null | undefined): FinishReason {
  switch (finishReason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'other';
  }
}
