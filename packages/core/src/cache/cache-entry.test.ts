import { describe, expect, it } from 'vitest';
import { parseCacheEntry } from './cache-entry.js';

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
