import { describe, expect, it } from 'vitest';
import { createRng } from './create-rng.js';

describe('createRng', () => {
  it('should give the same sequence for the same seed', () => {
    const first = createRng(42);
    const second = createRng(42);
    const a = Array.from({ length: 5 }, () => first.next());
    const b = Array.from({ length: 5 }, () => second.next());
    expect(a).toEqual(b);
  });

  it('should give a different sequence for a different seed', () => {
    expect(createRng(1).next()).not.toBe(createRng(2).next());
  });

  it('should keep integers within the inclusive bounds', () => {
    const rng = createRng(7);
    const seen = new Set<number>();
    for (let index = 0; index < 500; index++) {
      const value = rng.integer(3, 6);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(6);
      seen.add(value);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('should pick an element of the array', () => {
    const rng = createRng(3);
    for (let index = 0; index < 50; index++)
      expect(['a', 'b', 'c']).toContain(rng.pick(['a', 'b', 'c']));
  });
});
