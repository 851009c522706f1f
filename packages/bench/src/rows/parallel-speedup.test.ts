import { describe, expect, it } from 'vitest';
import { fixedCallLatencyMs } from './parallel-speedup.js';

describe('fixedCallLatencyMs', () => {
  it('should be the time to the first token when every token comes at once', () => {
    expect(
      fixedCallLatencyMs({ timeToFirstTokenMs: 100, tokensPerSecond: Number.POSITIVE_INFINITY }),
    ).toBe(100);
    expect(fixedCallLatencyMs('none')).toBe(0);
  });

  it('should be NaN for a jittered or paced profile', () => {
    expect(
      fixedCallLatencyMs({
        timeToFirstTokenMs: [400, 700],
        tokensPerSecond: Number.POSITIVE_INFINITY,
      }),
    ).toBeNaN();
    expect(fixedCallLatencyMs({ timeToFirstTokenMs: 100, tokensPerSecond: 60 })).toBeNaN();
  });
});
