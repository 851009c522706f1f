import type { Rng } from '@kagura-ts/testing';

/** Draws ranks `0..size-1` with probability proportional to `1 / (rank + 1) ** exponent`. */
export interface ZipfSampler {
  /** The next rank. */
  next(): number;
}

/**
 * A seeded Zipf sampler over `size` ranks (inverse transform over the cumulative weights, so each
 * draw is one binary search). Rank 0 is the most frequent.
 *
 * @example
 * ```ts
 * const zipf = createZipfSampler({ size: 300, exponent: 1.1, rng: createRng(1) });
 * zipf.next(); // 0 most often, then 1, ...
 * ```
 */
export function createZipfSampler(options: {
  size: number;
  exponent: number;
  rng: Rng;
}): ZipfSampler {
  const { size, exponent, rng } = options;
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 0; rank < size; rank += 1) {
    total += 1 / (rank + 1) ** exponent;
    cumulative.push(total);
  }
  return {
    next() {
      const target = rng.next() * total;
      let low = 0;
      let high = size - 1;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((cumulative[middle] as number) < target) low = middle + 1;
        else high = middle;
      }
      return low;
    },
  };
}
