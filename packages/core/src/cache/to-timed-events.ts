import type { StreamEvent } from '@kagura-ts/provider';
import type { CachedResponse, TimedEvent } from './cache-entry.js';

// Words with their trailing space, so a replay reads like the original stream.
const chunkPattern = /\S+\s*|\s+/g;

/**
 * The stream events of an answer that was not streamed (a plain call's, served to a stream
 * call): its text in word-sized deltas, its tool calls, and the finish event. Never one chunk.
 */
export function toTimedEvents(response: CachedResponse): TimedEvent[] {
  const events: StreamEvent[] = [];
  for (const [text] of response.text.matchAll(chunkPattern))
    events.push({ type: 'text-delta', text });
  for (const call of response.toolCalls) {
    events.push({
      type: 'tool-call',
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      input: call.input,
    });
  }
  events.push({
    type: 'finish',
    finishReason: response.finishReason,
    usage: response.usage,
    model: response.model,
  });
  return events.map((event) => ({ at: 0, event }));
}
