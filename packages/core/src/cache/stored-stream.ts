import type { StreamEvent } from '@kagura-ts/provider';
import type { CachedResponse, TimedEvent } from './cache-entry.js';

// A streamed answer is stored as its response plus, in `CacheEntry.stream`, the shape of its
// stream: for each event before the finish, a code (a text delta of n UTF-16 code units, the
// next n of the response's text, is 2n; the response's next tool call is 1) and the milliseconds
// since the event before it; then the finish event's milliseconds (its fields are the
// response's). Each number is a base64url VLQ, as in source maps: 5 bits per character, the
// sixth saying another follows. A token-sized delta arriving within 31 ms of the one before it
// costs two characters, against ~50 for the event as JSON; the text is stored once.
// Hand-written rather than a library's because it is twenty lines, and the VLQ codecs on npm
// (e.g. @jridgewell/sourcemap-codec) encode source-map segments, signed and grouped, not this.

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const digitOf = new Int8Array(128).fill(-1);
for (let index = 0; index < alphabet.length; index += 1)
  digitOf[alphabet.charCodeAt(index)] = index;

// Gaps are clamped to this (about 6 days), so that a stored number always fits 30 bits.
const maxGapMs = 2 ** 29;

/** The `CacheEntry.stream` of a stream's events (which `storedEventsMatch` its response). */
export function encodeStoredStream(events: readonly TimedEvent[]): string {
  let stream = '';
  let previous = 0;
  for (const { at, event } of events) {
    const gap = Math.min(maxGapMs, Math.max(0, Math.round(at - previous)));
    previous = Math.max(previous, at);
    if (event.type === 'finish') return stream + encodeNumber(gap);
    if (event.type === 'text-delta') stream += encodeNumber(2 * event.text.length);
    else if (event.type === 'tool-call') stream += encodeNumber(1);
    else throw new Error(`A stored stream has no '${event.type}' events.`);
    stream += encodeNumber(gap);
  }
  throw new Error('A stored stream ends with its finish event.');
}

/**
 * Whether `stream` is a stored stream that rebuilds `response`: well-formed numbers, text deltas
 * that add up to its text, as many tool calls as it has, and the finish last. One pass, no
 * allocation: it runs on every streamed entry read from a store.
 */
export function isStoredStream(stream: unknown, response: CachedResponse): stream is string {
  if (typeof stream !== 'string') return false;
  const reader = new StreamReader(stream);
  let textLength = 0;
  let toolCalls = 0;
  let values = 0;
  while (!reader.done()) {
    const value = reader.next();
    if (value < 0) return false;
    values += 1;
    // Odd places hold codes, even ones gaps; the last value is the finish event's gap.
    if (values % 2 === 1 && !reader.done()) {
      if (value === 1) toolCalls += 1;
      else if (value % 2 === 0) textLength += value / 2;
      else return false;
    }
  }
  return (
    values % 2 === 1 &&
    textLength === response.text.length &&
    toolCalls === response.toolCalls.length
  );
}

/**
 * The events of a stored stream (see {@link isStoredStream}), each a new object the caller may
 * change: text deltas cut from the response's text, its tool calls and finish copied.
 */
export function* storedStreamEvents(
  stream: string,
  response: CachedResponse,
): Generator<StreamEvent, void, undefined> {
  const reader = new StreamReader(stream);
  let offset = 0;
  let toolCall = 0;
  for (;;) {
    const code = reader.next();
    if (reader.done()) break;
    reader.next();
    if (code === 1) {
      yield toolCallEvent(response, toolCall);
      toolCall += 1;
    } else {
      const end = offset + code / 2;
      yield { type: 'text-delta', text: response.text.slice(offset, end) };
      offset = end;
    }
  }
  yield finishEvent(response);
}

/** The events of a stored stream with their offsets, for a paced replay or a shared flight. */
export function storedStreamTimedEvents(stream: string, response: CachedResponse): TimedEvent[] {
  const reader = new StreamReader(stream);
  const events: TimedEvent[] = [];
  let offset = 0;
  let toolCall = 0;
  let at = 0;
  for (;;) {
    const code = reader.next();
    if (reader.done()) {
      events.push({ at: at + code, event: finishEvent(response) });
      return events;
    }
    at += reader.next();
    if (code === 1) {
      events.push({ at, event: toolCallEvent(response, toolCall) });
      toolCall += 1;
    } else {
      const end = offset + code / 2;
      events.push({ at, event: { type: 'text-delta', text: response.text.slice(offset, end) } });
      offset = end;
    }
  }
}

function toolCallEvent(response: CachedResponse, index: number): StreamEvent {
  const call = response.toolCalls[index]!;
  return {
    type: 'tool-call',
    toolCallId: call.toolCallId,
    toolName: call.toolName,
    input: structuredClone(call.input),
  };
}

function finishEvent(response: CachedResponse): StreamEvent {
  return {
    type: 'finish',
    finishReason: response.finishReason,
    usage: { ...response.usage },
    model: response.model,
  };
}

function encodeNumber(value: number): string {
  let rest = value;
  let digits = '';
  do {
    const low = rest & 31;
    rest >>>= 5;
    digits += alphabet[rest > 0 ? low | 32 : low];
  } while (rest > 0);
  return digits;
}

// Reads the numbers of a stored stream in order.
class StreamReader {
  private index = 0;

  constructor(private readonly stream: string) {}

  done(): boolean {
    return this.index >= this.stream.length;
  }

  // The next number, or -1 where the text is not a well-formed number (a foreign character, a
  // number cut short, or one over 30 bits).
  next(): number {
    let value = 0;
    let shift = 0;
    for (;;) {
      const code = this.stream.charCodeAt(this.index);
      this.index += 1;
      const digit = code < 128 ? digitOf[code]! : -1;
      if (digit < 0 || shift > 25) return -1;
      value += (digit & 31) * 2 ** shift;
      if ((digit & 32) === 0) return value;
      shift += 5;
    }
  }
}
