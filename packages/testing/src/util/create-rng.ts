/**
 * A small seeded pseudo-random number generator. The same seed always yields the same sequence,
 * which keeps simulated replies, generated JSON and latency jitter reproducible.
 */
export interface Rng {
  /** Returns a float in `[0, 1)`. */
  next(): number;
  /** Returns an integer in `[min, max]` (both inclusive). */
  integer(min: number, max: number): number;
  /** Returns one element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

/**
 * Creates a seeded {@link Rng} (mulberry32: tiny, fast and good enough for test data).
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.integer(1, 6); // the same number every run
 * ```
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    integer(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    pick(items) {
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
  };
}
