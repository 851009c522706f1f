import type { StreamEvent } from '@kagura-ts/provider';
import { isRecord } from '@kagura-ts/provider';
import { StreamResponseBuilder } from '../stream/stream-response-builder.js';
import type { CachedResponse, TimedEvent } from './cache-entry.js';
import { canonicalJson } from './canonical-json.js';

/**
 * Whether a stored entry's events are a stream that ends in the entry's own response: timed,
 * well-formed text deltas and tool calls, then one finish event, last, which rebuild (as a
 * stream reader would) the same text, tool calls, finish reason, usage and model. An entry that
 * fails this would replay as a failed or different answer, so it is corrupt. It runs on every
 * streamed hit, so it is one pass over the events.
 */
export function storedEventsMatch(
  events: readonly unknown[],
  response: CachedResponse,
): events is TimedEvent[] {
  const builder = new StreamResponseBuilder();
  const last = events.length - 1;
  for (let index = 0; index <= last; index += 1) {
    const timed = events[index];
    if (!isRecord(timed) || typeof timed.at !== 'number' || !(timed.at >= 0)) return false;
    const { event } = timed;
    if (!isStoredEvent(event) || (event.type === 'finish') !== (index === last)) return false;
    builder.add(event);
  }
  // The last event is a finish event, so this does not throw.
  const rebuilt = last < 0 ? undefined : builder.build('');
  return (
    rebuilt !== undefined &&
    rebuilt.text === response.text &&
    rebuilt.finishReason === response.finishReason &&
    rebuilt.model === response.model &&
    sameUsage(rebuilt.usage, response.usage) &&
    sameToolCalls(rebuilt.toolCalls, response.toolCalls)
  );
}

// The events a model's stream stores: never an error (a failed stream is not stored) nor a
// tool result (the tool loop's, not the model's).
function isStoredEvent(value: unknown): value is StreamEvent {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'text-delta':
      return typeof value.text === 'string';
    case 'tool-call':
      return typeof value.toolCallId === 'string' && typeof value.toolName === 'string';
    case 'finish':
      return (
        typeof value.finishReason === 'string' &&
        typeof value.model === 'string' &&
        isRecord(value.usage) &&
        typeof value.usage.inputTokens === 'number' &&
        typeof value.usage.outputTokens === 'number' &&
        typeof value.usage.cachedInputTokens === 'number'
      );
    default:
      return false;
  }
}

function sameUsage(first: CachedResponse['usage'], second: CachedResponse['usage']): boolean {
  return (
    first.inputTokens === second.inputTokens &&
    first.outputTokens === second.outputTokens &&
    first.cachedInputTokens === second.cachedInputTokens &&
    (first.cacheWriteInputTokens ?? 0) === (second.cacheWriteInputTokens ?? 0) &&
    (first.cacheWrite1hInputTokens ?? 0) === (second.cacheWrite1hInputTokens ?? 0)
  );
}

function sameToolCalls(
  rebuilt: CachedResponse['toolCalls'],
  stored: CachedResponse['toolCalls'],
): boolean {
  if (rebuilt.length !== stored.length) return false;
  return rebuilt.every((call, index) => {
    const other = stored[index];
    return (
      other !== undefined &&
      call.toolCallId === other.toolCallId &&
      call.toolName === other.toolName &&
      canonicalJson(call.input) === canonicalJson(other.input)
    );
  });
}
