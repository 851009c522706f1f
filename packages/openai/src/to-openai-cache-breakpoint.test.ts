import { describe, expect, it } from 'vitest';
import { toOpenAICacheBreakpoint } from './to-openai-cache-breakpoint.js';

describe('toOpenAICacheBreakpoint', () => {
  it("should leave '5m' to OpenAI's 30-minute default and make '1h' '12h'", () => {
    expect(toOpenAICacheBreakpoint({})).toEqual({ mode: 'explicit' });
    expect(toOpenAICacheBreakpoint({ ttl: '5m' })).toEqual({ mode: 'explicit' });
    expect(toOpenAICacheBreakpoint({ ttl: '1h' })).toEqual({ mode: 'explicit', ttl: '12h' });
  });
});
