import { describe, expect, it } from 'vitest';
import { lruHitRate } from './extra-long-tail.js';

describe('lruHitRate', () => {
  it('should count a repeat as a hit only while the item is among the last used', () => {
    // Capacity 2: 1 and 2 fill it; 1 hits (and becomes the newest); 3 evicts 2; 2 misses, evicting 1.
    expect(lruHitRate([1, 2, 1, 3, 2, 1], 2)).toBeCloseTo(1 / 6);
  });

  it('should give every repeat when the capacity holds every item', () => {
    expect(lruHitRate([1, 2, 1, 3, 2, 1], 3)).toBeCloseTo(3 / 6);
  });
});
