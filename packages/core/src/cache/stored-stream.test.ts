import type { StreamEvent } from '@kagura-ts/provider';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamResponseBuilder } from '../stream/stream-response-builder.js';
import type { CachedResponse, TimedEvent } from './cache-entry.js';
import {
  encodeStoredStream,
  isStoredStream,
  storedStreamEvents,
  storedStreamTimedEvents,
} from './stored-stream.js';

const usage = { inputTokens: 7, outputTokens: 3, cachedInputTokens: 0 };

// A stream of text deltas and tool calls at non-decreasing whole-millisecond offsets, its finish last.
const timedStreams = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc
          .string({ maxLength: 40, unit: 'binary' })
          .map((text): StreamEvent => ({ type: 'text-delta', text })),
        fc.record({
          type: fc.constant('tool-call' as const),
          toolCallId: fc.string(),
          toolName: fc.string(),
          input: fc.jsonValue(),
        }),
      ),
      fc.nat({ max: 5000 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => {
    let at = 0;
    const events: TimedEvent[] = parts.map(([event, gap]) => {
      at += gap;
      return { at, event };
    });
    events.push({ at: at + 1, event: { type: 'finish', finishReason: 'stop', usage, model: 'm' } });
    return events;
  });

function responseOf(events: readonly TimedEvent[]): CachedResponse {
  const builder = new StreamResponseBuilder();
  for (const { event } of events) builder.add(event);
  const { text, toolCalls, finishReason, usage: built, model } = builder.build('test');
  return { text, toolCalls, finishReason, usage: built, model };
}

describe('encodeStoredStream', () => {
  it('should give back the same events and offsets', () => {
    fc.assert(
      fc.property(timedStreams, (events) => {
        const response = responseOf(events);
        const stream = encodeStoredStream(events);
        expect(isStoredStream(stream, response)).toBe(true);
        expect(storedStreamTimedEvents(stream, response)).toEqual(events);
        expect([...storedStreamEvents(stream, response)]).toEqual(events.map(({ event }) => event));
      }),
    );
  });

  it('should store a token-sized delta within 31 ms of the one before in two characters', () => {
    const events: TimedEvent[] = [];
    for (let index = 0; index < 100; index += 1)
      events.push({ at: index * 20, event: { type: 'text-delta', text: 'word ' } });
    events.push({ at: 2000, event: { type: 'finish', finishReason: 'stop', usage, model: 'm' } });
    expect(encodeStoredStream(events)).toHaveLength(201);
  });

  it('should clamp an offset earlier than the one before to a gap of zero', () => {
    const events: TimedEvent[] = [
      { at: 10, event: { type: 'text-delta', text: 'a' } },
      { at: 4, event: { type: 'text-delta', text: 'b' } },
      { at: 12, event: { type: 'finish', finishReason: 'stop', usage, model: 'm' } },
    ];
    const offsets = storedStreamTimedEvents(encodeStoredStream(events), responseOf(events));
    expect(offsets.map(({ at }) => at)).toEqual([10, 10, 12]);
  });
});

describe('storedStreamEvents', () => {
  it('should hand out events the caller may change without changing the response', () => {
    const events: TimedEvent[] = [
      { at: 0, event: { type: 'tool-call', toolCallId: 'c', toolName: 't', input: { a: [1] } } },
      { at: 1, event: { type: 'finish', finishReason: 'tool-calls', usage, model: 'm' } },
    ];
    const response = responseOf(events);
    const [call, finish] = [...storedStreamEvents(encodeStoredStream(events), response)];
    (call as { input: { a: number[] } }).input.a.push(2);
    (finish as { usage: { inputTokens: number } }).usage.inputTokens = 0;
    expect(response.toolCalls[0]?.input).toEqual({ a: [1] });
    expect(response.usage.inputTokens).toBe(7);
  });
});
