/** Order statistics of a sample, in the sample's unit. */
export interface Summary {
  /** How many samples. */
  count: number;
  /** The arithmetic mean. */
  mean: number;
  /** The smallest sample. */
  min: number;
  /** The 5th percentile. */
  p5: number;
  /** The first quartile. */
  p25: number;
  /** The median. */
  p50: number;
  /**
   * Lower bound of the median's 95% confidence interval (distribution-free: the order statistic
   * at rank n/2 - 0.98 sqrt(n), from the binomial distribution of ranks).
   */
  p50Low: number;
  /** Upper bound of the median's 95% confidence interval (see {@link Summary.p50Low}). */
  p50High: number;
  /** The third quartile. */
  p75: number;
  /** The 95th percentile. */
  p95: number;
  /** The 99th percentile. */
  p99: number;
  /** The largest sample. */
  max: number;
}

/**
 * The `q` quantile (0..1) of ascending `sorted` samples, interpolating linearly between the two
 * nearest ranks (the "R-7" definition used by numpy and spreadsheets).
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}

/**
 * Summarises samples: mean, extremes, and the percentiles the report uses (p50 and p99, with
 * p25-p75 and p5-p95 as the spread).
 *
 * @example
 * ```ts
 * summarize([3, 1, 2]).p50; // 2
 * ```
 */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    mean: sorted.length === 0 ? Number.NaN : total / sorted.length,
    min: sorted[0] ?? Number.NaN,
    p5: quantile(sorted, 0.05),
    p25: quantile(sorted, 0.25),
    p50: quantile(sorted, 0.5),
    ...medianInterval(sorted),
    p75: quantile(sorted, 0.75),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** The median of a few samples (e.g. repeated wall-time rounds). */
export function median(samples: readonly number[]): number {
  return quantile(
    [...samples].sort((a, b) => a - b),
    0.5,
  );
}

/**
 * The 95% confidence interval of the median of ascending `sorted` samples, by order statistics:
 * ranks n/2 -/+ 1.96 sqrt(n)/2 (normal approximation of the Binomial(n, 1/2) rank), which needs
 * no assumption about the distribution. With fewer than 6 samples the interval is the range.
 *
 * @example
 * ```ts
 * medianInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]); // { p50Low: 2, p50High: 9 }
 * ```
 */
export function medianInterval(sorted: readonly number[]): { p50Low: number; p50High: number } {
  const count = sorted.length;
  if (count === 0) return { p50Low: Number.NaN, p50High: Number.NaN };
  const half = (1.96 * Math.sqrt(count)) / 2;
  const low = Math.max(0, Math.floor(count / 2 - half));
  const high = Math.min(count - 1, Math.ceil(count / 2 + half) - 1);
  return { p50Low: sorted[low] as number, p50High: sorted[high] as number };
}

/**
 * How `ours` compares with `theirs` (lower is better): `behind` or `ahead` only when the two
 * medians' 95% intervals do not overlap, `tied` when the difference is inside the noise.
 */
export function compareMedians(
  ours: Pick<Summary, 'p50Low' | 'p50High'>,
  theirs: Pick<Summary, 'p50Low' | 'p50High'>,
): 'ahead' | 'tied' | 'behind' {
  if (ours.p50Low > theirs.p50High) return 'behind';
  if (ours.p50High < theirs.p50Low) return 'ahead';
  return 'tied';
}
