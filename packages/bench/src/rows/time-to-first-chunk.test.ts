import { describe, expect, it } from 'vitest';
import { keptTotals, type StreamTiming } from './time-to-first-chunk.js';

describe('keptTotals', () => {
  it('should match each kept first-delta time to the timing that produced it', () => {
    const timings: StreamTiming[] = [
      { firstUs: 5, totalUs: 50 },
      { firstUs: 3, totalUs: 30 },
      { firstUs: 4, totalUs: 40 },
      { firstUs: 2, totalUs: 20 },
    ];
    // runInterleaved kept the 2nd and the 4th (warmup and discarded calls are left out).
    const totals = keptTotals(new Map([['a', [3, 2]]]), new Map([['a', timings]]));
    expect(totals.get('a')).toEqual([30, 20]);
  });

  it('should give an empty list to a contestant with no timings', () => {
    expect(keptTotals(new Map([['a', [1]]]), new Map()).get('a')).toEqual([]);
  });
});
