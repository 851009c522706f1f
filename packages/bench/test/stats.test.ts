import { describe, expect, it } from 'vitest';
import { compareMedians, medianInterval, summarize } from '../src/stats.js';

describe('medianInterval', () => {
  it('should bound the median by order statistics', () => {
    expect(medianInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ p50Low: 2, p50High: 9 });
  });

  it('should narrow as the sample grows and always contain the median', () => {
    const samples = Array.from({ length: 1000 }, (_, index) => index);
    const summary = summarize(samples);
    expect(summary.p50Low).toBeLessThanOrEqual(summary.p50);
    expect(summary.p50High).toBeGreaterThanOrEqual(summary.p50);
    expect(summary.p50High - summary.p50Low).toBeLessThan(70);
  });

  it('should be NaN for no samples and the sample for one', () => {
    expect(Number.isNaN(medianInterval([]).p50Low)).toBe(true);
    expect(medianInterval([4])).toEqual({ p50Low: 4, p50High: 4 });
  });
});

describe('compareMedians', () => {
  it('should call a difference inside the intervals a tie', () => {
    expect(compareMedians({ p50Low: 10, p50High: 12 }, { p50Low: 11, p50High: 13 })).toBe('tied');
  });

  it('should call ahead or behind only outside both intervals', () => {
    expect(compareMedians({ p50Low: 14, p50High: 15 }, { p50Low: 11, p50High: 13 })).toBe('behind');
    expect(compareMedians({ p50Low: 5, p50High: 6 }, { p50Low: 11, p50High: 13 })).toBe('ahead');
  });
});
