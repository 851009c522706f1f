import { describe, expect, it } from 'vitest';
import { parseCacheEntry } from './cache-entry.js';
import { encodeStoredStream, storedStreamTimedEvents } from './stored-stream.js';

const entry = {
  version: 1,
  createdAt: 1,
  ttl: 0,
  provider: 'openai',
  model: 'gpt-4o-mini',
  namespace: 'default',
  response: {
    text: 'Hi',
    toolCalls: [],
    finishReason: 'stop',
    usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0 },
    model: 'gpt-4o-mini',
  },
};

describe('parseCacheEntry', () => {
  it('should read a valid envelope from JSON text or an object', () => {
    expect(parseCacheEntry(JSON.stringify(entry))).toEqual(entry);
    expect(parseCacheEntry(entry)).toEqual(entry);
  });

  it('should refuse corrupt, foreign and other-version entries', () => {
    expect(parseCacheEntry('{not json')).toBeUndefined();
    expect(parseCacheEntry({ ...entry, version: 2 })).toBeUndefined();
    expect(parseCacheEntry({ hello: 'world' })).toBeUndefined();
    expect(
      parseCacheEntry({ ...entry, response: { ...entry.response, usage: null } }),
    ).toBeUndefined();
    expect(parseCacheEntry({ ...entry, events: [{ at: 'x' }] })).toBeUndefined();
    // Serialised class instances come back as plain data, never revived.
    expect(parseCacheEntry('{"__proto__":{"polluted":true},"version":1}')).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseCacheEntry with stream events, as entries were stored before compact streams', () => {
  const usage = { inputTokens: 5, outputTokens: 4, cachedInputTokens: 0 };
  const toolCall = {
    type: 'tool-call' as const,
    toolCallId: 'call_1',
    toolName: 'weather',
    input: { city: 'Kyoto', days: 2 },
  };
  const streamed = {
    ...entry,
    response: {
      text: 'Hello there, friend.',
      toolCalls: [toolCall],
      finishReason: 'tool-calls',
      usage,
      model: 'gpt-4o-mini',
    },
    events: [
      { at: 10, event: { type: 'text-delta', text: 'Hello ' } },
      { at: 12, event: { type: 'text-delta', text: 'there, ' } },
      { at: 15, event: { type: 'text-delta', text: 'friend.' } },
      { at: 20, event: toolCall },
      {
        at: 21,
        event: { type: 'finish', finishReason: 'tool-calls', usage, model: 'gpt-4o-mini' },
      },
    ],
  };
  const withEvents = (events: unknown[]) => ({ ...streamed, events });
  const [first, second, third, call, finish] = streamed.events;

  it('should read an entry whose events rebuild its response, in the compact form', () => {
    const { events, ...rest } = streamed;
    const read = parseCacheEntry(JSON.stringify(streamed));
    expect(read).toEqual({ ...rest, stream: encodeStoredStream(events as never) });
    expect(storedStreamTimedEvents(read!.stream!, read!.response)).toEqual(events);
    // Key order inside a tool call's input does not matter.
    const reordered = { ...call, event: { ...toolCall, input: { days: 2, city: 'Kyoto' } } };
    expect(parseCacheEntry(withEvents([first, second, third, reordered, finish]))).toBeDefined();
  });

  it('should refuse an entry whose events never finish', () => {
    expect(parseCacheEntry(withEvents([first, second, third, call]))).toBeUndefined();
    expect(parseCacheEntry(withEvents([]))).toBeUndefined();
  });

  it('should refuse an entry whose events do not add up to its text', () => {
    expect(parseCacheEntry(withEvents([first, third, call, finish]))).toBeUndefined();
    expect(
      parseCacheEntry(withEvents([{ at: 1, event: { type: 'text-delta', text: 12345 } }, finish])),
    ).toBeUndefined();
  });

  it('should refuse an entry with a stored error, a tool result or an unknown event', () => {
    const error = { at: 16, event: { type: 'error', error: { message: 'boom' } } };
    expect(
      parseCacheEntry(withEvents([first, second, third, error, call, finish])),
    ).toBeUndefined();
    const result = {
      at: 16,
      event: { type: 'tool-result', toolCallId: 'c', toolName: 't', output: 1, isError: false },
    };
    expect(
      parseCacheEntry(withEvents([first, second, third, result, call, finish])),
    ).toBeUndefined();
    const unknown = { at: 16, event: { type: 'reasoning', text: 'hm' } };
    expect(
      parseCacheEntry(withEvents([first, second, third, unknown, call, finish])),
    ).toBeUndefined();
  });

  it('should refuse an entry whose tool call events differ from its tool calls or are malformed', () => {
    const other = { ...call, event: { ...toolCall, input: { city: 'Osaka', days: 2 } } };
    expect(parseCacheEntry(withEvents([first, second, third, other, finish]))).toBeUndefined();
    expect(parseCacheEntry(withEvents([first, second, third, finish]))).toBeUndefined();
    expect(parseCacheEntry(withEvents([first, second, third, call, call, finish]))).toBeUndefined();
    const unnamed = { ...call, event: { ...toolCall, toolName: 7 } };
    expect(parseCacheEntry(withEvents([first, second, third, unnamed, finish]))).toBeUndefined();
    const malformed = { ...streamed, response: { ...streamed.response, toolCalls: [42] } };
    expect(parseCacheEntry(malformed)).toBeUndefined();
  });

  it('should refuse an entry whose finish event differs, or is not last', () => {
    const stopped = { ...finish, event: { ...finish?.event, finishReason: 'stop' } };
    expect(parseCacheEntry(withEvents([first, second, third, call, stopped]))).toBeUndefined();
    const otherModel = { ...finish, event: { ...finish?.event, model: 'gpt-4o' } };
    expect(parseCacheEntry(withEvents([first, second, third, call, otherModel]))).toBeUndefined();
    const noUsage = { ...finish, event: { ...finish?.event, usage: undefined } };
    expect(parseCacheEntry(withEvents([first, second, third, call, noUsage]))).toBeUndefined();
    expect(parseCacheEntry(withEvents([first, second, finish, third, call]))).toBeUndefined();
    expect(
      parseCacheEntry(withEvents([first, second, third, call, finish, finish])),
    ).toBeUndefined();
  });

  it('should refuse events with a bad offset', () => {
    const never = { ...first, at: Number.NaN };
    expect(parseCacheEntry(withEvents([never, second, third, call, finish]))).toBeUndefined();
    const negative = { ...first, at: -5 };
    expect(parseCacheEntry(withEvents([negative, second, third, call, finish]))).toBeUndefined();
  });
});

describe('parseCacheEntry with a compact stream', () => {
  const response = {
    text: 'Hello there',
    toolCalls: [{ type: 'tool-call' as const, toolCallId: 'c1', toolName: 'weather', input: {} }],
    finishReason: 'tool-calls' as const,
    usage: { inputTokens: 5, outputTokens: 4, cachedInputTokens: 0 },
    model: 'gpt-4o-mini',
  };
  const stream = encodeStoredStream([
    { at: 3, event: { type: 'text-delta', text: 'Hello ' } },
    { at: 3, event: { type: 'text-delta', text: 'there' } },
    { at: 40, event: { ...response.toolCalls[0]! } },
    {
      at: 41,
      event: {
        type: 'finish',
        finishReason: 'tool-calls',
        usage: response.usage,
        model: 'gpt-4o-mini',
      },
    },
  ]);
  const withStream = (value: unknown) => ({ ...entry, response, stream: value });

  it('should read an entry whose stream rebuilds its response', () => {
    expect(parseCacheEntry(JSON.stringify(withStream(stream)))).toEqual(withStream(stream));
  });

  it('should refuse a stream that does not rebuild its response', () => {
    // Cut short, a foreign character, no finish, a text length or a tool call too many.
    for (const tampered of [
      stream.slice(0, -1),
      `${stream.slice(0, -1)}!`,
      `${stream}A`,
      `M${stream}`,
      `BA${stream}`,
      '',
      42,
      '//////////A',
    ]) {
      expect(parseCacheEntry(withStream(tampered)), String(tampered)).toBeUndefined();
    }
  });
});
